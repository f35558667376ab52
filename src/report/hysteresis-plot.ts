import { summariseLoop, type BranchPoint, type LoopMetric, type LoopSummary } from '../cluster/hysteresis.js';
import type { HysteresisDocument } from '../formats/hysteresis.js';
import { ansi, RESET } from '../theme/theme.js';
import { domainOf, formatNumber, lineChart, type Domain } from './charts.js';
import type { Chart } from './vega-render.js';

/**
 * A hysteresis loop drawn: the branch up and the branch down of one metric against the swept
 * parameter, each a mean over seeds with every seed's own figure beside it (where a loop is open,
 * seeds often split: some tip and some do not, and a range would hide that). The terminal gets a
 * character plot (▲ up, ▼ down, · a seed, • several), an SVG two lines and translucent dots.
 */

/** The metrics a loop can draw, by the names of its CSV columns. */
export const METRIC_NAMES: Readonly<Record<string, LoopMetric>> = {
  cooperation: 'cooperation',
  mutual_cooperation: 'mutualCooperation',
  mean_trust: 'meanTrust',
  mean_payoff: 'meanPayoff',
};

/** How a title names each metric: in words, as the rest of the report does, not as a CSV column. */
const METRIC_WORDS: Readonly<Record<LoopMetric, string>> = {
  cooperation: 'co-operation',
  mutualCooperation: 'mutual co-operation',
  meanTrust: 'mean trust',
  meanPayoff: 'mean payoff',
};

const SHARES: ReadonlySet<LoopMetric> = new Set(['cooperation', 'mutualCooperation', 'meanTrust']);
const UP_COLOUR = '#c0504d';
const DOWN_COLOUR = '#2e75b6';

export interface LoopPlot {
  readonly summary: LoopSummary;
  readonly metricName: string;
  readonly parameter: string;
  readonly scenario: string;
  readonly title: string;
  readonly subtitle: string;
  readonly domain: Domain;
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export function loopPlot(document: HysteresisDocument, metricName: string): LoopPlot {
  const metric = METRIC_NAMES[metricName]!;
  const summary = summariseLoop(document.records, metric);
  const all = [...summary.up, ...summary.down].flatMap((point) => point.seeds);
  const shares = SHARES.has(metric) ? { low: 0, high: 1 } : undefined;
  return {
    summary,
    metricName,
    parameter: document.parameter,
    scenario: document.scenario.name,
    title: `${capitalised(METRIC_WORDS[metric])} after ${document.generations} generations at each ${document.parameter}, up and back down (${document.scenario.name})`,
    subtitle: `mean over ${summary.seeds} seed${summary.seeds === 1 ? '' : 's'}; the state carries over from step to step`,
    domain: domainOf(all, shares),
  };
}

/** The sentence under a plot: where the branches lie furthest apart. */
export function widestGapLine(plot: LoopPlot): string {
  const { summary } = plot;
  const { value, gap } = summary.widest;
  const up = summary.up.find((point) => point.value === value);
  const down = summary.down.find((point) => point.value === value);
  if (up === undefined || down === undefined || gap === 0) return 'the branches up and down coincide: no hysteresis';
  return `widest gap at ${plot.parameter} = ${formatNumber(value, 4)}: down ${down.mean.toFixed(2)}, up ${up.mean.toFixed(2)} (gap ${gap >= 0 ? '' : '−'}${Math.abs(gap).toFixed(2)})`;
}

const ROWS = 13;

/** The loop as text: a character plot with a legend and the widest gap. `colour` tints the branches. */
export function loopText(plot: LoopPlot, colour: boolean): string {
  const { summary, domain } = plot;
  const labels = summary.up.map((point) => formatNumber(point.value, 4));
  const cell = Math.max(4, ...labels.map((label) => label.length + 1));
  const width = cell * labels.length;
  const grid: string[][] = Array.from({ length: ROWS }, () => Array.from({ length: width }, () => ' '));
  const tint: (string | undefined)[][] = Array.from({ length: ROWS }, () => Array.from({ length: width }, () => undefined));
  const rowOf = (value: number) => Math.round((1 - (value - domain.low) / (domain.high - domain.low || 1)) * (ROWS - 1));
  const draw = (points: readonly BranchPoint[], offset: number, mark: string, hue: string) => {
    points.forEach((point, index) => {
      const column = index * cell + offset;
      const seedsAt = new Map<number, number>();
      for (const value of point.seeds) seedsAt.set(rowOf(value), (seedsAt.get(rowOf(value)) ?? 0) + 1);
      for (const [row, count] of seedsAt) grid[row]![column] = count === 1 ? '·' : '•';
      for (const row of seedsAt.keys()) tint[row]![column] = hue;
      grid[rowOf(point.mean)]![column] = mark;
      tint[rowOf(point.mean)]![column] = hue;
    });
  };
  draw(summary.up, 1, '▲', UP_COLOUR);
  draw(summary.down, 2, '▼', DOWN_COLOUR);
  const axisLabels = new Map([
    [0, formatNumber(domain.high)],
    [Math.round((ROWS - 1) / 2), formatNumber((domain.low + domain.high) / 2)],
    [ROWS - 1, formatNumber(domain.low)],
  ]);
  const gutter = Math.max(...[...axisLabels.values()].map((label) => label.length));
  const lines = [plot.title, `${plot.subtitle}; ▲ up, ▼ down (means); · one seed, • several`, ''];
  grid.forEach((row, index) => {
    const label = axisLabels.get(index);
    const body = row
      .map((character, column) => (colour && tint[index]![column] !== undefined ? `${ansi(tint[index]![column]!, 'fg')}${character}${RESET}` : character))
      .join('');
    lines.push(`${(label ?? '').padStart(gutter)} ${label === undefined ? '│' : '┤'}${colour ? body : body.trimEnd()}`.trimEnd());
  });
  lines.push(`${' '.repeat(gutter)} └${'─'.repeat(width)}`);
  let ticks = '';
  labels.forEach((label, index) => {
    const at = index * cell + 1;
    if (ticks.length <= at) ticks = ticks.padEnd(at) + label;
  });
  lines.push(`${' '.repeat(gutter + 2)}${ticks}`);
  lines.push(`${' '.repeat(gutter + 2)}${plot.parameter}`);
  lines.push('', widestGapLine(plot));
  return `${lines.join('\n')}\n`;
}

/** The loop as a chart: the branch up and the branch down, each with its seeds' figures as dots. */
export function loopChart(plot: LoopPlot): Chart {
  const { summary } = plot;
  const branch = (name: string, colour: string, points: readonly BranchPoint[]) => ({
    name,
    colour,
    values: points.map((point) => point.mean),
    points: points.flatMap((point) => point.seeds.map((y) => ({ x: point.value, y }))),
  });
  return lineChart({
    title: `Hysteresis: ${METRIC_WORDS[METRIC_NAMES[plot.metricName]!]} as ${plot.parameter} rises and falls (${plot.scenario})`,
    xLabel: `${plot.parameter} · ${widestGapLine(plot)}`,
    yLabel: `${plot.metricName} (line: mean; dots: ${summary.seeds} seeds)`,
    x: summary.up.map((point) => point.value),
    series: [branch(`up (${plot.parameter} rising)`, UP_COLOUR, summary.up), branch(`down (${plot.parameter} falling)`, DOWN_COLOUR, summary.down)],
    yDomain: plot.domain,
  });
}
