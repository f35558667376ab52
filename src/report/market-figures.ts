import type { ClusterRunDocument } from '../formats/cluster-run.js';
import { finalMapsFigure } from './market-map.js';
import { chartFigure } from './chart-figure.js';
import { lineChart, type ChartMarker } from './charts.js';

/**
 * The market layer's charts of a cluster run (docs/model.md, "The market"): the number of
 * firms with entries and exits, mean quality with its spread, and prices and profits, per
 * generation; then the final lattice beside the final quality map. Empty for a run without the layer.
 */
export async function marketFigures(run: ClusterRunDocument, markers: readonly ChartMarker[]): Promise<string[]> {
  if (!run.series.some((point) => point.market !== undefined)) return [];
  const x = run.series.map((point) => point.generation);
  const of = (pick: (market: NonNullable<ClusterRunDocument['series'][number]['market']>) => number | null) =>
    run.series.map((point) => (point.market === undefined ? null : pick(point.market)));
  const quality = of((market) => market.meanQuality);
  const spread = of((market) => market.qualitySpread);
  const charts = await Promise.all([
    chartFigure(
      lineChart({
        title: 'Firms, entries and exits',
        xLabel: 'generation',
        yLabel: 'firms',
        x,
        markers,
        series: [
          { name: 'firms', colour: '#1d6f7b', values: of((market) => market.firms) },
          { name: 'entries', colour: '#3fa34d', values: of((market) => market.entries) },
          { name: 'exits', colour: '#d1495b', values: of((market) => market.exits) },
        ],
      }),
      'The number of firms on the lattice (occupied sites), and the firms that entered (spin-offs and imitators) and exited in each generation.',
    ),
    chartFigure(
      lineChart({
        title: 'Quality',
        xLabel: 'generation',
        yLabel: 'quality level',
        x,
        markers,
        series: [
          {
            name: 'mean quality',
            colour: '#f3a712',
            values: quality,
            band: {
              low: quality.map((value, index) => (value ?? 0) - (spread[index] ?? 0)),
              high: quality.map((value, index) => (value ?? 0) + (spread[index] ?? 0)),
            },
          },
        ],
      }),
      'The mean quality level of the firms, with a band of one standard deviation (the spread) either side.',
    ),
    chartFigure(
      lineChart({
        title: 'Prices and profits',
        xLabel: 'generation',
        yLabel: 'per firm and generation',
        x,
        markers,
        series: [
          { name: 'mean price', colour: '#5b8def', values: of((market) => market.meanPrice) },
          { name: 'mean profit', colour: '#3fa34d', values: of((market) => market.meanProfit) },
          { name: "innovators' profit", colour: '#9467bd', values: of((market) => market.innovatorProfit) },
        ],
      }),
      'The mean price the firms sold at, their mean market profit, and the mean profit of the firms that have innovated (none before the first innovation).',
    ),
  ]);
  const maps = finalMapsFigure(run);
  return maps === '' ? charts : [...charts, maps];
}
