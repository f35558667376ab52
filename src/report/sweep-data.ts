import { InputError } from '../core/errors.js';
import type { GridValue, SweepAxis, SweepData } from '../formats/sweep-files.js';

/**
 * What the reports and `cooplab plot` compute from a finished sweep (read by
 * src/formats/sweep-files.ts): metric and axis lookup, and the means behind a phase diagram.
 */

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
