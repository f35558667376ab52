/**
 * Forgiving Tit For Tat.
 * Provenance: from the Axelrod-Python library (Knight et al. 2016, "An open framework for the
 * reproducible study of the iterated prisoner's dilemma", J. Open Research Software 4(1)),
 * original name by Thomas Campbell. Rule as in Axelrod-Python's `ForgivingTitForTat`
 * (axelrod/strategies/forgiver.py, current revision): repeat the partner's last move if the
 * partner has defected in more than 10% of its moves so far, otherwise co-operate.
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'forgiving-tit-for-tat',
    name: 'Forgiving Tit For Tat',
    description:
      "Tit-for-tat that overlooks occasional lapses: it copies the partner's last move only once the partner has defected in more than a tenth of its moves; a partner below that rate gets co-operation even right after a defection.",
    provenance:
      "Thomas Campbell; Knight, V. et al. (2016) An open framework for the reproducible study of the iterated prisoner's dilemma, J. Open Research Software 4(1).",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  () => ({
    move: ({ opponent }) => (opponent.defections > opponent.length / 10 ? opponent.last! : 'C'),
  }),
);
