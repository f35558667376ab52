/**
 * Tester.
 * Provenance: submitted by David Gladstein to Axelrod's second tournament, where it came 46th
 * (Axelrod 1980, "More effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(3):379–403). Rule as in Axelrod-Python's `SecondByTester` (axelrod/strategies/axelrod_second.py,
 * current revision): defect on move 1; the first time the partner defects, apologise with a C and
 * play tit-for-tat for the rest of the game; while the partner never defects, co-operate on moves 2
 * and 3 and then alternate, playing the opposite of its own last move.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const OPEN = 0; // move 1: D
const SECOND = 1; // move 2: C (no defection seen yet)
const THIRD = 2; // move 3: C (no defection seen yet)
const ALTERNATE_D = 3; // exploiting: D, then the opposite of its own last move
const ALTERNATE_C = 4; // exploiting: C, then the opposite of its own last move
const TFT_COOPERATE = 5; // tit-for-tat after a C by the partner; also the apology after its first D
const TFT_DEFECT = 6; // tit-for-tat after a D by the partner

export default finiteStateStrategy(
  {
    id: 'tester',
    name: 'Tester',
    description:
      'Opens with a defection to test the partner. If the partner ever defects, it apologises with one co-operation and plays tit-for-tat from then on; as long as the partner never defects, it co-operates on moves 2 and 3 and then alternates D and C to exploit it.',
    provenance: "David Gladstein; Axelrod, R. (1980) More effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(3):379-403.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  {
    initial: OPEN,
    cooperate: [0, 1, 1, 0, 1, 1, 0],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D). Alternation flips the move as played.
    next: [
      [SECOND, TFT_COOPERATE, SECOND, TFT_COOPERATE],
      [THIRD, TFT_COOPERATE, THIRD, TFT_COOPERATE],
      [ALTERNATE_D, TFT_COOPERATE, ALTERNATE_C, TFT_COOPERATE],
      [ALTERNATE_D, TFT_COOPERATE, ALTERNATE_C, TFT_COOPERATE],
      [ALTERNATE_D, TFT_COOPERATE, ALTERNATE_C, TFT_COOPERATE],
      [TFT_COOPERATE, TFT_DEFECT, TFT_COOPERATE, TFT_DEFECT],
      [TFT_COOPERATE, TFT_DEFECT, TFT_COOPERATE, TFT_DEFECT],
    ],
  },
);
