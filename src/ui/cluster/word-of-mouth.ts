import type { LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import type { Segment } from '../shared/segments.js';
import { chartRows } from './chart-rows.js';

const standing = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));

/**
 * The word-of-mouth lines of the in-force panel, while the reputation layer or communication is on:
 * the assessment rule, the mean standing of the firms that mostly co-operated and of those that
 * mostly defected this generation (in the ties panel instead when firms choose their partners), and
 * the share in bad standing with its recent course. Short logical lines, each figure whole, so they
 * wrap cleanly in the side panel at 80 columns.
 */
export function wordOfMouthLines(snapshot: LiveSnapshot, theme: Theme): Segment[][] {
  const { settings } = snapshot;
  const lines: Segment[][] = [];
  if (settings.communication) lines.push([{ text: 'firms announce their moves before each round' }]);
  if (settings.reputation === null) return lines;
  const latest = snapshot.records[snapshot.records.length - 1]?.reputation;
  const bad = snapshot.records.slice(-10).map((record) => record.reputation?.badStanding ?? 0);
  const trend = bad.length > 0 ? (chartRows(bad, bad.length, 1)[0] ?? '') : '';
  lines.push([{ text: 'word of mouth ', bold: true }, { text: settings.reputation }]);
  // With partner choice the ties panel already sets defectors' standing against co-operators'.
  if (snapshot.network === undefined)
    lines.push([
      { text: `standing: co-operators ${standing(latest?.cooperators)}`, colour: theme.colour ? theme.cooperate : undefined, whole: true },
      { text: ' · ' },
      { text: `defectors ${standing(latest?.defectors)}`, colour: theme.colour ? theme.defect : undefined, whole: true },
    ]);
  lines.push([{ text: `in bad standing ${latest === undefined ? '—' : `${(latest.badStanding * 100).toFixed(0)}%`} ${trend}`.trimEnd(), whole: true }]);
  return lines;
}
