import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';

/**
 * A sweep folder as written by `cooplab sweep`: its manifest and results.csv, read back for
 * phase diagrams and reports.
 */
export type GridValue = number | string | boolean;

export interface SweepAxis {
  readonly path: string;
  readonly values: readonly GridValue[];
}

export interface SweepManifestDocument {
  readonly cooplab: string;
  readonly scenario: {
    readonly name: string;
    readonly title?: string;
    readonly description?: string;
    readonly seed?: number;
    readonly generations?: number;
    readonly parameters: Readonly<Record<string, unknown>>;
    readonly events?: readonly unknown[];
  };
  readonly grid: readonly SweepAxis[];
  readonly seeds: number;
  readonly rootSeed: number;
  readonly generations: number;
  readonly tasks: number;
  readonly strategyModules: readonly string[];
}

export interface SweepData {
  readonly directory: string;
  readonly manifest: SweepManifestDocument;
  /** The columns of results.csv, in order. */
  readonly columns: readonly string[];
  /** One row per task, each cell as written. */
  readonly rows: readonly Readonly<Record<string, string>>[];
}

export function isSweepFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory() && existsSync(join(path, 'manifest.json'));
}

export function readSweep(directory: string): SweepData {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError(`no sweep folder '${directory}': expected a folder written by cooplab sweep --out`);
  }
  let manifest: SweepManifestDocument;
  try {
    manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as SweepManifestDocument;
  } catch {
    throw new InputError(`'${directory}' is not a sweep folder: expected a manifest.json written by cooplab sweep`);
  }
  if (!Array.isArray(manifest.grid) || typeof manifest.scenario !== 'object' || manifest.scenario === null) {
    throw new InputError(`'${directory}/manifest.json' is not a sweep manifest: expected scenario and grid fields written by cooplab sweep`);
  }
  const file = join(directory, 'results.csv');
  if (!existsSync(file)) {
    throw new InputError(
      `'${directory}' has no results.csv: expected a finished sweep (run the same cooplab sweep command again to finish it, or cooplab merge for shards)`,
    );
  }
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new InputError(
      `'${file}' is not valid CSV (${error instanceof Error ? error.message : String(error)}): expected the results.csv written by cooplab sweep`,
    );
  }
  const [header, ...body] = records;
  if (header === undefined) throw new InputError(`'${file}' is empty: expected a header and one row per task`);
  const rows = body.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index] ?? ''])));
  return { directory, manifest, columns: header, rows };
}

/** The metric columns of results.csv (the final and time-averaged metrics). */
export function metricColumns(sweep: SweepData): string[] {
  return sweep.columns.filter((column) => column.startsWith('final_') || column.startsWith('avg_'));
}

/** A metric by column name, or a short name (`cooperation`, `mean_trust`, `meanTrust`) for its final value. */
export function resolveMetric(sweep: SweepData, name: string): string {
  const metrics = metricColumns(sweep);
  const snake = name
    .trim()
    .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
    .replace(/-/g, '_');
  for (const candidate of [snake, `final_${snake}`]) if (metrics.includes(candidate)) return candidate;
  throw new InputError(
    `unknown metric '${name}': expected a column of results.csv: ${metrics.join(', ')} (or a short name such as cooperation for final_cooperation)`,
  );
}

export function resolveAxis(sweep: SweepData, path: string, option: string): SweepAxis {
  const axis = sweep.manifest.grid.find((candidate) => candidate.path === path.trim());
  if (axis === undefined) {
    const paths = sweep.manifest.grid.map((candidate) => candidate.path);
    throw new InputError(`unknown ${option} '${path}': expected a path of the sweep's grid: ${paths.length === 0 ? '(the grid is empty)' : paths.join(', ')}`);
  }
  return axis;
}

/** How csv-stringify wrote a grid value in results.csv. */
export function csvCell(value: GridValue): string {
  if (typeof value === 'boolean') return value ? '1' : '';
  return String(value);
}

export function valueLabel(value: GridValue): string {
  return String(value);
}

export interface PhaseGrid {
  readonly metric: string;
  readonly x: SweepAxis;
  /** Absent for a one-axis summary (a line). */
  readonly y?: SweepAxis;
  /** cells[yIndex][xIndex]: the mean over every row with those values (seeds and the other axes); null when none. */
  readonly cells: readonly (readonly (number | null)[])[];
  /** How many rows went into each cell. */
  readonly counts: readonly (readonly number[])[];
}

/** The mean of `metric` for each combination of the x and y values, over seeds and every other axis. */
export function phaseGrid(sweep: SweepData, metric: string, x: SweepAxis, y?: SweepAxis): PhaseGrid {
  const xIndex = new Map(x.values.map((value, index) => [csvCell(value), index]));
  const yValues = y?.values ?? [''];
  const yIndex = new Map(yValues.map((value, index) => [y === undefined ? '' : csvCell(value), index]));
  const sums = yValues.map(() => x.values.map(() => 0));
  const counts = yValues.map(() => x.values.map(() => 0));
  for (const row of sweep.rows) {
    const column = xIndex.get(row[x.path] ?? '');
    const line = y === undefined ? 0 : yIndex.get(row[y.path] ?? '');
    const value = Number(row[metric]);
    if (column === undefined || line === undefined || row[metric] === '' || !Number.isFinite(value)) continue;
    sums[line]![column]! += value;
    counts[line]![column]! += 1;
  }
  const cells = sums.map((line, row) => line.map((sum, column) => (counts[row]![column]! > 0 ? sum / counts[row]![column]! : null)));
  return { metric, x, ...(y === undefined ? {} : { y }), cells, counts };
}

/** Metrics that are shares, plotted on a fixed 0..1 scale so diagrams can be compared. */
export function isShareMetric(metric: string): boolean {
  return /(^|_)(cooperation|mutual_cooperation|mean_trust)$/.test(metric);
}

/** What each cell averages over, for a caption: "2 seeds" or "2 seeds × 3 values of trust.gain". */
export function averagedOver(sweep: SweepData, used: readonly string[]): string {
  const others = sweep.manifest.grid.filter((axis) => !used.includes(axis.path));
  const parts = [
    `${sweep.manifest.seeds} seed${sweep.manifest.seeds === 1 ? '' : 's'}`,
    ...others.map((axis) => `${axis.values.length} values of ${axis.path}`),
  ];
  return parts.join(' × ');
}
