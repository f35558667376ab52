import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { PlayThreads, SplitPlayArrays, SplitPlayTask } from '../cluster/split-play.js';
import { forgetSplitKernel, runSplitPart } from '../cluster/split-play-kernel.js';
import type { FlipsJob } from '../cluster/noise-flips.js';
import type { StepDrawJob } from '../cluster/stale-draws.js';
import type { TrustSumJob } from '../cluster/trust-sum.js';

/**
 * Worker threads that share a cluster run's play (src/cluster/split-play.ts), started before the
 * run and waited for synchronously: ClusterModel.step() stays a plain function, the calling thread
 * plays part 0 and then sleeps on an Atomics counter until every worker has counted its part in.
 * A worker imports only split-play-kernel.js and, for the jobs it takes beside the command's thread
 * (the full model's revision steps, the trust's sum), stale-draws.js and trust-sum.js.
 */
export interface ClusterPlayThreads extends PlayThreads {
  /** Ends the workers (the run is over). */
  close(): Promise<void>;
}

/** A play thread stopped without counting its part in (out of memory, or killed): the run cannot go on. */
export class PlayThreadStopped extends Error {
  override readonly name = 'PlayThreadStopped';
}

/** For tests: another worker script, and limits on each worker's memory. */
export interface ClusterPlayThreadOptions {
  readonly script?: URL | undefined;
  readonly resourceLimits?: ResourceLimits | undefined;
}

/** How long the calling thread sleeps on the counter before it looks whether a worker has stopped. */
const LOOK_EVERY_MS = 250;

/**
 * Whether a worker's thread has stopped, read without the event loop (which the waiting thread is
 * not running, so the exit event cannot arrive): Node reports the event-loop idle time of a worker
 * that has come online and stopped since as −1.
 */
function hasStopped(worker: Worker): boolean {
  return worker.performance.eventLoopUtilization().idle < 0;
}

/** Whether a worker's event loop has started (its utilisation is all zeros before). */
function loopRuns(worker: Worker): boolean {
  const { idle, active } = worker.performance.eventLoopUtilization();
  return idle !== 0 || active !== 0;
}

/** `count` threads in all: the calling one and count − 1 workers, once every worker is online. */
export async function startClusterPlayThreads(count: number, options: ClusterPlayThreadOptions = {}): Promise<ClusterPlayThreads> {
  // No thread at all would play no part: every relationship would keep last generation's outcome.
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`cluster play threads: expected a whole number of threads from 1, got ${count}`);
  // Cell 0: the workers' parts of the task running; cell 1: the jobs beside the command's thread ended, ever.
  const done = new Int32Array(new SharedArrayBuffer(8));
  const workers: Worker[] = [];
  /** Per worker: the port it reports a failure on, read without the event loop. */
  const failures: MessagePort[] = [];
  /** Per worker: why it stopped, once its exit or error event has been heard. */
  const stopped: (string | undefined)[] = [];
  for (let part = 1; part < count; part++) {
    const channel = new MessageChannel();
    const worker = new Worker(options.script ?? new URL('./cluster-play-thread.js', import.meta.url), {
      workerData: { part, parts: count, done, failures: channel.port2 },
      transferList: [channel.port2],
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    worker.on('error', (error) => {
      stopped[part - 1] ??= error.message;
    });
    worker.on('exit', (code) => {
      stopped[part - 1] ??= `it exited with code ${code}`;
    });
    workers.push(worker);
    failures.push(channel.port1);
    stopped.push(undefined);
  }
  const close = async (): Promise<void> => {
    // This thread's loops hold the run's arrays.
    forgetSplitKernel();
    for (const port of failures) port.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  try {
    // Online, a worker can be seen to stop (hasStopped) while this thread waits on its count.
    await Promise.all(workers.map((worker) => new Promise((resolve, reject) => worker.once('online', resolve).once('error', reject))));
    // hasStopped reads a worker's loop start time, which Node reads on the first ask once the loop runs, and keeps.
    for (let k = 0; k < workers.length; k++) {
      while (!loopRuns(workers[k]!)) {
        if (stopped[k] !== undefined) throw new Error(stopped[k]);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    // An idle pool never keeps the process alive.
    for (const worker of workers) worker.unref();
  } catch (error) {
    await close();
    throw new PlayThreadStopped(`cluster play threads could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  /** Fails with one line if a worker has stopped (out of memory, or killed): what a wait that timed out asks. */
  const failIfStopped = (): void => {
    const dead = workers.findIndex((worker, k) => stopped[k] !== undefined || hasStopped(worker));
    if (dead >= 0) {
      const why = stopped[dead] ?? 'out of memory, or killed';
      throw new PlayThreadStopped(
        `cluster play thread ${dead + 1} of ${count - 1} stopped during a generation (${why}): try fewer --workers or a smaller lattice`,
      );
    }
  };
  const reportFailures = (): void => {
    for (const port of failures) {
      const report = receiveMessageOnPort(port);
      if (report !== undefined) throw new Error(`a play thread failed: ${String(report.message)}`);
    }
  };
  /** Waits until `expected` workers have counted their work in. */
  const awaitWorkers = (expected: number): void => {
    for (let seen = Atomics.load(done, 0); seen < expected; seen = Atomics.load(done, 0)) {
      if (Atomics.wait(done, 0, seen, LOOK_EVERY_MS) === 'timed-out') failIfStopped();
    }
  };
  /** How many jobs the first worker was given beside the command's thread, ever (`done[1]` counts those it ended). */
  let jobs = 0;
  const postJob = (message: { stepDraws: StepDrawJob } | { trustSum: TrustSumJob } | { flips: FlipsJob }): void => {
    jobs++;
    workers[0]!.postMessage(message);
  };
  return {
    count,
    run(arrays: SplitPlayArrays, task: SplitPlayTask): void {
      // A job beside still running delays the first worker's part only: the others claim its chunks.
      if (count === 1) {
        runSplitPart(arrays, task, 0, 1);
        return;
      }
      for (const values of Object.values(arrays)) {
        // A copy would play in the worker and never come back.
        if (values.length > 0 && !(values.buffer instanceof SharedArrayBuffer)) throw new Error('the play threads need SharedArrayBuffer-backed arrays');
      }
      Atomics.store(done, 0, 0);
      for (const worker of workers) worker.postMessage({ arrays, task });
      let failure: unknown;
      try {
        runSplitPart(arrays, task, 0, count);
      } catch (error) {
        failure = error;
      }
      awaitWorkers(workers.length);
      if (failure !== undefined) throw failure;
      reportFailures();
    },
    ...(count > 1 && {
      drawSteps(job: StepDrawJob): void {
        postJob({ stepDraws: job });
      },
      sumTrust(job: TrustSumJob): void {
        postJob({ trustSum: job });
      },
      layFlips(job: FlipsJob): void {
        postJob({ flips: job });
      },
      waitUntil(cells: Int32Array, index: number, value: number): void {
        for (let seen = Atomics.load(cells, index); seen < value; seen = Atomics.load(cells, index)) {
          if (Atomics.wait(cells, index, seen, LOOK_EVERY_MS) !== 'timed-out') continue;
          failIfStopped();
          // The worker's jobs done and the value still short: it failed before reaching it.
          if (Atomics.load(done, 1) >= jobs && Atomics.load(cells, index) < value) {
            reportFailures();
            throw new Error('a play thread stopped before its job was done');
          }
        }
      },
      // The drawing has ended once its last chunk is drawn (which fermi waited for): what is left is a failure to report.
      finish: reportFailures,
    }),
    close,
  };
}
