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
