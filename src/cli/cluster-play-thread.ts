import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { streamFromKey } from '../core/random.js';
import { runSplitPart, type SplitPlayArrays, type SplitPlayTask } from '../cluster/split-play-kernel.js';
import { drawIntoRing, type StepDrawJob } from '../cluster/stale-draws.js';
import { sumTrustInto, type TrustSumJob } from '../cluster/trust-sum.js';

/**
 * A worker of cluster-play-threads.ts: plays its part of each task it is sent, or draws the
 * revision's steps it is sent (the same stream, from its key), or adds up the trust, then counts it in.
 */
const { part, parts, done, failures } = workerData as { part: number; parts: number; done: Int32Array; failures: MessagePort };

type Message =
  | { readonly arrays: SplitPlayArrays; readonly task: SplitPlayTask; readonly stepDraws?: undefined; readonly trustSum?: undefined }
  | { readonly stepDraws: StepDrawJob; readonly trustSum?: undefined }
  | { readonly trustSum: TrustSumJob; readonly stepDraws?: undefined };

parentPort!.on('message', (message: Message) => {
  try {
    if (message.trustSum !== undefined) sumTrustInto(message.trustSum);
    else if (message.stepDraws !== undefined) drawIntoRing({ ...message.stepDraws, random: streamFromKey(message.stepDraws.key) }, message.stepDraws.ring);
    else runSplitPart(message.arrays, message.task, part, parts);
  } catch (error) {
    failures.postMessage(error instanceof Error ? error.message : String(error));
  } finally {
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  }
});
