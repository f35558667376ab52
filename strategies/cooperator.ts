/**
 * Cooperator (ALLC).
 * Provenance: the unconditional co-operator of Axelrod (1984), The Evolution of Cooperation.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'cooperator',
    name: 'Cooperator',
    description: 'Always co-operates, whatever the partner does. The naive pioneer of a cluster: it is exploited by every opportunist.',
    provenance: 'Axelrod, R. (1984) The Evolution of Cooperation, Basic Books (ALLC).',
    classifier: { memoryDepth: 0, stochastic: false },
  },
  { initial: 0, cooperate: [1], next: [[0, 0, 0, 0]] },
);
