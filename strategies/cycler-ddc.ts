/**
 * Cycler DDC.
 * Provenance: the periodic player DDC of Mittal, S. & Deb, K. (2009) "Optimal strategies of the
 * iterated prisoner's dilemma problem for multiple conflicting objectives", IEEE Trans.
 * Evolutionary Computation 13(3):554–565; "Cycler DDC" in Axelrod-Python.
 * Rule as in Axelrod-Python's `CyclerDDC` (axelrod/strategies/cycler.py, current revision):
 * repeat D, D, C whatever the partner does.
 */
import { cycleMachine, finiteStateStrategy } from '../src/authoring/define.js';

const PATTERN = 'DDC';

export default finiteStateStrategy(
  {
    id: 'cycler-ddc',
    name: 'Cycler DDC',
    description:
      'Plays the fixed cycle D, D, C over and over, ignoring the partner: a probe for how strategies treat a predictable partner that defects on a fixed schedule.',
    provenance:
      "Mittal, S. & Deb, K. (2009) Optimal strategies of the iterated prisoner's dilemma problem for multiple conflicting objectives, IEEE Transactions on Evolutionary Computation 13(3):554-565 (periodic player DDC).",
    classifier: { memoryDepth: 2, stochastic: false },
  },
  cycleMachine(PATTERN),
);
