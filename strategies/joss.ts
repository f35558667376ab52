/**
 * Joss.
 * Provenance: submitted by Johann Joss to Axelrod's first tournament, where it came 12th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25). Rule as in Axelrod-Python's `FirstByJoss` (axelrod/strategies/axelrod_first.py,
 * current revision): the memory-one four-vector (p, 0, p, 0) with p = 0.9, co-operating first.
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'joss',
    name: 'Joss',
    description:
      'A sneaky tit-for-tat: co-operates first, always defects after the partner defects, but after the partner co-operates it co-operates only 90% of the time, slipping in an unprovoked defection now and then.',
    provenance: "Johann Joss; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25.",
    classifier: { memoryDepth: 1, stochastic: true },
    parameters: {
      p: { default: 0.9, description: 'probability of co-operating after the partner co-operated', min: 0, max: 1 },
    },
  },
  (parameters) => {
    const p = parameters.p!;
    return { first: 1, CC: p, CD: 0, DC: p, DD: 0 };
  },
);
