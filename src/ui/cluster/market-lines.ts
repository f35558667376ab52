import type { LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import type { Segment } from '../shared/segments.js';
import { chartRows } from './chart-rows.js';

/**
 * The market lines of the in-force panel, while the market layer is on (docs/model.md, "The
 * market"): the number of firms with the generation's entries and exits and its recent course,
 * the mean price, and mean quality with its spread and recent course. Short logical lines, each
 * figure whole, so they wrap cleanly in the side panel at 80 columns.
 */
export function marketLines(snapshot: LiveSnapshot, theme: Theme): Segment[][] {
  const latest = snapshot.records[snapshot.records.length - 1]?.market;
  if (latest === undefined) return [];
  const recent = snapshot.records.slice(-10).flatMap((record) => (record.market === undefined ? [] : [record.market]));
  const trend = (values: readonly number[]) => (values.length > 0 ? (chartRows(values, values.length, 1)[0] ?? '') : '');
  return [
    [
      { text: 'market ', bold: true },
      { text: `${latest.firms} firms ${trend(recent.map((market) => market.firms))}`.trimEnd(), whole: true },
      { text: ' · ' },
      { text: `+${latest.entries} −${latest.exits}`, colour: theme.colour ? theme.warning : undefined, whole: true },
    ],
    [
      { text: `price ${latest.meanPrice.toFixed(2)}`, whole: true },
      { text: ' · ' },
      {
        text: `quality ${latest.meanQuality.toFixed(2)} ± ${latest.qualitySpread.toFixed(2)} ${trend(recent.map((market) => market.meanQuality))}`.trimEnd(),
        whole: true,
      },
    ],
  ];
}
