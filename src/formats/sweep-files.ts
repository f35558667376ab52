import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { writtenScenarioSchema } from '../cluster/scenario.js';
import { SERIES_METRICS, type TaskResult } from '../cluster/sweep.js';
import { parseOutputDocument, readJsonFile } from './document.js';
import { snakeCase, toFileFields, toMemoryFields, type KeyRules } from './field-names.js';
import { writeFileAtomically } from './output.js';

/**
 * A sweep folder's documents (docs/formats.md): manifest.json (what identifies the sweep),
 * tasks/KEY.json (one finished task each), and results.csv and series.csv assembled from the
 * task files. `cooplab sweep` and `cooplab merge` write them; merge, resume, `cooplab plot` and
 * `cooplab report` read them through this module. The grid axis and task result types of
 * src/cluster/sweep.ts are the model's; the schemas here are the files', and the writers below
 * are checked against them by the compiler.
 */

const gridValue = z.union([z.number(), z.string(), z.boolean()]);
const gridAxisSchema = z.object({ path: z.string(), values: z.array(gridValue).readonly() });

const manifestSchema = z.object({
  cooplab: z.string(),
  /** The scenario as run: a scenario file with every parameter (before the grid). */
  scenario: writtenScenarioSchema,
  grid: z.array(gridAxisSchema),
  seeds: z.number().int().min(1),
  rootSeed: z.number().int().min(0),
  generations: z.number().int().min(0),
  tasks: z.number().int().min(0),
  strategyModules: z.array(z.string()),
});

/** What identifies a sweep: a folder holds one sweep; shards and resumed runs must agree on it. */
export type SweepManifest = z.infer<typeof manifestSchema>;
export type SweepAxis = z.infer<typeof gridAxisSchema>;
export type GridValue = z.infer<typeof gridValue>;

const taskSchema = z.object({
  index: z.number().int().min(0),
  key: z.string(),
  parameters: z.record(z.string(), gridValue),
  seedIndex: z.number().int().min(1),
  seed: z.number().int().min(0),
  final: z.record(z.string(), z.number()),
  average: z.record(z.string(), z.number()),
  series: z.record(z.string(), z.array(z.number()).readonly()),
  lattice: z.object({ strategies: z.array(z.string()).readonly(), cells: z.array(z.array(z.number().int().min(0)).readonly()).readonly() }).optional(),
});

/** One finished task, as tasks/KEY.json holds it: its parameters, seed, and metrics. */
export type SweepTaskFile = z.infer<typeof taskSchema>;

/** Writes through a temporary file and a rename: a file is either whole or absent, never cut. */
export function prepareFolder(directory: string, manifest: SweepManifest): void {
  mkdirSync(join(directory, 'tasks'), { recursive: true });
  // A run killed while writing a task leaves its temporary file behind; the task itself reruns.
  for (const name of readdirSync(join(directory, 'tasks'))) if (name.endsWith('.tmp')) rmSync(join(directory, 'tasks', name));
  const file = join(directory, 'manifest.json');
  const text = manifestText(manifest);
  if (existsSync(file)) {
    // A folder begun before the snake_case convention holds the same manifest with camelCase fields: it resumes.
    const existing = readFileSync(file, 'utf8');
    if (existing !== text && !sameManifest(directory, text)) {
      throw new InputError(
        `--out '${printable(directory)}' holds a different sweep (its manifest.json differs): expected the same scenario, grid, seeds and generations to resume, or a new folder`,
      );
    }
    return;
  }
  writeFileAtomically(file, text);
}

/** The scenario keeps the scenario file's spelling; a grid axis's values may be anything a parameter takes. */
const MANIFEST_KEYS: KeyRules = { scenario: 'verbatim', 'grid.*.values': 'verbatim' };
/** A task's parameters are keyed by --set paths. */
const TASK_KEYS: KeyRules = { parameters: 'data' };

/** Whether the folder's manifest says what `text` does, in either spelling of its fields; a damaged one does not. */
function sameManifest(directory: string, text: string): boolean {
  try {
    return isDeepStrictEqual(readManifest(directory), toMemoryFields(JSON.parse(text), MANIFEST_KEYS));
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

function manifestText(manifest: SweepManifest): string {
  return `${JSON.stringify(toFileFields(manifest, MANIFEST_KEYS), null, 2)}\n`;
}

/** A sweep's manifest.json, checked: the folder must hold one written by cooplab sweep. */
export function readManifest(directory: string): SweepManifest {
  const file = join(directory, 'manifest.json');
  if (!existsSync(file)) throw new InputError(`'${printable(directory)}' is not a sweep folder: expected a manifest.json written by cooplab sweep`);
  return parseOutputDocument(manifestSchema, readJsonFile(file, 'sweep manifest'), 'sweep manifest', file, MANIFEST_KEYS);
}

export function taskFile(directory: string, key: string): string {
  return join(directory, 'tasks', `${key}.json`);
}

export function finishedKeys(directory: string): Set<string> {
  const folder = join(directory, 'tasks');
  if (!existsSync(folder)) return new Set();
  return new Set(
    readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -5)),
  );
}

/** A finished task as its file holds it. */
export function taskJson(result: TaskResult): string {
  const document: SweepTaskFile = result;
  return `${JSON.stringify(toFileFields(document, TASK_KEYS))}\n`;
}

/** Writes a finished task's file, whole or not at all: an interruption loses only the tasks in flight. */
export function writeTask(directory: string, result: TaskResult): void {
  writeFileAtomically(taskFile(directory, result.key), taskJson(result));
}

