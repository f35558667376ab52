import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { StreamState } from '../core/random.js';
import { layFlipsInto, type FlipsJob } from '../cluster/noise-flips.js';
import { runSplitPart, type SplitPlayArrays, type SplitPlayTask } from '../cluster/split-play-kernel.js';
import { drawIntoRing, type StepDrawJob } from '../cluster/stale-draws.js';
import { sumTrustInto, type TrustSumJob } from '../cluster/trust-sum.js';

/**
 * A worker of cluster-play-threads.ts: plays its part of each task it is sent and counts it in
 * (done[0]), or does a job beside the command's thread (draws the revision's steps from the
 * stream's key, adds up the trust, lays the next generation's flips) and counts that in (done[1]).
 */
const { part, parts, done, failures } = workerData as { part: number; parts: number; done: Int32Array; failures: MessagePort };

type Message =
  | {
      readonly arrays: SplitPlayArrays;
      readonly task: SplitPlayTask;
      readonly stepDraws?: undefined;
      readonly trustSum?: undefined;
      readonly flips?: undefined;
    }
  | { readonly stepDraws: StepDrawJob; readonly trustSum?: undefined; readonly flips?: undefined }
  | { readonly trustSum: TrustSumJob; readonly stepDraws?: undefined; readonly flips?: undefined }
  | { readonly flips: FlipsJob; readonly stepDraws?: undefined; readonly trustSum?: undefined };

parentPort!.on('message', (message: Message) => {
  const counter = message.stepDraws === undefined && message.trustSum === undefined && message.flips === undefined ? 0 : 1;
  try {
    if (message.trustSum !== undefined) sumTrustInto(message.trustSum);
    else if (message.flips !== undefined) layFlipsInto(message.flips);
    else if (message.stepDraws !== undefined)
      drawIntoRing({ ...message.stepDraws, random: new StreamState().absorb(message.stepDraws.key).seal() }, message.stepDraws.ring);
    else runSplitPart(message.arrays, message.task, part, parts);
  } catch (error) {
    failures.postMessage(error instanceof Error ? error.message : String(error));
  } finally {
    Atomics.add(done, counter, 1);
    Atomics.notify(done, counter);
  }
});
