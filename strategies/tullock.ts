/**
 * Tullock.
 * Provenance: submitted by Gordon Tullock to Axelrod's first tournament, where it came 13th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25), after Overcast & Tullock (1971). Rule as in Axelrod-Python's `FirstByTullock`
 * (axelrod/strategies/axelrod_first.py, current revision): co-operate on the first 11 moves;
 * then co-operate with probability max(0, c/10 − 0.1), c being the partner's co-operations in
 * its last 10 moves. ("10% less" is read as 0.1 less, as Axelrod-Python reads it. Older
 * revisions looked at the last 11 moves and declared memory depth 11; the current one uses 10
 * and declares unbounded memory, which is what is declared here.)
 */
import type { FiniteStateMachine } from '../src/core/strategy.js';
import { finiteStateStrategy } from '../src/authoring/define.js';

const OPENING = 11;
const WINDOW = 10;
const MASK = (1 << WINDOW) - 1;

/**
 * The state records the number of moves played n (capped at OPENING) and the partner's moves as
 * a shift register of D-bits, newest in bit 0. While n <= WINDOW the register holds all n moves
 * (2^n states); from n = OPENING on, exactly the last WINDOW. offset(n) is the first state of n.
 */
function offset(played: number): number {
  return played <= WINDOW ? (1 << played) - 1 : (1 << (WINDOW + 1)) - 1;
}

function buildMachine(): FiniteStateMachine {
  const total = offset(OPENING) + (1 << WINDOW);
  const cooperate = new Array<number>(total);
  const next = new Array<readonly [number, number, number, number]>(total);
  for (let played = 0; played <= OPENING; played++) {
    const size = 1 << Math.min(played, WINDOW);
    const following = Math.min(played + 1, OPENING);
    for (let bits = 0; bits < size; bits++) {
      const state = offset(played) + bits;
      if (played < OPENING) {
        cooperate[state] = 1;
      } else {
        let defections = 0;
        for (let b = bits; b !== 0; b &= b - 1) defections++;
        cooperate[state] = Math.max(0, (WINDOW - defections) / WINDOW - 0.1);
      }
      const afterC = offset(following) + ((bits << 1) & MASK);
      const afterD = offset(following) + (((bits << 1) | 1) & MASK);
      next[state] = [afterC, afterD, afterC, afterD];
    }
  }
  return { initial: 0, cooperate, next };
}

export default finiteStateStrategy(
  {
    id: 'tullock',
    name: 'Tullock',
    description:
      "Co-operates on the first eleven moves; after that it co-operates at random, a little less often than the partner did lately: with probability 0.1 below the partner's co-operation rate over its last ten moves.",
    provenance: "Gordon Tullock; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25.",
    classifier: { memoryDepth: Infinity, stochastic: true },
  },
  buildMachine(),
);
