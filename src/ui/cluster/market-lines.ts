import type { LiveSnapshot } from '../../cluster/live.js';
import type { MarketRecord } from '../../cluster/market.js';
import type { Theme } from '../../theme/theme.js';
import { chartRows } from './chart-rows.js';

/** One figure of the market panel: its name, its value now, and its course over the whole run. */
export interface MarketLine {
  readonly label: string;
  readonly value: string;
  readonly course: string;
  readonly colour: string | undefined;
}

const LABEL = 8;
const VALUE = 13;

/**
 * The market panel's lines, while the market layer is on (docs/model.md, "The market"): the
 * number of firms, the mean price, mean quality with its spread, the generation's entries and
 * exits (and the brand-holders while brands are on), each with a sparkline of its course over the
 * whole run, scaled from 0 to its highest value so a rise and a fall read as such. Empty without
 * the layer.
 */
export function marketLines(snapshot: LiveSnapshot, theme: Theme, width: number): MarketLine[] {
  const markets = snapshot.records.flatMap((record) => (record.market === undefined ? [] : [record.market]));
  const latest = markets[markets.length - 1];
  if (latest === undefined) return [];
  const room = Math.max(0, width - LABEL - VALUE - 2);
  const course = (pick: (market: MarketRecord) => number) => sparkline(markets.map(pick), room);
  const colour = (value: string) => (theme.colour ? value : undefined);
  const lines: MarketLine[] = [
    { label: 'firms', value: String(latest.firms), course: course((market) => market.firms), colour: colour(theme.accent) },
    { label: 'price', value: latest.meanPrice.toFixed(2), course: course((market) => market.meanPrice), colour: undefined },
    {
      label: 'quality',
      value: `${latest.meanQuality.toFixed(2)} ± ${latest.qualitySpread.toFixed(2)}`,
      course: course((market) => market.meanQuality),
      colour: colour(theme.cooperate),
    },
    { label: 'entries', value: `+${latest.entries}`, course: course((market) => market.entries), colour: colour(theme.cooperate) },
    { label: 'exits', value: `−${latest.exits}`, course: course((market) => market.exits), colour: colour(theme.defect) },
  ];
  if (latest.brands !== undefined) {
    lines.push({ label: 'brands', value: String(latest.brands), course: course((market) => market.brands ?? 0), colour: colour(theme.warning) });
  }
  return lines;
}

/** A line as text: the label, the value right-aligned, and the sparkline. */
export function marketLineText(line: MarketLine): string {
  return `${line.label.padEnd(LABEL)}${line.value.padStart(VALUE)}  ${line.course}`.trimEnd();
}

/** The series in `width` columns over the whole run, one row, scaled from 0 to its highest value. */
function sparkline(values: readonly number[], width: number): string {
  if (width === 0) return '';
  const top = Math.max(0, ...values);
  return (chartRows(top > 0 ? values.map((value) => value / top) : values.map(() => 0), width, 1)[0] ?? '').trimEnd();
}
