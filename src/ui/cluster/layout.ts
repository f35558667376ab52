import type { LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import { wrappedLines } from '../shared/format.js';
import { type LatticeView, legend } from './lattice-rows.js';

/** Below this width the view stacks into one column. */
export const WIDE = 100;
/** The side column's width beside the map. */
export const SIDE = 46;
/** A stacked view shorter than this drops the panels a room can do without (trust chart, shares, ladder). */
export const TALL_STACK = 34;
/** From this height the projector's headline uses the block font. */
export const BIG_HEADLINE_ROWS = 30;

/** Rows the legend takes when its entries wrap at `width`, as Ink lays out the flex-wrapped row. */
export function legendRows(snapshot: LiveSnapshot, view: LatticeView, theme: Theme, width: number): number {
  const items = [`view: ${view}`.length, ...legend(snapshot, view, theme).map((entry) => (theme.colour ? 3 : 4) + entry.label.length)];
  let rows = 1;
  let used = 0;
  for (const item of items) {
    if (used > 0 && used + 2 + item > width) {
      rows++;
      used = item;
    } else used += (used > 0 ? 2 : 0) + item;
  }
  return rows;
}

/** Rows a line of text takes when Ink wraps it at `width`. */
export function textRows(text: string | undefined, width: number): number {
  return text === undefined ? 0 : wrappedLines(text, width);
}

/** The line that says the scenario is over, while the run waits at its end. */
export function scenarioEndText(snapshot: LiveSnapshot): string | undefined {
  if (!snapshot.ended || snapshot.running) return undefined;
  return `scenario ended at generation ${snapshot.scenario.generations} — space runs on, r starts again`;
}
