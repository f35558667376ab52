/**
 * Hard Tit For Tat.
 * Provenance: "Hard Tit For Tat" in the strategy list of prisoners-dilemma.com (2017), as
 * catalogued in Axelrod-Python (Knight et al. 2016, J. Open Research Software 4(1)). Rule as in
 * Axelrod-Python's `HardTitForTat` (axelrod/strategies/titfortat.py, current revision):
 * co-operate first, then defect if the partner defected in any of its last three moves.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

// State = the partner's last three moves as bits (1 = D), newest in bit 0; before three moves
// have been played the missing ones count as C. It co-operates only in state 0.
const STATES = 8;

export default finiteStateStrategy(
  {
    id: 'hard-tit-for-tat',
    name: 'Hard Tit For Tat',
    description:
      'Co-operates first, then defects whenever the partner defected in any of its last three moves: a tit-for-tat with a three-round memory for grievances.',
    provenance:
      "Hard Tit For Tat in the prisoners-dilemma.com strategy list (2017); Knight, V. et al. (2016) An open framework for the reproducible study of the iterated prisoner's dilemma, J. Open Research Software 4(1).",
    classifier: { memoryDepth: 3, stochastic: false },
  },
  {
    initial: 0,
    cooperate: Array.from({ length: STATES }, (_, state) => (state === 0 ? 1 : 0)),
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D); only the partner's move matters.
    next: Array.from({ length: STATES }, (_, state) => {
      const afterC = (state << 1) & (STATES - 1);
      const afterD = afterC | 1;
      return [afterC, afterD, afterC, afterD] as const;
    }),
  },
);
