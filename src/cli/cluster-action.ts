import { runScenario } from '../cluster/run.js';
import { withOverrides } from '../cluster/scenario.js';
import { requireStrategies } from '../strategies/registry.js';
import { cooplabVersion } from '../version.js';
import type { ClusterOptions } from './cluster-command.js';
import { clusterCsv, clusterJson } from './cluster-output.js';
import { emit } from './output.js';
import { loadScenario } from './scenario-files.js';
import { interactive } from '../ui/terminal.js';

export function prepareCluster(options: ClusterOptions) {
  const base = loadScenario(options.scenario);
  const sized = options.size === undefined ? [] : [`width=${options.size.width}`, `height=${options.size.height}`];
  const scenario = withOverrides(base, [...sized, ...options.set]);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies), undefined, `the strategies of scenario '${scenario.name}'`);
  return { scenario, strategies, seed: options.seed ?? scenario.seed, generations: options.generations ?? scenario.generations };
}

export async function runClusterCommand(options: ClusterOptions): Promise<void> {
  const { scenario, strategies, seed, generations } = prepareCluster(options);
  if (options.format === undefined && options.headless !== true && interactive()) {
    const { runLiveCluster } = await import('../ui/cluster/launch.js');
    await runLiveCluster({ scenario, strategyIds: strategies.map((strategy) => strategy.id), seed, out: options.out });
    return;
  }
  const run = runScenario(scenario, strategies, { seed, generations });
  emit(options.format === 'json' ? clusterJson(run, cooplabVersion()) : clusterCsv(run), options.out);
}

