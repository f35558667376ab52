import { renderTextHeatmap } from './heatmap-text.js';
import { domainOf, heatmapChart, lineChart, type Domain } from './charts.js';
import type { Chart } from './vega-render.js';
import type { SweepAxis, SweepData } from '../formats/sweep-files.js';
import { averagedOver, isShareMetric, phaseGrid, valueLabel, type PhaseGrid } from './sweep-data.js';

/** A phase diagram of a sweep: the grid of means, its colour domain and its titles. */
export interface PhaseDiagram {
  readonly grid: PhaseGrid;
  readonly domain: Domain;
  readonly title: string;
  readonly subtitle: string;
}

export function phaseDiagram(sweep: SweepData, metric: string, x: SweepAxis, y: SweepAxis): PhaseDiagram {
  const grid = phaseGrid(sweep, metric, x, y);
  const domain = domainOf(grid.cells.flat(), isShareMetric(metric) ? { low: 0, high: 1 } : undefined);
  const scenario = sweep.manifest.scenario.name;
  return {
    grid,
    domain,
    title: `${metric} by ${x.path} and ${y.path} (${scenario})`,
    subtitle: `each cell: the mean over ${averagedOver(sweep, [x.path, y.path])}; ${sweep.manifest.generations} generations`,
  };
}

export function phaseText(diagram: PhaseDiagram, colour: boolean): string {
  const { grid } = diagram;
  return renderTextHeatmap({
    title: diagram.title,
    subtitle: diagram.subtitle,
    xLabel: grid.x.path,
    yLabel: grid.y!.path,
    xTicks: grid.x.values.map(valueLabel),
    yTicks: grid.y!.values.map(valueLabel),
    cells: grid.cells,
    domain: diagram.domain,
    colour,
  });
}

export function phaseChart(diagram: PhaseDiagram): Chart {
  const { grid } = diagram;
  return heatmapChart({
    title: diagram.title,
    xLabel: grid.x.path,
    yLabel: grid.y!.path,
    xTicks: grid.x.values.map(valueLabel),
    yTicks: grid.y!.values.map(valueLabel),
    cells: grid.cells,
    domain: diagram.domain,
    valueLabel: grid.metric,
    firstRow: 'bottom',
  });
}

/** A sweep over one numeric axis: the metric's mean against the axis's values, as a line. */
export function sweepLineChart(sweep: SweepData, metric: string, x: SweepAxis): Chart {
  const grid = phaseGrid(sweep, metric, x);
  const numeric = x.values.every((value) => typeof value === 'number');
  const xs = numeric ? (x.values as readonly number[]) : x.values.map((_, index) => index);
  return lineChart({
    title: `${metric} by ${x.path} (${sweep.manifest.scenario.name}), mean over ${averagedOver(sweep, [x.path])}`,
    xLabel: numeric ? x.path : `${x.path} (${x.values.map(valueLabel).join(', ')})`,
    yLabel: metric,
    x: xs,
    series: [{ name: metric, colour: '#29a0b1', values: grid.cells[0] ?? [] }],
    ...(isShareMetric(metric) ? { yDomain: { low: 0, high: 1 } } : {}),
  });
}
