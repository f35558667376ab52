import { runSummary } from '../cluster/summary.js';
import { printable } from '../core/printable.js';
import { runScenario } from '../cluster/run.js';
import { withOverrides } from '../cluster/scenario.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import { cooplabVersion } from '../version.js';
import type { ClusterOptions } from './cluster-command.js';
import { clusterCsv, clusterJson, clusterRunsCsv, clusterRunsJson } from '../formats/cluster-run.js';
import { emit, warn } from '../formats/output.js';
import { loadScenario } from '../formats/scenario-file.js';
import { interactive } from '../ui/shared/terminal.js';
import { availableParallelism } from 'node:os';
import type { Scenario } from '../cluster/scenario.js';
import type { ClusterJob } from './cluster-worker.js';
import { workerThreads } from './worker-threads.js';
import { startClusterPlayThreads, type ClusterPlayThreads } from './cluster-play-threads.js';
import { InputError } from '../core/errors.js';

export const DEMO_NEEDS_A_TERMINAL =
  "the live demo needs a terminal: run 'npm start' (or 'npx cooplab') in a terminal window; for the data in a pipe, run: cooplab cluster --scenario training-first --format csv";

export async function prepareCluster(options: ClusterOptions) {
  const base = loadScenario(options.scenario);
  const sized = options.size === undefined ? [] : [`width=${options.size.width}`, `height=${options.size.height}`];
  let scenario = withOverrides(base, [...sized, ...options.set]);
  const { modules, problems } = await loadClusterModules(options);
  for (const problem of problems) warn(`strategy module ${problem.file} refused: ${problem.reason}`);
  // A module named on the command line joins the mix if the scenario does not mention it.
  const missing = modules.filter((strategy) => !(strategy.id in scenario.parameters.strategies));
  if (missing.length > 0) {
    scenario = withOverrides(
      scenario,
      missing.map((strategy) => `strategies.${strategy.id}=1`),
    );
    for (const strategy of missing) warn(`added ${strategy.id} to the strategy mix with weight 1 (--set strategies.${strategy.id}=W to change it)`);
  }
  const strategies = requireStrategies(
    Object.keys(scenario.parameters.strategies),
    [...builtinStrategies, ...modules],
    `the strategies of scenario '${scenario.name}'`,
  );
  return { scenario, strategies, seed: options.seed ?? scenario.seed, generations: options.generations ?? scenario.generations };
}

async function loadClusterModules(options: ClusterOptions) {
  if (options.strategy === undefined && options.submissions === undefined) return { modules: [], problems: [] };
  const { loadStrategyModules, moduleFilesFrom } = await import('../modules/modules.js');
  const files = moduleFilesFrom(options);
  if (files.length === 0) return { modules: [], problems: [] };
  const loaded = await loadStrategyModules(files, { trusted: options.trusted === true, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) });
  return { modules: [...loaded.strategies], problems: loaded.problems };
}

export async function runClusterCommand(options: ClusterOptions): Promise<void> {
  // The demo is a live view for a room: in a pipe, 78 s of silent computing helps nobody.
  if (options.demo === true && !interactive()) throw new InputError(DEMO_NEEDS_A_TERMINAL);
  const { scenario, strategies, seed, generations } = await prepareCluster(options);
  if (options.format === undefined && options.headless !== true && interactive()) {
    const { launchCluster } = await import('../ui/cluster/launch.js');
    const { moduleFilesFrom } = await import('../modules/modules.js');
    const moduleFiles = moduleFilesFrom(options);
    await launchCluster({
      // The live run pauses at its end: --generations moves that end.
      scenario: { ...scenario, generations },
      strategyIds: strategies.map((strategy) => strategy.id),
      seed,
      out: options.out,
      moduleFiles,
      trusted: options.trusted === true,
      projector: options.projector === true,
      pictures: (await import('../report/live-pictures.js')).writeLivePictures,
    });
    return;
  }
  if ((options.seeds ?? 1) > 1) {
    emit(
      await runSeveralSeeds(
        options,
        scenario,
        strategies.map((strategy) => strategy.id),
        seed,
        generations,
      ),
      options.out,
    );
    return;
  }
  const threads = await playThreads(options.workers, scenario);
  let run: ReturnType<typeof runScenario>;
  try {
    run = runScenario(scenario, strategies, { seed, generations, threads });
  } finally {
    await threads?.close();
  }
  emit(options.format === 'json' ? clusterJson(run, cooplabVersion()) : clusterCsv(run), options.out);
  // What the live view shows at the scenario's end: on stderr, so the output stays data.
  if (options.headless === true)
    process.stderr.write(`${printable(runSummary({ scenario, seed, records: run.records, log: run.model.log }), Number.POSITIVE_INFINITY)}\n`);
}

/**
 * Firms from which one run's play is shared between the cores by default: below it, a generation
 * takes a few milliseconds and the threads' start (some 40 ms) and hand-overs gain little
 * (docs/benchmarks.md, "Workers").
 */
export const PLAY_THREADS_FROM_FIRMS = 200 * 200;

/** The threads for one run's play: --workers N, or every core for a lattice of PLAY_THREADS_FROM_FIRMS firms or more; undefined for one. */
async function playThreads(requested: number | undefined, scenario: Scenario): Promise<ClusterPlayThreads | undefined> {
  const firms = scenario.parameters.width * scenario.parameters.height;
  const count = workerThreads(requested ?? (firms >= PLAY_THREADS_FROM_FIRMS ? availableParallelism() : 1), firms);
  return count > 1 ? startClusterPlayThreads(count) : undefined;
}

/**
 * Seeds S, S+1, … S+K−1 on worker threads; run k is exactly `cooplab cluster --seed S+k`. CSV:
 * the runs one after another with a leading `seed` column; JSON: `{ runs: [...] }`.
 */
async function runSeveralSeeds(
  options: ClusterOptions,
  scenario: Scenario,
  strategyIds: readonly string[],
  seed: number,
  generations: number,
): Promise<string> {
  const { moduleFilesFrom } = await import('../modules/modules.js');
  const seeds = Array.from({ length: options.seeds! }, (_, k) => seed + k);
  const format = options.format === 'json' ? 'json' : 'csv';
  const jobs: ClusterJob[] = seeds.map((runSeed) => ({
    scenario,
    strategyIds,
    moduleFiles: moduleFilesFrom(options),
    trusted: options.trusted === true,
    seed: runSeed,
    generations,
    format,
  }));
  const workers = workerThreads(options.workers ?? availableParallelism(), jobs.length);
  let texts: string[];
  if (workers <= 1) {
    const { default: runClusterJob } = await import('./cluster-worker.js');
    texts = [];
    for (const job of jobs) texts.push(await runClusterJob(job));
  } else {
    const { Piscina } = await import('piscina');
    const pool = new Piscina({ filename: new URL('./cluster-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
    try {
      texts = (await Promise.all(jobs.map((job) => pool.run(job)))) as string[];
    } finally {
      await pool.destroy();
    }
  }
  return format === 'json' ? clusterRunsJson(texts) : clusterRunsCsv(seeds, texts);
}
