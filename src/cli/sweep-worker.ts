import type { Scenario } from '../cluster/scenario.js';
import { runSweepTask, type SweepTask, type TaskResult } from '../cluster/sweep.js';
import { loadStrategyModules } from '../strategies/modules.js';
import { builtinStrategies, requireStrategies } from '../strategies/registry.js';
import type { Strategy } from '../strategies/api.js';

export interface SweepJob {
  readonly scenario: Scenario;
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly task: SweepTask;
  readonly generations: number;
}

// Each worker thread loads the strategy modules once (strategies cannot cross threads).
let modules: Promise<Strategy[]> | undefined;

/** A piscina task: one run of the sweep. */
export default async function runJob(job: SweepJob): Promise<TaskResult> {
  modules ??=
    job.moduleFiles.length === 0
      ? Promise.resolve([])
      : loadStrategyModules(job.moduleFiles, { trusted: job.trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) }).then((loaded) => [...loaded.strategies]);
  const strategies = requireStrategies(job.strategyIds, [...builtinStrategies, ...(await modules)]);
  return runSweepTask(job.scenario, strategies, job.task, job.generations);
}
