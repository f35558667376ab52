/**
 * Go By Majority (Soft Majority).
 * Provenance: Axelrod, R. (1984) The Evolution of Cooperation, Basic Books; submitted by Gail
 * Grisell to Axelrod's second tournament (Axelrod 1980, "More effective choice in the prisoner's
 * dilemma", J. Conflict Resolution 24(3):379–403); "soft_majo" in Mittal & Deb (2009). Rule as in
 * Axelrod-Python's `GoByMajority` with its defaults (axelrod/strategies/gobymajority.py, current
 * revision): over the partner's whole history, defect if it has more defections than
 * co-operations, otherwise (ties included, so on move 1) co-operate.
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'go-by-majority',
    name: 'Go By Majority',
    description:
      "Co-operates as long as the partner has co-operated at least as often as it has defected over the whole relationship, and defects while the partner's defections are in the majority.",
    provenance:
      "Axelrod, R. (1984) The Evolution of Cooperation, Basic Books; Gail Grisell in Axelrod, R. (1980) More effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(3):379-403.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  () => ({
    move: ({ opponent }) => (opponent.defections > opponent.cooperations ? 'D' : 'C'),
  }),
);
