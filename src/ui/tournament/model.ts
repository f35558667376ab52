/**
 * Pure text geometry of the tournament view: bars, whiskers, heatmap cells. No React here,
 * so the drawing rules are testable on their own and components stay thin.
 */

export type BarRole = 'bar' | 'interval' | 'whisker' | 'empty';

export interface BarSegment {
  readonly text: string;
  readonly role: BarRole;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

function eighthsOf(value: number, low: number, high: number, width: number): number {
  const span = high - low;
  const share = span > 0 ? (value - low) / span : 0;
  return Math.round(Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0)) * width * 8);
}

/**
 * A score bar `width` cells wide on the scale [low, high]: solid up to the lower end of the
 * 95% interval, shaded (▓) from there to the mean, and a whisker (──┤) on to its upper end.
 * As repetitions come in the interval narrows and the shading and whisker shrink.
 */
export function scoreBar(mean: number, interval: readonly [number, number] | undefined, low: number, high: number, width: number): BarSegment[] {
  if (width <= 0) return [];
  if (!Number.isFinite(mean)) return [{ text: ' '.repeat(width), role: 'empty' }];
  const meanAt = eighthsOf(mean, low, high, width);
  const lowAt = interval === undefined ? meanAt : Math.min(meanAt, eighthsOf(interval[0], low, high, width));
  const highAt = interval === undefined ? meanAt : Math.max(meanAt, eighthsOf(interval[1], low, high, width));
  const fullCells = Math.floor(meanAt / 8);
  const partial = meanAt % 8;
  const solidCells = Math.min(fullCells, Math.floor(lowAt / 8));
  const segments: BarSegment[] = [];
  const push = (text: string, role: BarRole) => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.role === role) segments[segments.length - 1] = { text: last.text + text, role };
    else segments.push({ text, role });
  };
  push('█'.repeat(solidCells), 'bar');
  push('▓'.repeat(fullCells - solidCells), 'interval');
  let used = fullCells;
  if (partial > 0 && used < width) {
    push(EIGHTHS[partial]!, lowAt < meanAt && Math.floor(lowAt / 8) <= fullCells ? 'interval' : 'bar');
    used++;
  }
  const whiskerEnd = Math.min(width, Math.ceil(highAt / 8));
  if (whiskerEnd > used) {
    push(`${'─'.repeat(whiskerEnd - used - 1)}┤`, 'whisker');
    used = whiskerEnd;
  }
  push(' '.repeat(width - used), 'empty');
  return segments;
}

/** A progress bar `width` cells wide: filled in eighths, the rest a light shade. */
export function progressBar(done: number, total: number, width: number): { filled: string; rest: string } {
  if (width <= 0) return { filled: '', rest: '' };
  const eighths = total > 0 ? Math.round((Math.min(done, total) / total) * width * 8) : 0;
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const filled = '█'.repeat(full) + (partial > 0 ? EIGHTHS[partial]! : '');
  return { filled, rest: '░'.repeat(width - full - (partial > 0 ? 1 : 0)) };
}

const SHADES = ['·', '░', '▒', '▓', '█'] as const;

/** A glyph for a share in [0, 1], light to dark: heatmap cells without colour. */
export function shadeGlyph(share: number): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0));
  return SHADES[Math.min(SHADES.length - 1, Math.floor(clamped * SHADES.length))]!;
}

export interface HeatmapGeometry {
  /** Characters per cell. */
  readonly cell: number;
  /** Decimals shown in a cell; undefined when cells are too narrow for numbers. */
  readonly digits: number | undefined;
  /** Characters of the row label (rank and id), before a space. */
  readonly label: number;
}

/**
 * The widest heatmap cells that fit `columns`: numbers with two decimals, then one, then
 * colour alone; row labels give up characters before cells give up their numbers.
 */
export function heatmapGeometry(strategies: number, columns: number, longestLabel: number): HeatmapGeometry {
  const options: readonly (readonly [cell: number, digits: number | undefined, minimumLabel: number])[] = [
    [6, 2, 12],
    [5, 1, 10],
    [3, undefined, 6],
    [2, undefined, 6],
  ];
  for (const [cell, digits, minimumLabel] of options) {
    const label = Math.min(longestLabel, 26, columns - 1 - strategies * cell);
    if (label >= Math.min(minimumLabel, longestLabel)) return { cell, digits, label };
  }
  return { cell: 1, digits: undefined, label: Math.max(4, Math.min(longestLabel, 16, columns - 1 - strategies)) };
}

/** The range of the finite values of a matrix, for a colour scale. */
export function matrixRange(matrix: readonly (readonly (number | null)[])[]): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const row of matrix) {
    for (const value of row) {
      if (value === null || !Number.isFinite(value)) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  return Number.isFinite(low) ? [low, high] : [0, 0];
}

/** Where a value sits in [low, high], as a share; 0.5 when the range is empty. */
export function shareOf(value: number, low: number, high: number): number {
  return high > low ? (value - low) / (high - low) : 0.5;
}
