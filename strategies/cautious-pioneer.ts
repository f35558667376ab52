/**
 * Cautious Pioneer.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §3.2 and §4.1; Roberts, G. & Sherratt, T. N. (1998)
 * "Development of cooperative relationships through increasing investment", Nature 394:175–179.
 *
 * Rationale. The firm that starts the ladder of §4.1 but guards its trade secrets. In the low-risk
 * joint activities that meet Meyer-Stamer's four criteria (immediate problems, not core
 * activities, "little or no latitude for predatory behavior", economies of scale) it is the
 * pioneer: it co-operates first and plays tit-for-tat (Axelrod 1984). (Sonobe & Otsuka's training
 * programmes are another thing: they train managers in management and marketing to spur
 * innovation, not rival firms training together; see docs/sources.md.) Risky co-operation is
 * different: "the most obvious risk is the loss of trade secrets" (§3.2), so it only exchanges
 * technology with a partner it trusts highly (trust ≥ 0.7 by default, above the lattice's default
 * 0.5) *and* that co-operated in their last round — trust "which permits other, more ambitious and
 * risky co-operation activities" (§4.1) plus fresh evidence. A relationship's history carries over
 * between activities, so co-operation earned in training counts as that evidence.
 *
 * Refinement: the opening move of a relationship has no "last round", so in a risky activity it
 * opens with D (the partner has not yet shown co-operation); in a low-risk one it opens with C.
 *
 * Machine: states NEW (before the first round), PARTNER_C, PARTNER_D (the partner's last move).
 * NEW: C if low-risk; PARTNER_C: C if low-risk or trusted; PARTNER_D: D. In a plain tournament
 * (risky, trusted) it is therefore suspicious tit-for-tat: D first, then the partner's last move.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const NEW = 0;
const PARTNER_C = 1;
const PARTNER_D = 2;
const AFTER = [PARTNER_C, PARTNER_D, PARTNER_C, PARTNER_D] as const;

export default finiteStateStrategy(
  {
    id: 'cautious-pioneer',
    name: 'Cautious Pioneer',
    description:
      'In low-risk joint activities it co-operates first and then plays tit-for-tat. In risky co-operation it co-operates only when it trusts the partner highly (trust at least 0.7 by default) and the partner co-operated in their last round; otherwise, including on the opening move, it defects. In a plain tournament it plays suspicious tit-for-tat.',
    provenance:
      'Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.2 (risk of losing trade secrets) and §4.1 (low-risk joint activities first; trust permits risky co-operation); Roberts, G. & Sherratt, T. N. (1998) Development of cooperative relationships through increasing investment, Nature 394:175-179.',
    classifier: { memoryDepth: 1, stochastic: false },
    parameters: {
      threshold: { default: 0.7, description: 'trust in the partner needed for risky co-operation', min: 0, max: 1 },
    },
  },
  (parameters) => ({
    initial: NEW,
    cooperate: [(context) => (context.lowRisk ? 1 : 0), (context) => (context.lowRisk || context.trusted ? 1 : 0), 0],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D); only the partner's move matters.
    next: [AFTER, AFTER, AFTER],
    trustThreshold: parameters.threshold!,
  }),
);