/** A task file checked: its result, or why it cannot be used (cut short by a crash, edited, from another version). */
function readTaskFile(file: string): { result: SweepTaskFile } | { problem: string } {
  try {
    return { result: parseOutputDocument(taskSchema, readJsonFile(file, 'sweep task'), 'sweep task', file, TASK_KEYS) };
  } catch (error) {
    if (error instanceof InputError) return { problem: error.message };
    throw error;
  }
}

/**
 * The tasks of a folder whose files are whole and valid. A damaged file (a crash mid-write on a
 * file system without atomic rename, a copy cut short) is removed so that its task runs again,
 * and `onDamaged` is told which and why.
 */
export function validTaskKeys(directory: string, onDamaged: (file: string, problem: string) => void): Set<string> {
  const valid = new Set<string>();
  for (const key of finishedKeys(directory)) {
    const file = taskFile(directory, key);
    const read = readTaskFile(file);
    if ('result' in read) valid.add(key);
    else {
      onDamaged(file, read.problem);
      rmSync(file, { force: true });
    }
  }
  return valid;
}

/** Every finished task of a folder (or those of `keys`), each file checked; a damaged one is named (merge and reports cannot redo it). */
export function readTaskResults(directory: string, keys: Iterable<string> = finishedKeys(directory)): SweepTaskFile[] {
  return [...keys].map((key) => {
    const file = taskFile(directory, key);
    const read = readTaskFile(file);
    if ('problem' in read) throw new InputError(`${read.problem}; delete it and run the same cooplab sweep command again to redo the task`);
    return read.result;
  });
}

/**
 * The tidy outputs, assembled from the task files in task order: results.csv (one row per task:
 * its parameters, seed, final and time-averaged metrics) and series.csv (task, generation, metrics).
 */
export function assemble(directory: string, manifest: SweepManifest, results: readonly SweepTaskFile[]): void {
  const ordered = [...results].sort((a, b) => a.index - b.index);
  const paths = manifest.grid.map((axis) => axis.path);
  const resultColumns = [
    'task',
    ...paths,
    'seed_index',
    'seed',
    ...SERIES_METRICS.map((metric) => `final_${snakeCase(metric)}`),
    ...SERIES_METRICS.map((metric) => `avg_${snakeCase(metric)}`),
  ];
  const resultRows = ordered.map((result) => [
    result.index,
    ...paths.map((path) => result.parameters[path]),
    result.seedIndex,
    result.seed,
    ...SERIES_METRICS.map((metric) => result.final[metric]),
    ...SERIES_METRICS.map((metric) => result.average[metric]),
  ]);
  writeFileAtomically(join(directory, 'results.csv'), stringify(resultRows, { header: true, columns: resultColumns }));
  const seriesRows: (string | number | undefined)[][] = [];
  for (const result of ordered) {
    const length = result.series.cooperation!.length;
    for (let generation = 0; generation < length; generation++) {
      seriesRows.push([result.index, generation, ...SERIES_METRICS.map((metric) => result.series[metric]![generation])]);
    }
  }
  writeFileAtomically(
    join(directory, 'series.csv'),
    stringify(seriesRows, { header: true, columns: ['task', 'generation', ...SERIES_METRICS.map(snakeCase)] }),
  );
}

/** A finished sweep as `cooplab plot` and `cooplab report` read it: its manifest and results.csv. */
export interface SweepData {
  readonly directory: string;
  readonly manifest: SweepManifest;
  /** The columns of results.csv, in order. */
  readonly columns: readonly string[];
  /** One row per task, each cell as written. */
  readonly rows: readonly Readonly<Record<string, string>>[];
}

export function isSweepFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory() && existsSync(join(path, 'manifest.json'));
}

/** The columns results.csv starts with for this manifest; the metric columns follow. */
function leadingColumns(manifest: SweepManifest): string[] {
  return ['task', ...manifest.grid.map((axis) => axis.path), 'seed_index', 'seed'];
}

/** A finished sweep folder: its manifest and results.csv, checked against each other. */
export function readSweep(directory: string): SweepData {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError(`no sweep folder '${printable(directory)}': expected a folder written by cooplab sweep --out`);
  }
  const manifest = readManifest(directory);
  const file = join(directory, 'results.csv');
  if (!existsSync(file)) {
    throw new InputError(
      `'${printable(directory)}' has no results.csv: expected a finished sweep (run the same cooplab sweep command again to finish it, or cooplab merge for shards)`,
    );
  }
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new InputError(
      `'${printable(file)}' is not valid CSV (${printable(error instanceof Error ? error.message : String(error))}): expected the results.csv written by cooplab sweep`,
    );
  }
  const [header, ...body] = records;
  if (header === undefined) throw new InputError(`'${printable(file)}' is empty: expected a header and one row per task`);
  const expected = leadingColumns(manifest);
  const wrong = expected.findIndex((column, index) => header[index] !== column);
  if (wrong >= 0) {
    throw new InputError(
      `results.csv '${printable(file)}': column ${wrong + 1}: got ${header[wrong] === undefined ? 'nothing' : `'${printable(header[wrong])}'`}, expected '${printable(expected[wrong]!)}' (the columns start with ${expected.map((column) => printable(column)).join(', ')})`,
    );
  }
  const rows = body.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index] ?? ''])));
  return { directory, manifest, columns: header, rows };
}
