import { sharedArray, type PlayThreads } from './split-play.js';
import type { ClusterState } from './state.js';
import type { TrustSumJob } from './trust-sum.js';

/**
 * The mean trust's sum added up on a play thread while the command's thread goes on (trust-sum.ts):
 * started once a split generation's play is over, taken by meanTrust in that generation's record.
 * Only where nothing between the play and the record changes trust (no decay, no exits, no
 * organisers or market) and every relationship counts, so that the sum is the one meanTrust makes.
 */

/** Per run: the generation whose sum is on its way, and its job (the same shared cells every generation). */
const pendingOf = new WeakMap<ClusterState, { generation: number; readonly job: TrustSumJob; readonly threads: PlayThreads }>();

/** Whether the trust after this generation's play is the trust its record reads, summed over every side. */
function trustFinalAfterPlay(state: ClusterState): boolean {
  const parameters = state.parameters;
  return (
    !state.trustUniform &&
    parameters.trust.decay === 0 &&
    parameters.exit.threshold === null &&
    !parameters.selfInteraction &&
    state.partners === undefined &&
    state.market === undefined &&
    state.organisers === undefined &&
    state.reputation === undefined
  );
}

/** Has a play thread add up the trust for this generation's record, where the run's threads offer it and the sum will be the record's. */
export function startTrustSumBeside(state: ClusterState): void {
  const threads = state.threads;
  if (threads?.sumTrust === undefined || threads.waitUntil === undefined || !trustFinalAfterPlay(state)) return;
  const trust = state.relationships.trust;
  let pending = pendingOf.get(state);
  if (pending === undefined || pending.job.trust !== trust) {
    const job = { trust, count: state.graph.count, sum: sharedArray(Float64Array, 8, 1), ready: sharedArray(Int32Array, 4, 1) };
    pending = { generation: state.generation, job, threads };
    pendingOf.set(state, pending);
  }
  pending.generation = state.generation;
  Atomics.store(pending.job.ready, 0, 0);
  threads.sumTrust(pending.job);
}

/** The sum a play thread added up for this generation (waiting for it), or undefined where none was started. */
export function trustSumBeside(state: ClusterState): number | undefined {
  const pending = pendingOf.get(state);
  if (pending === undefined || pending.generation !== state.generation || pending.job.count !== state.graph.count) return undefined;
  // Taken once: a later call (the live view's, between generations) adds the trust up itself.
  pending.generation = -1;
  pending.threads.waitUntil!(pending.job.ready, 0, 1);
  return pending.job.sum[0]!;
}
