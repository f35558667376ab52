/**
 * False Promiser.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §2.1 (opportunists run the risk of eroding trust).
 *
 * Rationale. Talk is cheap: with the cluster's pre-play communication on (docs/model.md,
 * "Communication"), this opportunist promises to co-operate every round and defects every round.
 * Meyer-Stamer §2.1: agreements "are self-enforcing to the extent that firms run the risk of eroding
 * trust, and thus possibly drop out of the network, if they behave opportunistically"; whether its
 * lies cost it depends on how partners remember them (the lattice keeps the count of broken
 * announcements, and `communication.trustPenalty` makes each one cost trust).
 *
 * In a plain tournament, or with communication off, it is a defector. It goes through move() and
 * announce().
 */
import { defineStrategy } from '../src/authoring/define.js';

export default defineStrategy(
  {
    id: 'false-promiser',
    name: 'False Promiser',
    description:
      'With pre-play communication: always announces that it will co-operate, and always defects. Without communication, as in a plain tournament, it is a defector.',
    provenance:
      'Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §2.1 (opportunists run the risk of eroding trust).',
    classifier: { memoryDepth: 0, stochastic: false },
  },
  () => ({
    announce: () => 'C',
    move: () => 'D',
  }),
);
