/**
 * Bully (Reverse Tit For Tat).
 * Provenance: Nachbar, J. H. (1992) "Evolution in the finitely repeated prisoner's dilemma",
 * J. Economic Behavior & Organization 19(3):307–326; "Bully" in the Axelrod-Python library.
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'bully',
    name: 'Bully',
    description: 'Defects first; afterwards co-operates only if the partner defected last round: it pushes the meek around and backs down when resisted.',
    provenance: "Nachbar, J. H. (1992) Evolution in the finitely repeated prisoner's dilemma, Journal of Economic Behavior & Organization 19(3):307-326.",
    classifier: { memoryDepth: 1, stochastic: false },
  },
  { first: 0, CC: 0, CD: 1, DC: 0, DD: 1 },
);
