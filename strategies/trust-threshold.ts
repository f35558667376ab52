/**
 * Trust Threshold.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §3.1 and §4.1.
 *
 * Rationale. Meyer-Stamer names trust as one of the two mechanisms that stabilise the
 * co-operative game (§3.1: "rules (and sanctions if rules are broken) and the emergence of
 * trust"), and in §4.1 describes firms that, having seen co-operation pay off, "develop a certain
 * degree of trust which permits other, more ambitious and risky co-operation activities". This
 * firm reduces that to its core: it looks at nothing but its trust in the partner, which the
 * lattice raises with the partner's co-operation and lowers with its defections. It co-operates
 * while trust is at least θ and defects otherwise, whatever the activity and the sanctions.
 *
 * Machine: one state; C when `trusted` (trust ≥ θ, the machine's trustThreshold), else D. In a
 * plain tournament the context counts as trusted, so it co-operates unconditionally there.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'trust-threshold',
    name: 'Trust Threshold',
    description:
      "Co-operates whenever its trust in the partner is at least the threshold θ (0.5 by default) and defects otherwise; it ignores the moves themselves, the activity and the sanctions, relying on trust, which grows with the partner's co-operation and falls with its defection. In a plain tournament, where trust is taken as given, it always co-operates.",
    provenance:
      'Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.1 (rules, sanctions and trust stabilise co-operation) and §4.1 (trust permits more ambitious co-operation).',
    classifier: { memoryDepth: 0, stochastic: false },
    parameters: {
      threshold: { default: 0.5, description: 'trust in the partner from which it co-operates (θ)', min: 0, max: 1 },
    },
  },
  (parameters) => ({
    initial: 0,
    cooperate: [(context) => (context.trusted ? 1 : 0)],
    next: [[0, 0, 0, 0]],
    trustThreshold: parameters.threshold!,
  }),
);
