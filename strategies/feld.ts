/**
 * Feld.
 * Provenance: submitted by Scott Feld to Axelrod's first tournament, where it came 11th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25). Rule as in Axelrod-Python's `FirstByFeld` (axelrod/strategies/axelrod_first.py,
 * current revision): co-operate first; always defect after a defection by the partner; after a
 * co-operation, co-operate with probability max(1 − 0.5·n/200, 0.5), n being the number of moves
 * already played. Axelrod says only that the probability falls "gradually" to .5 by move 200; the
 * linear decay is Axelrod-Python's reading.
 */
import type { FiniteStateMachine } from '../src/core/strategy.js';
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'feld',
    name: 'Feld',
    description:
      'Tit-for-tat that grows less trustworthy: it always defects after a defection, but after a co-operation it co-operates with a probability that falls linearly from 1 to 0.5 over the first 200 moves and stays there.',
    provenance: "Scott Feld; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25.",
    classifier: { memoryDepth: 200, stochastic: true },
    parameters: {
      startCooperation: { default: 1, description: 'probability of co-operating after a C at the start', min: 0, max: 1 },
      endCooperation: { default: 0.5, description: 'the probability it decays to (at most startCooperation)', min: 0, max: 1 },
      roundsOfDecay: { default: 200, description: 'number of moves over which the probability decays linearly', min: 1, max: 100_000 },
    },
  },
  (parameters): FiniteStateMachine => {
    const start = parameters.startCooperation!;
    const end = parameters.endCooperation!;
    const decay = parameters.roundsOfDecay!;
    const slope = (end - start) / decay;
    const probability = (played: number) => Math.min(1, Math.max(start + slope * played, end));
    // State 0 is move 1. For n = 1..last, state 2n-1 follows a C and state 2n a D by the
    // partner, with n moves played; `last` stands for every n past the decay, where the
    // probability no longer changes.
    const last = Math.max(1, Math.ceil(decay)) + 1;
    const cooperate: number[] = [1];
    const next: (readonly [number, number, number, number])[] = [[1, 2, 1, 2]];
    for (let played = 1; played <= last; played++) {
      const following = Math.min(played + 1, last);
      const row = [2 * following - 1, 2 * following, 2 * following - 1, 2 * following] as const;
      cooperate.push(probability(played), 0);
      next.push(row, row);
    }
    return { initial: 0, cooperate, next };
  },
);
