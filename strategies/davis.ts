/**
 * Davis.
 * Provenance: submitted by Morton Davis to Axelrod's first tournament, where it came 8th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25). Rule as in Axelrod-Python's `FirstByDavis` (axelrod/strategies/axelrod_first.py,
 * current revision): co-operate on the first 10 moves, then play Grudger — defect if the partner
 * has defected at any point, including during those first 10 moves.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'davis',
    name: 'Davis',
    description:
      'Co-operates unconditionally for the first ten moves to build trust, then turns into Grudger: from move 11 on it defects for ever if the partner has defected even once, counting the opening moves.',
    provenance: "Morton Davis; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25.",
    classifier: { memoryDepth: Infinity, stochastic: false },
    parameters: {
      roundsToCooperate: { default: 10, description: 'number of opening moves played C unconditionally', min: 0 },
    },
  },
  (parameters) => {
    const opening = Math.max(0, Math.ceil(parameters.roundsToCooperate!));
    // States 0..opening-1: opening move i, partner clean so far; opening..2*opening-1: the
    // same with a defection already seen; then TRUSTING (C) and GRUDGE (D).
    const TRUSTING = 2 * opening;
    const GRUDGE = TRUSTING + 1;
    const cooperate: number[] = [];
    const next: (readonly [number, number, number, number])[] = [];
    for (let i = 0; i < opening; i++) {
      const clean = i + 1 < opening ? i + 1 : TRUSTING;
      const dirty = i + 1 < opening ? opening + i + 1 : GRUDGE;
      cooperate[i] = 1;
      next[i] = [clean, dirty, clean, dirty];
      cooperate[opening + i] = 1;
      next[opening + i] = [dirty, dirty, dirty, dirty];
    }
    cooperate[TRUSTING] = 1;
    next[TRUSTING] = [TRUSTING, GRUDGE, TRUSTING, GRUDGE];
    cooperate[GRUDGE] = 0;
    next[GRUDGE] = [GRUDGE, GRUDGE, GRUDGE, GRUDGE];
    return { initial: opening > 0 ? 0 : TRUSTING, cooperate, next };
  },
);
