import type { MessagePort } from 'node:worker_threads';
import type { Scenario } from '../cluster/scenario.js';
import { runSweepTask, type SweepTask, type TaskResult } from '../cluster/sweep.js';
import type { Strategy } from '../core/strategy.js';
import { strategiesInThisThread } from './worker-strategies.js';

/** A sweep's pending tasks, which every thread that runs them claims one at a time from `next`. */
export interface SharedTasks {
  readonly scenario: Scenario;
  readonly tasks: readonly SweepTask[];
  readonly generations: number;
  /** One counter in shared memory: the next task to claim. */
  readonly next: Int32Array;
}

/** What a worker thread needs to run its share: the strategies by id (a strategy cannot be sent between threads), the tasks, and where to send each result. */
export interface SweepShare extends SharedTasks {
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  /** Each result goes back as soon as its task is done, so that it is saved while the thread goes on. */
  readonly results: MessagePort;
}

/** Runs the next unclaimed task, if any is left, and gives its result; undefined when none is left. */
export function runClaimedTask(shared: SharedTasks, strategies: readonly Strategy[]): TaskResult | undefined {
  const k = Atomics.add(shared.next, 0, 1);
  return k < shared.tasks.length ? runSweepTask(shared.scenario, strategies, shared.tasks[k]!, shared.generations) : undefined;
}

/** A piscina task: a worker thread's share of a sweep, each result posted as it is done. Gives how many tasks it ran. */
export default async function runShare(share: SweepShare): Promise<number> {
  const strategies = await strategiesInThisThread(share.strategyIds, share.moduleFiles, share.trusted);
  let ran = 0;
  for (let result = runClaimedTask(share, strategies); result !== undefined; result = runClaimedTask(share, strategies)) {
    share.results.postMessage(result);
    ran++;
  }
  share.results.close();
  return ran;
}
