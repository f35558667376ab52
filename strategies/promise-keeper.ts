/**
 * Promise Keeper.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §3.1 (direct communication stabilises co-operation).
 *
 * Rationale. Meyer-Stamer §3.1: "The stability of the co-operative game is further enhanced if
 * direct communication is possible". With the cluster's pre-play communication on (docs/model.md,
 * "Communication"), this firm talks before it deals: it promises to co-operate unless the partner
 * broke its word since it last spoke (the lattice keeps the count of broken announcements on the
 * relationship), and it co-operates when both promised to; a partner that announces a defection
 * gets one. It answers a broken word with one announced defection: tit-for-tat on promises. It
 * never breaks its own word (a promise of C binds only when the partner promised C too).
 *
 * Without communication (off, or a plain tournament) it hears nothing and plays tit-for-tat. Its
 * state is the partner's count of broken announcements when it last spoke and what it announced.
 * It goes through move() and announce() (the general path).
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'promise-keeper',
    name: 'Promise Keeper',
    description:
      'With pre-play communication: promises to co-operate unless the partner broke its word since it last spoke (then announces a defection), and co-operates when both promised to. Without communication, as in a plain tournament, it plays tit-for-tat.',
    provenance:
      'Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.1 (direct communication enhances the stability of co-operation).',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  () => {
    // The partner's broken announcements as counted when it last spoke, and what it announced this round.
    let seenBroken = 0;
    let announced: 'C' | 'D' = 'C';
    return {
      announce(view) {
        const broken = view.cluster?.promisesBroken ?? 0;
        announced = broken > seenBroken ? 'D' : 'C';
        seenBroken = broken;
        return announced;
      },
      move(view) {
        const heard = view.cluster?.announcement;
        if (heard === undefined) return view.opponent.last === 'D' ? 'D' : 'C';
        return announced === 'C' && heard === 'C' ? 'C' : 'D';
      },
    };
  },
);
