import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { runSplitPart, type SplitPlayArrays, type SplitPlayTask } from '../cluster/split-play-kernel.js';

/** A worker of cluster-play-threads.ts: plays its part of each task it is sent, then counts it in. */
const { part, parts, done, failures } = workerData as { part: number; parts: number; done: Int32Array; failures: MessagePort };

parentPort!.on('message', ({ arrays, task }: { arrays: SplitPlayArrays; task: SplitPlayTask }) => {
  try {
    runSplitPart(arrays, task, part, parts);
  } catch (error) {
    failures.postMessage(error instanceof Error ? error.message : String(error));
  } finally {
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  }
});
