import type { SweepTaskFile } from '../formats/sweep-files.js';
import { acrossRuns } from './across-runs.js';
import { figure } from './html.js';
import { chartFigure } from './chart-figure.js';
import { lineChart } from './charts.js';
import { latticeSvg } from './lattice-svg.js';

/**
 * The parts of a sweep's report drawn from its task files: co-operation over time for each
 * combination of the grid (the mean across its seeds, with a band from the lowest to the highest
 * seed), and the final lattice of each combination's first seed.
 */

/** More combinations than this make a chart nobody can read: series.csv has them all. */
export const MOST_COMBINATIONS_DRAWN = 12;

const LINE_COLOURS = ['#3fa34d', '#1d6f7b', '#f3a712', '#5b8def', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ff7f0e'];

interface Combination {
  readonly label: string;
  readonly tasks: readonly SweepTaskFile[];
}

/** The tasks grouped by combination of grid values, in task order. */
export function combinationsOf(tasks: readonly SweepTaskFile[], paths: readonly string[]): Combination[] {
  const groups = new Map<string, SweepTaskFile[]>();
  for (const task of [...tasks].sort((a, b) => a.index - b.index)) {
    const label = paths.length === 0 ? 'all runs' : paths.map((path) => `${path}=${String(task.parameters[path])}`).join(', ');
    const group = groups.get(label) ?? [];
    group.push(task);
    groups.set(label, group);
  }
  return [...groups].map(([label, group]) => ({ label, tasks: group }));
}

/** Co-operation over the generations, one line per combination (mean across seeds) with its band. */
export async function sweepSeriesFigure(combinations: readonly Combination[], seeds: number): Promise<string> {
  if (combinations.length === 0 || combinations.length > MOST_COMBINATIONS_DRAWN) return '';
  const length = Math.min(...combinations.flatMap((combination) => combination.tasks.map((task) => task.series.cooperation?.length ?? 0)));
  if (length === 0) return '';
  const x = Array.from({ length }, (_, generation) => generation);
  const series = combinations.map((combination, index) => {
    const spread = acrossRuns(
      combination.tasks.map((task) => task.series.cooperation ?? []),
      length,
    );
    return {
      name: combination.label,
      colour: LINE_COLOURS[index % LINE_COLOURS.length]!,
      values: spread.mean,
      ...(combination.tasks.length > 1 ? { band: { low: spread.low, high: spread.high } } : {}),
    };
  });
  return chartFigure(
    lineChart({
      title: 'Co-operation over time, by combination',
      xLabel: 'generation',
      yLabel: 'share',
      x,
      yDomain: { low: 0, high: 1 },
      series,
      width: 900,
    }),
    `Share of moves that co-operate per generation: for each combination the mean over its ${seeds} seed${seeds === 1 ? '' : 's'}${seeds > 1 ? ', and a band from the lowest to the highest seed' : ''}.`,
  );
}

/** Each combination's final lattice (its first seed), when the tasks kept them. */
export function finalLattices(combinations: readonly Combination[]): string[] {
  if (combinations.length > MOST_COMBINATIONS_DRAWN) return [];
  return combinations.flatMap((combination) => {
    const first = combination.tasks[0];
    return first?.lattice === undefined
      ? []
      : [
          figure(
            latticeSvg(first.lattice, combination.label),
            `The lattice at the end of seed ${first.seed} (${combination.label}), each firm in its strategy's colour.`,
          ),
        ];
  });
}
