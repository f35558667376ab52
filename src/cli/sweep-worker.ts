import type { Scenario } from '../cluster/scenario.js';
import { runSweepTask, type SweepTask, type TaskResult } from '../cluster/sweep.js';
import { strategiesInThisThread } from './worker-strategies.js';

export interface SweepJob {
  readonly scenario: Scenario;
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly task: SweepTask;
  readonly generations: number;
}

/** A piscina task: one run of the sweep. */
export default async function runJob(job: SweepJob): Promise<TaskResult> {
  const strategies = await strategiesInThisThread(job.strategyIds, job.moduleFiles, job.trusted);
  return runSweepTask(job.scenario, strategies, job.task, job.generations);
}
