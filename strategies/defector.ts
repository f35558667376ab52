/**
 * Defector (ALLD).
 * Provenance: the unconditional defector of Axelrod (1984), The Evolution of Cooperation.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'defector',
    name: 'Defector',
    description: 'Always defects. The pure opportunist of a non-cooperative cluster.',
    provenance: 'Axelrod, R. (1984) The Evolution of Cooperation, Basic Books (ALLD).',
    classifier: { memoryDepth: 0, stochastic: false },
  },
  { initial: 0, cooperate: [0], next: [[0, 0, 0, 0]] },
);
