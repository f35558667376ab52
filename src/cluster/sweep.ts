import { InputError } from '../core/errors.js';
import { deriveStream } from '../core/random.js';
import type { Strategy } from '../core/strategy.js';
import type { GenerationRecord } from './model.js';
import { parseValue } from './parameters.js';
import { runScenario } from './run.js';
import { withOverrides, type Scenario } from './scenario.js';

/**
 * Parameter sweeps: every combination of the grid's values × seeds is one task. A task's seed
 * comes from the root seed and the task's identity (its parameter values and seed number),
 * never from scheduling, so results are the same on any number of workers, shards or machines.
 */
export interface GridAxis {
  readonly path: string;
  readonly values: readonly (number | string | boolean)[];
}

export interface SweepTask {
  /** Position in the sweep: grid combinations in order (the last axis fastest), seeds innermost. */
  readonly index: number;
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  /** 1..seeds */
  readonly seedIndex: number;
  readonly seed: number;
  /** A stable name for the task's file: the same task has the same key in every run. */
  readonly key: string;
}

/** Parses `path=values`: a list (`0.05,0.1,0.2`) or a range (`0:4:0.5`, both ends included). */
export function parseGridAxis(text: string): GridAxis {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new InputError(`invalid --grid '${text}': expected path=values, such as sanctions.fine=0,1,2 or trust.gain=0:0.3:0.05`);
  const path = text.slice(0, equals).trim();
  const spec = text.slice(equals + 1).trim();
  const range = /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(spec);
  if (range !== null) {
    const [start, stop, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!(step > 0) || !(stop >= start) || (stop - start) / step > 10_000) {
      throw new InputError(`invalid --grid range '${spec}' for ${path}: expected start:stop:step with step > 0 and stop >= start`);
    }
    const values: number[] = [];
    // Decimal steps: round each value to the step's precision so 0.1 + 0.2 reads as 0.3.
    const decimals = Math.max(...[range[1]!, range[2]!, range[3]!].map((part) => (part.split('.')[1] ?? '').length));
    for (let k = 0; start + k * step <= stop + step * 1e-9; k++) values.push(Number((start + k * step).toFixed(decimals)));
    return { path, values };
  }
  const values = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (values.length === 0) throw new InputError(`invalid --grid '${text}': expected at least one value`);
  return { path, values: values.map((value) => parseValue(value) as number | string | boolean) };
}

/** The tasks of a sweep, checked against the scenario (a bad path or value fails before anything runs). */
export function planSweep(scenario: Scenario, grid: readonly GridAxis[], seeds: number, rootSeed: number): SweepTask[] {
  if (!Number.isInteger(seeds) || seeds < 1) throw new InputError(`invalid --seeds ${seeds}: expected a whole number >= 1`);
  let combinations: Record<string, number | string | boolean>[] = [{}];
  for (const axis of grid) {
    for (const value of axis.values) withOverrides(scenario, [`${axis.path}=${JSON.stringify(value)}`]);
    combinations = combinations.flatMap((combination) => axis.values.map((value) => ({ ...combination, [axis.path]: value })));
  }
  const tasks: SweepTask[] = [];
  for (const parameters of combinations) {
    for (let seedIndex = 1; seedIndex <= seeds; seedIndex++) {
      const identity = JSON.stringify([parameters, seedIndex]);
      const stream = deriveStream(rootSeed, 'sweep', identity);
      const seed = Math.floor(stream() * 2 ** 31);
      const key = [stream(), stream()]
        .map((value) =>
          Math.floor(value * 2 ** 32)
            .toString(16)
            .padStart(8, '0'),
        )
        .join('');
      tasks.push({ index: tasks.length, parameters, seedIndex, seed, key });
    }
  }
  return tasks;
}

/**
 * The tasks in the order the threads should claim them: the biggest lattices first (a task's
 * time grows with its firms), so that the last tasks to run are short and the threads end close
 * together; tasks of one size keep their order. Which thread runs which task changes no result.
 */
export function longestFirst(scenario: Scenario, tasks: readonly SweepTask[]): SweepTask[] {
  const side = (task: SweepTask, path: 'width' | 'height') => {
    const value = task.parameters[path];
    return typeof value === 'number' ? value : scenario.parameters[path];
  };
  const firms = (task: SweepTask) => side(task, 'width') * side(task, 'height');
  return [...tasks].sort((a, b) => firms(b) - firms(a));
}

/** What a sweep keeps of one run: the final and time-averaged metrics, and the compact series. */
export interface TaskResult {
  readonly index: number;
  readonly key: string;
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  readonly seedIndex: number;
  readonly seed: number;
  readonly final: Readonly<Record<string, number>>;
  readonly average: Readonly<Record<string, number>>;
  readonly series: Readonly<Record<string, readonly number[]>>;
  /** The strategies at the end (lattice[y][x]: an index into `strategies`), on lattices of at most SWEEP_LATTICE_FIRMS firms. */
  readonly lattice?: { readonly strategies: readonly string[]; readonly cells: readonly (readonly number[])[] };
}

/** The most firms whose final lattice a sweep task keeps (100 × 100: some 20 KB a task). */
export const SWEEP_LATTICE_FIRMS = 10_000;

export const SERIES_METRICS = ['cooperation', 'mutualCooperation', 'meanTrust', 'meanPayoff', 'fines', 'exits'] as const;

export function runSweepTask(scenario: Scenario, strategies: readonly Strategy[], task: SweepTask, generations: number): TaskResult {
  const configured = withOverrides(
    scenario,
    Object.entries(task.parameters).map(([path, value]) => `${path}=${JSON.stringify(value)}`),
  );
  const { records, model } = runScenario(configured, strategies, { seed: task.seed, generations });
  const { width, height } = configured.parameters;
  const cells: number[][] = [];
  if (width * height <= SWEEP_LATTICE_FIRMS) for (let y = 0; y < height; y++) cells.push(Array.from(model.strategyOf.subarray(y * width, (y + 1) * width)));
  const series = Object.fromEntries(SERIES_METRICS.map((metric) => [metric, records.map((record: GenerationRecord) => record[metric])]));
  const last = records[records.length - 1]!;
  return {
    index: task.index,
    key: task.key,
    parameters: task.parameters,
    seedIndex: task.seedIndex,
    seed: task.seed,
    final: Object.fromEntries(SERIES_METRICS.map((metric) => [metric, last[metric]])),
    average: Object.fromEntries(SERIES_METRICS.map((metric) => [metric, records.reduce((sum, record) => sum + record[metric], 0) / records.length])),
    series,
    ...(cells.length > 0 ? { lattice: { strategies: model.pool.map((strategy) => strategy.id), cells } } : {}),
  };
}
