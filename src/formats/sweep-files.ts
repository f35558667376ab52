import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../core/errors.js';
import { SERIES_METRICS, type GridAxis, type TaskResult } from '../cluster/sweep.js';

/** What identifies a sweep: a folder holds one sweep; shards and resumed runs must agree on it. */
export interface SweepManifest {
  readonly cooplab: string;
  readonly scenario: unknown;
  readonly grid: readonly GridAxis[];
  readonly seeds: number;
  readonly rootSeed: number;
  readonly generations: number;
  readonly tasks: number;
  readonly strategyModules: readonly string[];
}

/** Writes through a temporary file and a rename: a file is either whole or absent, never cut. */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

export function prepareFolder(directory: string, manifest: SweepManifest): void {
  mkdirSync(join(directory, 'tasks'), { recursive: true });
  // A run killed while writing a task leaves its temporary file behind; the task itself reruns.
  for (const name of readdirSync(join(directory, 'tasks'))) if (name.endsWith('.tmp')) rmSync(join(directory, 'tasks', name));
  const file = join(directory, 'manifest.json');
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8');
    if (existing !== text) {
      throw new InputError(
        `--out '${directory}' holds a different sweep (its manifest.json differs): expected the same scenario, grid, seeds and generations to resume, or a new folder`,
      );
    }
    return;
  }
  writeAtomically(file, text);
}

export function readManifest(directory: string): SweepManifest {
  try {
    return JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as SweepManifest;
  } catch {
    throw new InputError(`'${directory}' is not a sweep folder: expected a manifest.json written by cooplab sweep`);
  }
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

export function readTaskResults(directory: string): TaskResult[] {
  return [...finishedKeys(directory)].map((key) => JSON.parse(readFileSync(taskFile(directory, key), 'utf8')) as TaskResult);
}

const snake = (metric: string) => metric.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The tidy outputs, assembled from the task files in task order: results.csv (one row per task:
 * its parameters, seed, final and time-averaged metrics) and series.csv (task, generation, metrics).
 */
export function assemble(directory: string, manifest: SweepManifest, results: readonly TaskResult[]): void {
  const ordered = [...results].sort((a, b) => a.index - b.index);
  const paths = manifest.grid.map((axis) => axis.path);
  const resultColumns = [
    'task',
    ...paths,
    'seed_index',
    'seed',
    ...SERIES_METRICS.map((metric) => `final_${snake(metric)}`),
    ...SERIES_METRICS.map((metric) => `avg_${snake(metric)}`),
  ];
  const resultRows = ordered.map((result) => [
    result.index,
    ...paths.map((path) => result.parameters[path]),
    result.seedIndex,
    result.seed,
    ...SERIES_METRICS.map((metric) => result.final[metric]),
    ...SERIES_METRICS.map((metric) => result.average[metric]),
  ]);
  writeAtomically(join(directory, 'results.csv'), stringify(resultRows, { header: true, columns: resultColumns }));
  const seriesRows: (string | number | undefined)[][] = [];
  for (const result of ordered) {
    const length = result.series.cooperation!.length;
    for (let generation = 0; generation < length; generation++) {
      seriesRows.push([result.index, generation, ...SERIES_METRICS.map((metric) => result.series[metric]![generation])]);
    }
  }
  writeAtomically(join(directory, 'series.csv'), stringify(seriesRows, { header: true, columns: ['task', 'generation', ...SERIES_METRICS.map(snake)] }));
}
