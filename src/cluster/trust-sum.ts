/**
 * The mean trust's sum over every side of a lattice's relationships, in edge order (trust.ts).
 * Floating-point addition is not associative, so the sum cannot be split; but one thread can add
 * it up while another does other work (split-revision.ts has a play thread do it beside the
 * command's thread). This file imports nothing, so that a play thread loads little.
 */

/** trust[0] + trust[1], then the next edge's two sides, and so on over `count` edges: the one order every thread adds in. */
export function sumOfAll(trust: Float64Array, count: number): number {
  let sum = 0;
  for (let edge = 0; edge < count; edge++) sum += trust[edge * 2]! + trust[edge * 2 + 1]!;
  return sum;
}

/** What a play thread is sent to add the trust up: the sum goes to `sum[0]`, then `ready[0]` turns 1. */
export interface TrustSumJob {
  readonly trust: Float64Array;
  readonly count: number;
  readonly sum: Float64Array;
  readonly ready: Int32Array;
}

/** Adds the job's trust up and marks it ready (on whichever thread). */
export function sumTrustInto(job: TrustSumJob): void {
  job.sum[0] = sumOfAll(job.trust, job.count);
  Atomics.store(job.ready, 0, 1);
  Atomics.notify(job.ready, 0);
}
