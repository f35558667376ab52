/**
 * Grofman.
 * Provenance: submitted by Bernard Grofman to Axelrod's first tournament, where it came 4th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25). Rule as in the current revision of Axelrod-Python's `FirstByGrofman`
 * (axelrod/strategies/axelrod_first.py), which follows Axelrod's one-line description: a
 * memory-one rule. (Older Axelrod-Python revisions co-operated twice, then played
 * tit-for-tat for five moves before applying it; the current one does not.)
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'grofman',
    name: 'Grofman',
    description:
      'Co-operates first and whenever both players did the same thing last round; if they did different things, it co-operates with probability 2/7.',
    provenance: "Bernard Grofman; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25.",
    classifier: { memoryDepth: 1, stochastic: true },
  },
  { first: 1, CC: 1, CD: 2 / 7, DC: 2 / 7, DD: 1 },
);
