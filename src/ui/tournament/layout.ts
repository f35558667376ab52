import type { TournamentProgress } from '../../core/progressive-tournament.js';
import { titleFits } from './settings-text.js';

export type TournamentPanel = 'table' | 'matrix';

/**
 * The number of leaderboard or matrix rows that fit: the rest is title, progress, blanks,
 * column header and footer, the matrix's legend, a "more below" line when needed, and the
 * last terminal row, which Ink wants free (a full screen makes it redraw everything).
 */
export function bodyRows(rows: number, columns: number, panel: TournamentPanel, progress: TournamentProgress): number {
  const chrome = (titleFits(progress, columns) ? 1 : 2) + 5 + (panel === 'matrix' ? 1 : 0) + 1;
  const room = Math.max(3, rows - chrome);
  return progress.result.strategies.length > room ? Math.max(2, room - 1) : room;
}

/** The most useful scroll offset: within range for the rows shown. */
export function clampScroll(scroll: number, count: number, visible: number): number {
  return Math.max(0, Math.min(scroll, Math.max(0, count - visible)));
}
