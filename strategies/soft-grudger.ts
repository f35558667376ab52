/**
 * Soft Grudger.
 * Provenance: SGRIM in Li, J., Hingston, P. & Kendall, G. (2011) "Engineering design of
 * strategies for winning iterated prisoner's dilemma competitions", IEEE Trans. Computational
 * Intelligence and AI in Games 3(4):348–360. Rule as in Axelrod-Python's `SoftGrudger`
 * (axelrod/strategies/grudger.py, current revision): co-operate; when the partner defects,
 * answer with the fixed sequence D, D, D, D, C, C (ignoring the partner meanwhile), then
 * go back to co-operating.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const CALM = 0; // co-operating, watching for a defection
// States 1..6 play the punishment D, D, D, D, C, C in order.
const PUNISHMENT = 'DDDDCC';
const LAST = PUNISHMENT.length;

export default finiteStateStrategy(
  {
    id: 'soft-grudger',
    name: 'Soft Grudger',
    description:
      'Co-operates until the partner defects, then punishes with a fixed burst of four defections followed by two peace-offering co-operations, whatever the partner does meanwhile, and goes back to co-operating. A grudger that forgives.',
    provenance:
      "Li, J., Hingston, P. & Kendall, G. (2011) Engineering design of strategies for winning iterated prisoner's dilemma competitions, IEEE Transactions on Computational Intelligence and AI in Games 3(4):348-360.",
    classifier: { memoryDepth: 6, stochastic: false },
  },
  {
    initial: CALM,
    cooperate: [1, ...[...PUNISHMENT].map((move) => (move === 'C' ? 1 : 0))],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D). The last C of the punishment looks
    // at the partner's move again, as CALM does.
    next: [
      [CALM, 1, CALM, 1],
      ...Array.from({ length: LAST }, (_, i) => {
        const state = i + 1;
        if (state === LAST) return [CALM, 1, CALM, 1] as const;
        return [state + 1, state + 1, state + 1, state + 1] as const;
      }),
    ],
  },
);
