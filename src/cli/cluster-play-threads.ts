import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PlayThreads, SplitPlayArrays, SplitPlayTask } from '../cluster/split-play.js';
import { runSplitPart } from '../cluster/split-play-kernel.js';

/**
 * Worker threads that share a cluster run's play (src/cluster/split-play.ts), started once per run
 * on the first generation that can be split, and waited for synchronously: ClusterModel.step()
 * stays a plain function, the calling thread plays part 0 and then sleeps on an Atomics counter
 * until every worker has counted its part in. A worker imports only split-play-kernel.js.
 */
export interface ClusterPlayThreads extends PlayThreads {
  /** Ends the workers (the run is over). */
  close(): Promise<void>;
}

interface Started {
  readonly workers: Worker[];
  /** Per worker: the port it reports a failure on, read without the event loop. */
  readonly failures: MessagePort[];
  /** [0]: parts finished in the current task. */
  readonly done: Int32Array;
}

/** `count` threads in all: the calling one and count − 1 workers. */
export function startClusterPlayThreads(count: number): ClusterPlayThreads {
  let started: Started | undefined;
  const start = (): Started => {
    const done = new Int32Array(new SharedArrayBuffer(4));
    const workers: Worker[] = [];
    const failures: MessagePort[] = [];
    for (let part = 1; part < count; part++) {
      const channel = new MessageChannel();
      const worker = new Worker(new URL('./cluster-play-thread.js', import.meta.url), {
        workerData: { part, parts: count, done, failures: channel.port2 },
        transferList: [channel.port2],
      });
      // An idle pool never keeps the process alive.
      worker.unref();
      workers.push(worker);
      failures.push(channel.port1);
    }
    return { workers, failures, done };
  };
  return {
    count,
    run(arrays: SplitPlayArrays, task: SplitPlayTask): void {
      if (count === 1) {
        runSplitPart(arrays, task, 0, 1);
        return;
      }
      for (const values of Object.values(arrays)) {
        // A copy would play in the worker and never come back.
        if (values.length > 0 && !(values.buffer instanceof SharedArrayBuffer)) throw new Error('the play threads need SharedArrayBuffer-backed arrays');
      }
      started ??= start();
      const { workers, failures, done } = started;
      Atomics.store(done, 0, 0);
      for (const worker of workers) worker.postMessage({ arrays, task });
      let failure: unknown;
      try {
        runSplitPart(arrays, task, 0, count);
      } catch (error) {
        failure = error;
      }
      for (let seen = Atomics.load(done, 0); seen < workers.length; seen = Atomics.load(done, 0)) Atomics.wait(done, 0, seen);
      if (failure !== undefined) throw failure;
      for (const port of failures) {
        const report = receiveMessageOnPort(port);
        if (report !== undefined) throw new Error(`a play thread failed: ${String(report.message)}`);
      }
    },
    async close(): Promise<void> {
      if (started === undefined) return;
      const { workers, failures } = started;
      started = undefined;
      for (const port of failures) port.close();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
