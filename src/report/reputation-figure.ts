import type { ClusterRunDocument } from '../formats/cluster-run.js';
import { chartFigure } from './chart-figure.js';
import { lineChart } from './charts.js';

/**
 * The standing chart of a cluster run in which the reputation layer was on (docs/model.md,
 * "Reputation"): the mean standing of the firms that mostly co-operated and of those that mostly
 * defected, and the share of firms in bad standing, per generation. Gaps where the layer was off.
 * Empty for a run that never had it.
 */
export function reputationFigure(run: ClusterRunDocument, markers: readonly { readonly x: number; readonly label: string }[]): Promise<string> {
  if (!run.series.some((point) => point.reputation !== undefined)) return Promise.resolve('');
  return chartFigure(
    lineChart({
      title: 'Reputation',
      xLabel: 'generation',
      yLabel: 'standing, share',
      x: run.series.map((point) => point.generation),
      yDomain: { low: 0, high: 1 },
      markers,
      series: [
        { name: 'standing of co-operators', colour: '#3fa34d', values: run.series.map((point) => point.reputation?.cooperators ?? null) },
        { name: 'standing of defectors', colour: '#d1495b', values: run.series.map((point) => point.reputation?.defectors ?? null) },
        { name: 'share in bad standing', colour: '#6c757d', values: run.series.map((point) => point.reputation?.badStanding ?? null) },
      ],
    }),
    'Public standing from word of mouth, at the end of each generation: the mean standing of the firms that co-operated at least as often as they defected in it, of those that defected more often, and the share of firms below the good-standing threshold.',
  );
}
