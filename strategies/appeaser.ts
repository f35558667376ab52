/**
 * Appeaser.
 * Provenance: Tzafestas, E. (2000) "Toward adaptive cooperative behavior", From Animals to
 * Animats 6; "Appeaser" in the Axelrod-Python library.
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'appeaser',
    name: 'Appeaser',
    description:
      'Co-operates first; when the partner defects it switches its own move, otherwise it repeats its last move. It tries to placate a partner who seems unhappy.',
    provenance: 'Tzafestas, E. (2000) Toward adaptive cooperative behavior, From Animals to Animats 6, MIT Press.',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  // Partner co-operated: repeat own move; partner defected: switch it.
  { first: 1, CC: 1, CD: 0, DC: 0, DD: 1 },
);
