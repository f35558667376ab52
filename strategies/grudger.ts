/**
 * Grudger (Grim Trigger, Spiteful).
 * Provenance: Friedman, J. W. (1971) "A non-cooperative equilibrium for supergames",
 * Review of Economic Studies 38(1):1–12; the "Friedman" rule in Axelrod's first tournament.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const TRUSTING = 0;
const GRUDGE = 1;

export default finiteStateStrategy(
  {
    id: 'grudger',
    name: 'Grudger',
    description: 'Co-operates until the partner defects once, then defects for ever: a firm that never forgives a betrayal.',
    provenance: 'Friedman, J. W. (1971) A non-cooperative equilibrium for supergames, Review of Economic Studies 38(1):1-12.',
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  {
    initial: TRUSTING,
    cooperate: [1, 0],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D).
    next: [
      [TRUSTING, GRUDGE, TRUSTING, GRUDGE],
      [GRUDGE, GRUDGE, GRUDGE, GRUDGE],
    ],
  },
);
