/**
 * Cycler CCD.
 * Provenance: the periodic player CCD of Mittal, S. & Deb, K. (2009) "Optimal strategies of the
 * iterated prisoner's dilemma problem for multiple conflicting objectives", IEEE Trans.
 * Evolutionary Computation 13(3):554–565; "Cycler CCD" in Axelrod-Python.
 * Rule as in Axelrod-Python's `CyclerCCD` (axelrod/strategies/cycler.py, current revision):
 * repeat C, C, D whatever the partner does.
 */
import { cycleMachine, finiteStateStrategy } from '../src/authoring/define.js';

const PATTERN = 'CCD';

export default finiteStateStrategy(
  {
    id: 'cycler-ccd',
    name: 'Cycler CCD',
    description:
      'Plays the fixed cycle C, C, D over and over, ignoring the partner: a probe for how strategies treat a predictable partner that defects on a fixed schedule.',
    provenance:
      "Mittal, S. & Deb, K. (2009) Optimal strategies of the iterated prisoner's dilemma problem for multiple conflicting objectives, IEEE Transactions on Evolutionary Computation 13(3):554-565 (periodic player CCD).",
    classifier: { memoryDepth: 2, stochastic: false },
  },
  cycleMachine(PATTERN),
);
