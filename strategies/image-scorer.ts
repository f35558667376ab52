/**
 * Image Scorer.
 * Provenance: Nowak, M. A. & Sigmund, K. (1998) "Evolution of indirect reciprocity by image
 * scoring", Nature 393:573–577 (an outside source: docs/sources.md lists it as not checked
 * against a text in ../shared/).
 *
 * Rationale. In Nowak & Sigmund's model each individual has a public image score that rises when
 * it is seen to help and falls when it is seen to refuse, and a discriminator with threshold k
 * helps a recipient whose image score is at least k. This firm is that discriminator on the
 * cluster lattice: it co-operates when the partner's public standing is at least k and defects
 * otherwise. Standing here is the cluster's reputation layer in [0, 1] (docs/model.md,
 * "Reputation"); with `reputation.assessment` = `image-scoring` every seen co-operation counts as
 * good and every seen defection as bad, as in their image score. The scale, the threshold's
 * default and the word of mouth that spreads the score are this model's own.
 *
 * Without public standing (the reputation layer off, or a plain tournament) it co-operates, like a
 * discriminator meeting a newcomer of score 0 with k ≤ 0. It goes through move().
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'image-scorer',
    name: 'Image Scorer',
    description:
      "A discriminator in the manner of Nowak & Sigmund's image scoring: co-operates when the partner's public standing is at least its threshold k (0.5 by default) and defects otherwise. Without public standing, as in a plain tournament, it always co-operates.",
    provenance: 'Nowak, M. A. & Sigmund, K. (1998) Evolution of indirect reciprocity by image scoring, Nature 393:573-577.',
    classifier: { memoryDepth: 0, stochastic: false },
    parameters: {
      k: { default: 0.5, description: "the partner's standing from which it co-operates", min: 0, max: 1 },
    },
  },
  (parameters) => {
    const k = parameters.k!;
    return {
      move(view) {
        const reputation = view.cluster?.reputation;
        return reputation === undefined || reputation.partner >= k ? 'C' : 'D';
      },
    };
  },
);
