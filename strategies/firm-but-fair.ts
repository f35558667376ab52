/**
 * Firm But Fair.
 * Provenance: Frean, M. R. (1994) "The prisoner's dilemma without synchrony", Proceedings of
 * the Royal Society B 257(1348):75–79. Rule as in Axelrod-Python's `FirmButFair`
 * (axelrod/strategies/memoryone.py, current revision): four-vector (1, 0, 1, 2/3), co-operating first.
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'firm-but-fair',
    name: 'Firm But Fair',
    description:
      'Co-operates first and after every round in which the partner co-operated; after being suckered (it co-operated, the partner defected) it defects; after mutual defection it offers co-operation again with probability 2/3.',
    provenance: "Frean, M. R. (1994) The prisoner's dilemma without synchrony, Proceedings of the Royal Society B 257(1348):75-79.",
    classifier: { memoryDepth: 1, stochastic: true },
  },
  { first: 1, CC: 1, CD: 0, DC: 1, DD: 2 / 3 },
);
