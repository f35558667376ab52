import type { YearScale } from '../../cluster/scenario.js';

const BLOCKS = ' ▁▂▃▄▅▆▇█';

/**
 * A filled line chart of values in [0, 1] as text rows (top row first), `width` columns
 * covering the whole series: each column shows the mean of its share of the series.
 */
export function chartRows(values: readonly number[], width: number, height: number): string[] {
  if (width <= 0 || height <= 0) return [];
  const columns: number[] = [];
  if (values.length > 0) {
    const span = Math.max(1, values.length / width);
    for (let column = 0; column < Math.min(width, values.length); column++) {
      const from = Math.floor(column * span);
      const to = Math.max(from + 1, Math.floor((column + 1) * span));
      let sum = 0;
      for (let i = from; i < to; i++) sum += values[i]!;
      columns.push(Math.max(0, Math.min(1, sum / (to - from))));
    }
  }
  const rows: string[] = [];
  for (let row = 0; row < height; row++) {
    const floor = (height - 1 - row) / height;
    let line = '';
    for (const value of columns) {
      const filled = (value - floor) * height * 8;
      line += filled >= 8 ? '█' : filled <= 0 ? ' ' : BLOCKS[Math.round(filled)]!;
    }
    rows.push(line.padEnd(width));
  }
  return rows;
}

/** A horizontal bar of `width` cells for a share in [0, 1], with eighth-cell precision. */
export function bar(share: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0)) * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  return ('█'.repeat(full) + (partial > 0 ? '▏▎▍▌▋▊▉'[partial - 1]! : '')).padEnd(width).slice(0, width);
}

const AXIS_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/**
 * The time axis under a chartRows chart of `count` values (generations 0 … count − 1) drawn in
 * `width` columns: generation numbers under the columns that show them — or, for a scenario with
 * years, the years under the columns where they begin — spaced so they never touch. Empty
 * before there is data.
 */
export function timeAxis(count: number, width: number, years?: YearScale): string {
  if (count <= 0 || width <= 0) return '';
  const span = Math.max(1, count / width);
  const columnOf = (generation: number) => Math.min(width - 1, Math.floor(generation / span));
  // A tick every `step` units: generations, or years of generationsPerYear generations each.
  const unit = years?.generationsPerYear ?? 1;
  const labelOf = (units: number) => String(years === undefined ? units : years.startYear + units);
  const widest = labelOf(Math.floor((count - 1) / unit)).length;
  const step = AXIS_STEPS.find((candidate) => (candidate * unit) / span >= widest + 2) ?? AXIS_STEPS[AXIS_STEPS.length - 1]!;
  const line = Array.from({ length: width }, () => ' ');
  let free = 0;
  for (let units = 0; units * unit < count; units += step) {
    const label = labelOf(units);
    const at = columnOf(units * unit);
    if (at < free || at + label.length > width) continue;
    for (let index = 0; index < label.length; index++) line[at + index] = label[index]!;
    free = at + label.length + 1;
  }
  return line.join('').trimEnd();
}
