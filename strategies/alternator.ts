/**
 * Alternator.
 * Provenance: the fixed C, D, C, D… pattern used as a probe since Axelrod's tournaments;
 * "Alternator" in the Axelrod-Python library (Knight et al. 2016, J. Open Research Software 4(1)).
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'alternator',
    name: 'Alternator',
    description: 'Co-operates first, then plays the opposite of its own last move: C, D, C, D, … whatever the partner does.',
    provenance:
      'Axelrod, R. (1984) The Evolution of Cooperation; "Alternator" in Knight, V. et al. (2016) An open framework for the reproducible study of the iterated prisoner\'s dilemma, J. Open Research Software 4(1).',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  { first: 1, CC: 0, CD: 0, DC: 1, DD: 1 },
);
