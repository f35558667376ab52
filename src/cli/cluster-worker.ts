import { runScenario } from '../cluster/run.js';
import type { Scenario } from '../cluster/scenario.js';
import { strategiesInThisThread } from './worker-strategies.js';
import { cooplabVersion } from '../version.js';
import { clusterCsv, clusterJson } from '../formats/cluster-run.js';

export interface ClusterJob {
  readonly scenario: Scenario;
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly seed: number;
  readonly generations: number;
  readonly format: 'csv' | 'json';
}

/** One seed of a multi-seed cluster run, as the text the plain output would hold for it alone. */
export default async function runClusterJob(job: ClusterJob): Promise<string> {
  const strategies = await strategiesInThisThread(job.strategyIds, job.moduleFiles, job.trusted);
  const run = runScenario(job.scenario, strategies, { seed: job.seed, generations: job.generations });
  return job.format === 'json' ? clusterJson(run, cooplabVersion()) : clusterCsv(run);
}
