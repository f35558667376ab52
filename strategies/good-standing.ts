/**
 * Good Standing.
 * Provenance: Sonobe, T. & Otsuka, K., an endogenous model of cluster-based industrial development
 * (word of mouth in clusters); the study of product improvement in Silicon Valley, Cremona and
 * Jingdezhen (peer review in Cremona).
 *
 * Rationale. Sonobe & Otsuka: transaction costs "are low in the industrial cluster because rumors
 * of such opportunistic behaviors quickly become public knowledge by word of mouth in the cluster";
 * in Cremona a low-quality instrument "will be talked about immediately within the small
 * community". This firm relies on that public knowledge alone: it co-operates with a partner in
 * good standing (standing at least the model's `reputation.good`) and defects against one in bad
 * standing, whatever the partner did to it. It keeps no memory of its own.
 *
 * Without public standing (the reputation layer off, or a plain tournament) it has nothing to go
 * on and co-operates: a cluster without word of mouth leaves it exposed, which is the point of the
 * Cremona preset's ablation. It goes through move() (the engine's general path).
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'good-standing',
    name: 'Good Standing',
    description:
      "Co-operates with partners in good standing and defects against partners in bad standing, judging them only by the public standing that word of mouth builds (the cluster's reputation layer); it keeps no memory of its own. Without public standing, as in a plain tournament or with the reputation layer off, it always co-operates.",
    provenance:
      'Sonobe, T. & Otsuka, K., an endogenous model of cluster-based industrial development (opportunism "quickly become[s] public knowledge by word of mouth in the cluster"); the study of Silicon Valley, Cremona and Jingdezhen (in Cremona a low-quality instrument "will be talked about immediately").',
    classifier: { memoryDepth: 0, stochastic: false },
  },
  () => ({
    move(view) {
      const reputation = view.cluster?.reputation;
      return reputation === undefined || reputation.partner >= reputation.good ? 'C' : 'D';
    },
  }),
);
