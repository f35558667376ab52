/**
 * Cycler CCCCCD.
 * Provenance: a fixed-period player from the Axelrod-Python library (Knight et al. 2016,
 * "An open framework for the reproducible study of the iterated prisoner's dilemma", J. Open
 * Research Software 4(1)); "Cycler CCCCCD", original name by Marc Harper.
 * Rule as in Axelrod-Python's `CyclerCCCCCD` (axelrod/strategies/cycler.py, current revision):
 * repeat C, C, C, C, C, D whatever the partner does.
 */
import { cycleMachine, finiteStateStrategy } from '../src/authoring/define.js';

const PATTERN = 'CCCCCD';

export default finiteStateStrategy(
  {
    id: 'cycler-cccccd',
    name: 'Cycler CCCCCD',
    description:
      'Plays the fixed cycle C, C, C, C, C, D over and over, ignoring the partner: a probe for how strategies treat a predictable partner that defects on a fixed schedule.',
    provenance:
      "Knight, V. et al. (2016) An open framework for the reproducible study of the iterated prisoner's dilemma, J. Open Research Software 4(1) (Cycler CCCCCD, original name by Marc Harper).",
    classifier: { memoryDepth: 5, stochastic: false },
  },
  cycleMachine(PATTERN),
);
