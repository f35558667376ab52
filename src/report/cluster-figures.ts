import type { ClusterRunDocument } from '../formats/cluster-run.js';
import { chartFigure } from './chart-figure.js';
import { lineChart, stackedAreaChart, type ChartMarker } from './charts.js';

/**
 * The parts of a cluster run's report that read the figures added after the first version
 * (co-operation by kind of activity, the rungs of the trust ladder) and a dated scenario's
 * years. A run written before them has none: its report leaves these charts out.
 */

type Point = ClusterRunDocument['series'][number];

/** Where the charts put a run's generations: on a time axis in years when the scenario has them. */
export interface RunTime {
  readonly x: readonly number[];
  readonly label: string;
  readonly markers: readonly ChartMarker[];
  /** The x values are calendar years: whole years on the axis. */
  readonly years: boolean;
  /** The calendar year of a generation, when the scenario has years. */
  readonly yearOf?: (generation: number) => number;
}

export function runTime(run: ClusterRunDocument): RunTime {
  const { startYear, generationsPerYear } = run.scenario;
  if (startYear === undefined || generationsPerYear === undefined) {
    return {
      x: run.series.map((point) => point.generation),
      label: 'generation',
      markers: run.log.map((entry) => ({ x: entry.generation, label: entry.label })),
      years: false,
    };
  }
  // Generation g falls in year startYear + ⌊g / generationsPerYear⌋: on the axis at startYear + g / generationsPerYear.
  const at = (generation: number) => startYear + generation / generationsPerYear;
  const yearOf = (generation: number) => startYear + Math.floor(generation / generationsPerYear);
  return {
    x: run.series.map((point) => at(point.generation)),
    label: 'year',
    markers: run.log.map((entry) => ({ x: at(entry.generation), label: entry.label })),
    // A tick at 1993.0 is the start of 1993.
    years: true,
    yearOf,
  };
}

/** Whether the run records the co-operation by kind of activity and the rungs (runs written before them do not). */
export function hasSplitFigures(run: ClusterRunDocument): boolean {
  return run.series.some((point) => point.rungs !== undefined);
}

const share = (value: number | null | undefined) => (value === undefined ? null : value);

export function cooperationByKindFigure(run: ClusterRunDocument, time: RunTime): Promise<string> {
  return chartFigure(
    lineChart({
      title: 'Co-operation by kind of activity',
      xLabel: time.label,
      yLabel: 'share of moves',
      x: time.x,
      yDomain: { low: 0, high: 1 },
      markers: time.markers,
      years: time.years,
      series: [
        { name: 'in low-risk activities', colour: '#76b041', values: run.series.map((point: Point) => share(point.cooperationLowRisk)) },
        { name: 'in risky activities', colour: '#a05195', values: run.series.map((point: Point) => share(point.cooperationRisky)) },
        { name: 'mutual co-operation', colour: '#1d6f7b', values: run.series.map((point: Point) => point.mutualCooperation) },
      ],
    }),
    'Share of the moves that co-operate in the rounds played in low-risk activities and in those played in risky ones (a gap where no round of that kind was played), and the share of rounds in which both firms co-operated.',
  );
}

const RUNG_COLOURS = ['#76b041', '#29a0b1', '#5b8def', '#a05195', '#f3a712', '#d45087', '#8c8c8c'];

export function rungsFigure(run: ClusterRunDocument, time: RunTime): Promise<string> {
  const names = Object.keys(run.series.find((point) => point.rungs !== undefined)?.rungs ?? {});
  return chartFigure(
    stackedAreaChart({
      title: 'Relationships on the trust ladder',
      xLabel: time.label,
      yLabel: 'share of pairs',
      x: time.x,
      yDomain: { low: 0, high: 1 },
      markers: time.markers,
      years: time.years,
      series: [
        { name: 'no rung', colour: '#d9d9d9', values: run.series.map((point: Point) => point.noRung ?? 0) },
        ...names.map((name, index) => ({
          name,
          colour: RUNG_COLOURS[index % RUNG_COLOURS.length]!,
          values: run.series.map((point: Point) => point.rungs?.[name] ?? 0),
        })),
      ],
    }),
    "Share of the neighbouring pairs standing on each rung of the trust ladder in their last round of the generation: the highest enabled activity whose trust threshold the pair's joint trust met; at the bottom, the pairs that met none.",
  );
}
