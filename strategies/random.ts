/**
 * Random.
 * Provenance: the RANDOM rule entered alongside the fourteen programs of Axelrod's first
 * tournament (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict
 * Resolution 24(1):3–25); "Lunatic" in Tzafestas (2000). Rule as in Axelrod-Python's
 * `Random` (axelrod/strategies/rand.py): co-operate with probability p every round.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'random',
    name: 'Random',
    description:
      'Ignores the partner entirely and co-operates with probability p (one half by default) each round: the noise floor against which Axelrod measured his entrants.',
    provenance:
      'Axelrod, R. (1980) Effective choice in the prisoner\'s dilemma, Journal of Conflict Resolution 24(1):3-25 (the RANDOM rule); Tzafestas, E. (2000) Toward adaptive cooperative behavior ("Lunatic").',
    classifier: { memoryDepth: 0, stochastic: true },
    parameters: {
      p: { default: 0.5, description: 'probability of co-operating each round', min: 0, max: 1 },
    },
  },
  // One state; the engine draws a number only when 0 < p < 1 (p = 0 or 1 is Defector or Cooperator).
  (parameters) => ({ initial: 0, cooperate: [parameters.p!], next: [[0, 0, 0, 0]] }),
);
