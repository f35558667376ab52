/**
 * Tit For Tat.
 * Provenance: submitted by Anatol Rapoport; winner of Axelrod's first tournament
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution 24(1):3–25).
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'tit-for-tat',
    name: 'Tit For Tat',
    description: "Co-operates on the first move, then repeats the partner's last move: nice, retaliatory, forgiving and clear.",
    provenance: "Anatol Rapoport; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25.",
    classifier: { memoryDepth: 1, stochastic: false },
  },
  { first: 1, CC: 1, CD: 0, DC: 1, DD: 0 },
);
