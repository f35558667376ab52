/**
 * Opportunist.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §2.1, §3.1, §3.2 and §4.1; Sonobe, T. & Otsuka, K.,
 * "an endogenous model of cluster-based industrial development" (information spillovers).
 *
 * Rationale. The mirror image of raise-the-stakes, and the reason raising the stakes has to be
 * guarded. Meyer-Stamer's businessperson is fully aware of the "swift diffusion of information"
 * in a cluster, and "the most obvious risk is the loss of trade secrets" (§3.2); in technological
 * co-operation firms fear that others "get to know pieces of information which they perceive as
 * essential to their competitiveness", and a purchasing co-operative among firms that do not
 * trust each other is easily broken (§4.1). Sonobe & Otsuka stress the same spillovers: "because
 * of imitation or information spillovers, investment in innovation falls short of the social
 * optimum". This firm plays the relational game of §2.1 cynically: it co-operates in low-risk
 * joint activities, where co-operation is cheap and earns it the partner's trust, and defects
 * whenever the stakes are high (a risky activity) — precisely when that trust lets the pair take
 * up technology exchange — whatever the partner did and whatever the sanctions.
 *
 * Machine: one state; C in a low-risk activity, else D. A plain tournament is a risky context, so
 * there it always defects. (The feasibility check in the cluster specification used "opportunists"
 * that always defect; this strategy is the trust-exploiting variant; `defector` is the other.)
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'opportunist',
    name: 'Opportunist',
    description:
      "Exploits trusting partners: co-operates in low-risk joint activities, where co-operation is cheap and builds the partner's trust, and defects whenever the stakes are high (a risky activity such as technology exchange), whatever the partner does and whatever the sanctions. The mirror image of raise-the-stakes; in a plain tournament it always defects.",
    provenance:
      'Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.1 (opportunistic everyday behaviour), §3.2 (loss of trade secrets) and §4.1 (technological co-operation fails without trust); Sonobe, T. & Otsuka, K., an endogenous model of cluster-based industrial development (imitation and information spillovers).',
    classifier: { memoryDepth: 0, stochastic: false },
  },
  {
    initial: 0,
    cooperate: [(context) => (context.lowRisk ? 1 : 0)],
    next: [[0, 0, 0, 0]],
  },
);
