import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { scenarioDocument, withOverrides } from '../cluster/scenario.js';
import { longestFirst, parseGridAxis, planSweep, type TaskResult } from '../cluster/sweep.js';
import { InputError } from '../core/errors.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import { cooplabVersion } from '../version.js';
import { loadScenario } from '../formats/scenario-file.js';
import type { SweepOptions } from './sweep-command.js';
import { warn } from '../formats/output.js';
import {
  assemble,
  finishedKeys,
  validTaskKeys,
  prepareFolder,
  readManifest,
  readTaskResults,
  taskFile,
  writeTask,
  type SweepManifest,
  type SweepTaskFile,
} from '../formats/sweep-files.js';
import { runClaimedTask, type SharedTasks, type SweepShare } from './sweep-worker.js';
import type { Strategy } from '../core/strategy.js';
import { workerThreads } from './worker-threads.js';
import { askThread, endThreads } from './early-threads.js';
import { sweepThreads } from './sweep-threads.js';

/** Progress on stderr: one updating line in a terminal, a plain line at most every two seconds otherwise. */
function progressReporter(total: number, already: number) {
  const started = performance.now();
  let lastLine = 0;
  return (done: number, final = false) => {
    const now = performance.now();
    if (!final && !process.stderr.isTTY && now - lastLine < 2000) return;
    lastLine = now;
    const fresh = done - already;
    const rate = fresh / Math.max(0.001, (now - started) / 1000);
    const left = rate > 0 ? (total - done) / rate : Infinity;
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const text =
      fresh === 0 && done === total
        ? `sweep: all ${total} tasks were already done`
        : `sweep ${bar} ${done}/${total} tasks · ${rate.toFixed(2)} tasks/s · ${Number.isFinite(left) ? `${Math.ceil(left)} s left` : '…'}`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}${final ? '\n' : ''}` : `${text}\n`);
  };
}

export async function runSweepCommand(options: SweepOptions): Promise<void> {
  const base = loadScenario(options.scenario);
  const sized = options.size === undefined ? [] : [`width=${options.size.width}`, `height=${options.size.height}`];
  const scenario = withOverrides(base, [...sized, ...options.set]);
  const grid = options.grid.map(parseGridAxis);
  const rootSeed = options.seed ?? scenario.seed;
  const generations = options.generations ?? scenario.generations;
  const tasks = planSweep(scenario, grid, options.seeds, rootSeed);
  // `--strategy` is [] when not given: only a file or a folder loads the modules' code (esbuild, the schemas), which the command's thread, that runs tasks too, otherwise has no use for.
  const moduleFiles =
    (options.strategy?.length ?? 0) > 0 || options.submissions !== undefined ? (await import('../modules/modules.js')).moduleFilesFrom(options) : [];
  const strategyIds = Object.keys(scenario.parameters.strategies);
  // Fail on unknown ids before any work starts (modules are checked by the workers that load them).
  if (moduleFiles.length === 0) requireStrategies(strategyIds, builtinStrategies, `the strategies of scenario '${scenario.name}'`);
  const manifest: SweepManifest = {
    cooplab: cooplabVersion(),
    scenario: { ...scenarioDocument(scenario), parameters: scenario.parameters },
    grid,
    seeds: options.seeds,
    rootSeed,
    generations,
    tasks: tasks.length,
    strategyModules: moduleFiles,
  };
  prepareFolder(options.out, manifest);
  const mine = options.shard === undefined ? tasks : tasks.filter((task) => task.index % options.shard!.count === options.shard!.index - 1);
  const done = validTaskKeys(options.out, (_file, problem) => warn(`${problem}: running its task again`));
  const pending = longestFirst(
    scenario,
    mine.filter((task) => !done.has(task.key)),
  );
  const report = progressReporter(mine.length, mine.length - pending.length);
  let finished = mine.length - pending.length;
  // What the outputs need of each task run here (not its lattice): they are assembled from these, and only earlier tasks are read back from their files.
  const fresh = new Map<string, SweepTaskFile>();
  const save = (result: TaskResult) => {
    // Each task is its own file, written whole: an interruption loses only the tasks in flight.
    writeTask(options.out, result);
    const { lattice: _lattice, ...kept } = result;
    fresh.set(result.key, kept);
    finished++;
    report(finished);
  };
  const threads = workerThreads(options.workers ?? availableParallelism(), pending.length);
  const shared: SharedTasks = { scenario, tasks: pending, generations, next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
  // A signal claims every task left: each thread ends the task it is running, its result is
  // saved, and only then does the process exit. Exiting with worker threads still running would
  // race their teardown, which Node may end with a crash.
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    Atomics.store(shared.next, 0, pending.length);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const strategies = moduleFiles.length === 0 ? requireStrategies(strategyIds) : await withModules(strategyIds, moduleFiles, options.trusted === true);
  if (threads <= 1) {
    sweepThreads(0); // threads started early for this sweep are not needed
    for (let result = runClaimedTask(shared, strategies); result !== undefined; result = runClaimedTask(shared, strategies)) {
      save(result);
      // Between tasks a signal to stop is heard (a task itself runs to its end).
      await betweenTasks();
    }
  } else {
    await runOnThreads(shared, threads, { strategies, strategyIds, moduleFiles, trusted: options.trusted === true, save });
  }
  if (interrupted) {
    process.stderr.write(
      `\ncooplab: sweep interrupted: ${finished} of ${mine.length} tasks are saved in ${options.out}; run the same command again to resume\n`,
    );
    process.exit(130);
  }
  report(finished, true);
  // The listeners stay until the process exits: a signal from now on, with every task saved, lets
  // the outputs be assembled whole (a moment's work) instead of killing the process mid-write.
  // Nothing new and the outputs are there (every task file checked above): resuming a finished sweep costs next to nothing.
  if (pending.length === 0 && ['results.csv', 'series.csv'].every((file) => existsSync(join(options.out, file)))) return;
  const keys = new Set(mine.map((task) => task.key));
  const earlier = [...finishedKeys(options.out)].filter((key) => keys.has(key) && !fresh.has(key));
  assemble(options.out, manifest, [...fresh.values(), ...readTaskResults(options.out, earlier)]);
}

/** A turn of the event loop: what came in meanwhile (a worker's result, a signal) is handled. */
function betweenTasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a sweep's tasks on `threads` threads: this one and threads − 1 workers, each claiming the
 * next task from a shared counter, so that all finish within about one task of each other. This
 * thread runs tasks too (it is started already, and would otherwise only wait); between its tasks
 * it saves the workers' results, which come back one by one as they are done.
 */
async function runOnThreads(
  shared: SharedTasks,
  threads: number,
  run: {
    strategies: readonly Strategy[];
    strategyIds: readonly string[];
    moduleFiles: readonly string[];
    trusted: boolean;
    save: (result: TaskResult) => void;
  },
): Promise<void> {
  const { MessageChannel } = await import('node:worker_threads');
  const threadsOfWorkers = sweepThreads(threads - 1);
  let saved = 0;
  let expected = Number.POSITIVE_INFINITY;
  let allSaved = () => {};
  const everySaved = new Promise<void>((resolve) => {
    allSaved = resolve;
  });
  const save = (result: TaskResult) => {
    run.save(result);
    if (++saved === expected) allSaved();
  };
  const channels = threadsOfWorkers.map(() => new MessageChannel());
  try {
    const theirs = threadsOfWorkers.map((thread, k) => {
      const { port1, port2 } = channels[k]!;
      port1.on('message', save);
      const share: SweepShare = { ...shared, strategyIds: run.strategyIds, moduleFiles: run.moduleFiles, trusted: run.trusted, results: port2 };
      return askThread<number>(thread, share, [port2]);
    });
    // A worker that fails stops the sweep at once, as a task failing in this thread would.
    const failed = Promise.all(theirs).then(() => new Promise<never>(() => {}));
    failed.catch(() => {}); // awaited in the race below; this only keeps an early failure from counting as unhandled
    let ran = 0;
    for (let result = runClaimedTask(shared, run.strategies); result !== undefined; result = runClaimedTask(shared, run.strategies)) {
      save(result);
      ran++;
      // Between tasks, the workers' results are saved and a signal to stop is heard.
      await Promise.race([betweenTasks(), failed]);
    }
    // No task is left to claim. Each worker ends its share before its thread is ended (none is
    // stopped while it starts or plays) and says how many tasks it ran; the results of the last
    // may still be on their way (a signal leaves fewer than all the tasks run).
    for (const theirRan of await Promise.all(theirs)) ran += theirRan;
    expected = ran;
    if (saved < expected) await everySaved;
  } finally {
    for (const { port1 } of channels) port1.close();
    await endThreads(threadsOfWorkers);
  }
}

async function withModules(ids: readonly string[], files: readonly string[], trusted: boolean) {
  const { loadStrategyModules } = await import('../modules/modules.js');
  const loaded = await loadStrategyModules(files, { trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) });
  return requireStrategies(ids, [...builtinStrategies, ...loaded.strategies]);
}

/** Combines shard folders: the same task files, assembled in task order, as one machine would have. */
export function runMergeCommand(directories: readonly string[], out: string): void {
  const manifests = directories.map(readManifest);
  const first = JSON.stringify(manifests[0]);
  directories.forEach((directory, index) => {
    if (JSON.stringify(manifests[index]) !== first)
      throw new InputError(`'${directory}' holds a different sweep from '${directories[0]}': expected shards of one sweep`);
  });
  const manifest = manifests[0]!;
  prepareFolder(out, manifest);
  for (const directory of directories) {
    for (const key of finishedKeys(directory)) {
      const target = taskFile(out, key);
      if (!existsSync(target)) copyFileSync(taskFile(directory, key), target);
    }
  }
  const results = readTaskResults(out);
  assemble(out, manifest, results);
  const missing = manifest.tasks - results.length;
  process.stderr.write(
    `cooplab: merged ${results.length} of ${manifest.tasks} tasks into ${out}${missing > 0 ? ` (${missing} missing: run the missing shards, then merge again)` : ''}\n`,
  );
}
