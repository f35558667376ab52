/**
 * Discriminator.
 * Provenance: Ohtsuki, H. & Iwasa, Y. (2004) "How should we define goodness? — reputation dynamics
 * in indirect reciprocity", J. Theor. Biol. 231:107–120 (an outside source: docs/sources.md lists
 * it as not checked against a text in ../shared/).
 *
 * Rationale. Ohtsuki & Iwasa study norms that assign a good or bad standing to a firm from what it
 * did and to whom; under a standing norm, refusing a partner in bad standing is justified and does
 * not cost the refuser its own standing. The cluster's reputation layer implements two such
 * assessment rules (`reputation.assessment` = `simple-standing` or `stern-judging`,
 * docs/model.md, "Reputation"). This firm is the action rule that goes with them: it helps
 * partners in good standing and refuses partners in bad standing.
 *
 * Unlike Good Standing, it is not naive without public information: where there is no standing
 * (the reputation layer off, or a plain tournament) it judges the partner by what it saw itself,
 * its last move, and so plays tit-for-tat. It goes through move().
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'discriminator',
    name: 'Discriminator',
    description:
      'Helps partners in good standing and refuses partners in bad standing (the action rule for the standing norms, simple standing and stern judging, under which refusing a bad partner is justified). Where there is no public standing, as in a plain tournament, it judges the partner by its last move: tit-for-tat.',
    provenance:
      'Ohtsuki, H. & Iwasa, Y. (2004) How should we define goodness? Reputation dynamics in indirect reciprocity, Journal of Theoretical Biology 231:107-120.',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  () => ({
    move(view) {
      const reputation = view.cluster?.reputation;
      if (reputation === undefined) return view.opponent.last === 'D' ? 'D' : 'C';
      return reputation.partner >= reputation.good ? 'C' : 'D';
    },
  }),
);
