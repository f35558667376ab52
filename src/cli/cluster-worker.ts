import { runScenario } from '../cluster/run.js';
import type { Scenario } from '../cluster/scenario.js';
import { loadStrategyModules } from '../strategies/modules.js';
import { builtinStrategies, requireStrategies } from '../strategies/registry.js';
import type { Strategy } from '../strategies/api.js';
import { cooplabVersion } from '../version.js';
import { clusterCsv, clusterJson } from './cluster-output.js';

export interface ClusterJob {
  readonly scenario: Scenario;
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly seed: number;
  readonly generations: number;
  readonly format: 'csv' | 'json';
}

let modules: Promise<Strategy[]> | undefined;

/** One seed of a multi-seed cluster run, as the text the plain output would hold for it alone. */
export default async function runClusterJob(job: ClusterJob): Promise<string> {
  modules ??=
    job.moduleFiles.length === 0
      ? Promise.resolve([])
      : loadStrategyModules(job.moduleFiles, { trusted: job.trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) }).then((loaded) => [...loaded.strategies]);
  const strategies = requireStrategies(job.strategyIds, [...builtinStrategies, ...(await modules)]);
  const run = runScenario(job.scenario, strategies, { seed: job.seed, generations: job.generations });
  return job.format === 'json' ? clusterJson(run, cooplabVersion()) : clusterCsv(run);
}
