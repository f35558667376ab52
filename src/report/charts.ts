import { scaleColour } from '../theme/theme.js';
import type { Chart, VegaLiteSpec } from './vega-render.js';

/**
 * The Vega-Lite specs of the reports' charts: lines over time (with a band across seeds, single
 * observations as dots, and the events of a run as numbered dashed rules), stacked shares, and
 * heatmaps. Each spec holds its data, so a researcher can restyle a figure without cooplab.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
const MARKER = '#7a7a7a';
/** A cell without data in a heatmap. */
export const NO_DATA = '#e6e6e6';

const CONFIG = {
  font: FONT,
  background: '#ffffff',
  title: { fontSize: 15, fontWeight: 600, color: '#222222' },
  axis: { labelColor: '#333333', titleColor: '#222222', titleFontWeight: 600, gridColor: '#e3e3e3' },
  legend: { labelColor: '#333333', labelLimit: 220 },
  view: { stroke: '#cccccc' },
};

/** The value range of a scale; a flat range is widened so every value has a place. */
export interface Domain {
  readonly low: number;
  readonly high: number;
}

export function domainOf(values: readonly (number | null)[], fixed?: Domain): Domain {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (fixed !== undefined && finite.every((value) => value >= fixed.low && value <= fixed.high)) return fixed;
  if (finite.length === 0) return { low: 0, high: 1 };
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  return low === high ? { low: low - 0.5, high: high + 0.5 } : { low, high };
}

/** The position of a value in its domain, 0..1. */
export function normalise(value: number, domain: Domain): number {
  return Math.max(0, Math.min(1, (value - domain.low) / (domain.high - domain.low)));
}

/** A number for a label: short, without trailing zeros. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  if (value !== 0 && Math.abs(value) >= 10_000) return value.toExponential(1).replace('e+', 'e');
  return String(Number(value.toPrecision(digits)));
}

export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly (number | null)[];
  /** Single observations around the line (each seed's value), drawn as small translucent dots. */
  readonly points?: readonly { readonly x: number; readonly y: number }[];
  /** A range around the line at each x (such as the lowest and highest seed), drawn as a translucent band. */
  readonly band?: { readonly low: readonly number[]; readonly high: readonly number[] };
}

export interface ChartMarker {
  readonly x: number;
  readonly label: string;
}

/** A chart's title and the titles of its axes. */
export interface Titles {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
}

export interface ChartSpec extends Titles {
  /** The x of each value (shared by every series). */
  readonly x: readonly number[];
  readonly series: readonly LineSeries[];
  /** A fixed y range, such as 0..1 for shares. */
  readonly yDomain?: Domain;
  /** Vertical lines with a label, such as the events of a run. */
  readonly markers?: readonly ChartMarker[];
  /** x values are calendar years (fractions inside a year): whole years on the axis, no thousands separator. */
  readonly years?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** A finite number, or null: JSON has no NaN, and Vega-Lite leaves a gap at null. */
const finiteOrNull = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : value);

function plotSize(spec: ChartSpec): { width: number; height: number } {
  const longestName = Math.max(0, ...spec.series.map((series) => series.name.length));
  const legend = Math.min(230, 7 * longestName + 40);
  return { width: (spec.width ?? 720) - 70 - legend, height: (spec.height ?? 300) - 80 };
}

function xEncoding(spec: ChartSpec) {
  const low = Math.min(...spec.x);
  const high = Math.max(...spec.x);
  return {
    field: 'x',
    type: 'quantitative',
    title: spec.xLabel,
    scale: { domain: [low, high > low ? high : low + 1], zero: false, nice: false },
    axis: spec.years === true ? { format: 'd', tickMinStep: 1 } : { tickCount: 8 },
  };
}

function colourEncoding(series: readonly LineSeries[]) {
  return {
    field: 'series',
    type: 'nominal',
    title: null,
    sort: series.map((entry) => entry.name),
    scale: { domain: series.map((entry) => entry.name), range: series.map((entry) => entry.colour) },
  };
}

/** The events of a run: a dashed rule each, numbered at the top in three staggered rows (as in the event log). */
function markerLayers(spec: ChartSpec): VegaLiteSpec[] {
  const markers = spec.markers ?? [];
  if (markers.length === 0) return [];
  // A marker inside a year reads as that year.
  const when = (x: number) => (spec.years === true ? String(Math.floor(x + 1e-9)) : formatNumber(x, 4));
  const values = markers.map((marker, index) => ({ x: marker.x, when: when(marker.x), number: String(index + 1), event: marker.label, row: index % 3 }));
  const x = { field: 'x', type: 'quantitative' };
  const tooltip = [
    { field: 'number', type: 'nominal', title: '#' },
    { field: 'when', type: 'nominal', title: spec.xLabel },
    { field: 'event', type: 'nominal', title: 'event' },
  ];
  const rows = [...new Set(values.map((value) => value.row))];
  return [
    { name: 'event', data: { values }, mark: { type: 'rule', color: MARKER, strokeDash: [4, 3] }, encoding: { x, tooltip } },
    ...rows.map((row) => ({
      name: `event-number-${row + 1}`,
      data: { values },
      transform: [{ filter: `datum.row === ${row}` }],
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 10, color: '#555555', y: 2 + row * 12 },
      encoding: { x, text: { field: 'number', type: 'nominal' }, tooltip },
    })),
  ];
}

function yScale(spec: ChartSpec, values: readonly number[]) {
  if (spec.yDomain !== undefined) return { domain: [spec.yDomain.low, spec.yDomain.high], nice: false };
  const low = Math.min(...values);
  const high = Math.max(...values);
  // Zero on the axis when the data are near it, a close-up when they are far from it.
  return { zero: values.length > 0 && low >= 0 && low < (high - low) * 0.5, nice: true };
}

function frame(spec: ChartSpec, layer: readonly VegaLiteSpec[], description: string): Chart {
  return {
    title: spec.title,
    spec: {
      $schema: SCHEMA,
      title: spec.title,
      description,
      ...plotSize(spec),
      config: CONFIG,
      layer,
    },
  };
}

/** Lines over a shared x, with their bands and dots, the events as dashed rules and a legend. */
export function lineChart(spec: ChartSpec): Chart {
  const rows = spec.series.flatMap((series) =>
    spec.x.map((x, index) => ({
      x,
      series: series.name,
      value: finiteOrNull(series.values[index]),
      ...(series.band === undefined ? {} : { low: finiteOrNull(series.band.low[index]), high: finiteOrNull(series.band.high[index]) }),
    })),
  );
  const dots = spec.series.flatMap((series) => (series.points ?? []).map((point) => ({ x: point.x, series: series.name, value: finiteOrNull(point.y) })));
  const bands = rows.filter((row) => 'low' in row);
  const all = [...rows.flatMap((row) => [row.value, row.low ?? null, row.high ?? null]), ...dots.map((dot) => dot.value)].filter(
    (value): value is number => value !== null,
  );
  const x = xEncoding(spec);
  const y = { field: 'value', type: 'quantitative', title: spec.yLabel, scale: yScale(spec, all) };
  const color = colourEncoding(spec.series);
  const tooltip = [
    { field: 'series', type: 'nominal', title: 'series' },
    { field: 'x', type: 'quantitative', title: spec.xLabel, ...(spec.years === true ? { format: 'd' } : {}) },
    { field: 'value', type: 'quantitative', title: spec.yLabel, format: '.4~g' },
  ];
  // Few points (a sweep over one parameter): mark each one.
  const few = spec.x.length <= 30;
  const single = (series: LineSeries) => series.values.filter((value) => finiteOrNull(value) !== null).length === 1;
  const layer: VegaLiteSpec[] = [
    ...markerLayers(spec),
    ...(bands.length === 0
      ? []
      : [
          {
            name: 'band',
            data: { values: bands },
            mark: { type: 'area', opacity: 0.18 },
            encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
          },
        ]),
    ...(dots.length === 0 ? [] : [{ name: 'dots', data: { values: dots }, mark: { type: 'circle', size: 20, opacity: 0.35 }, encoding: { x, y, color } }]),
    {
      name: 'line',
      data: { values: rows.map(({ x: at, series, value }) => ({ x: at, series, value })) },
      mark: { type: 'line', strokeWidth: spec.series.some(single) ? 6 : 2, strokeCap: 'round', point: few ? { size: 40, filled: true } : false },
      encoding: { x, y, color, tooltip },
    },
  ];
  return frame(spec, layer, `${spec.yLabel} by ${spec.xLabel}: ${spec.series.map((series) => series.name).join(', ')}`);
}

/** Shares stacked on each other (they sum to at most 1), the first series at the bottom. */
export function stackedAreaChart(spec: ChartSpec): Chart {
  const rows = spec.series.flatMap((series, order) =>
    spec.x.map((x, index) => ({ x, series: series.name, order, value: Math.max(0, finiteOrNull(series.values[index]) ?? 0) })),
  );
  const totals = spec.x.map((_, index) => spec.series.reduce((sum, series) => sum + Math.max(0, series.values[index] ?? 0), 0));
  const domain = spec.yDomain ?? { low: 0, high: Math.max(1, ...totals) };
  const layer: VegaLiteSpec[] = [
    {
      name: 'area',
      data: { values: rows },
      mark: { type: 'area', opacity: 0.85 },
      encoding: {
        x: xEncoding(spec),
        y: { field: 'value', type: 'quantitative', title: spec.yLabel, stack: 'zero', scale: { domain: [domain.low, domain.high], nice: false } },
        color: colourEncoding(spec.series),
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'series', type: 'nominal', title: 'series' },
          { field: 'x', type: 'quantitative', title: spec.xLabel, ...(spec.years === true ? { format: 'd' } : {}) },
          { field: 'value', type: 'quantitative', title: spec.yLabel, format: '.3~f' },
        ],
      },
    },
    ...markerLayers(spec),
  ];
  return frame(spec, layer, `${spec.yLabel} by ${spec.xLabel}, stacked: ${spec.series.map((series) => series.name).join(', ')}`);
}

/** What any heatmap shows, in the terminal or as a chart. */
export interface HeatmapGrid extends Titles {
  readonly xTicks: readonly string[];
  readonly yTicks: readonly string[];
  /** cells[row][column]: row i belongs to yTicks[i]; null for no data. */
  readonly cells: readonly (readonly (number | null)[])[];
  readonly domain: Domain;
}

export interface HeatmapSpec extends HeatmapGrid {
  /** The name of the value, on the colour scale. */
  readonly valueLabel: string;
  /** The first row at the bottom (a phase diagram) or at the top (a matrix). */
  readonly firstRow: 'bottom' | 'top';
  /** Print the value in each cell (when the cells are big enough). */
  readonly showValues?: boolean;
}

/** The colour scale of the terminal views, red (low) through amber to green (high), as five stops over the domain. */
function colourScale(domain: Domain) {
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return { domain: stops.map((stop) => domain.low + stop * (domain.high - domain.low)), range: stops.map(scaleColour), clamp: true };
}

/** A heatmap: a rect per cell (grey without data), the tick values on both axes, and a colour scale. */
export function heatmapChart(spec: HeatmapSpec): Chart {
  const columns = spec.xTicks.length;
  const rowsCount = spec.yTicks.length;
  const cell = Math.max(18, Math.min(56, Math.floor(480 / Math.max(columns, rowsCount))));
  const showValues = spec.showValues ?? cell >= 34;
  const values = spec.yTicks.flatMap((row, rowIndex) =>
    spec.xTicks.map((column, columnIndex) => {
      const value = finiteOrNull(spec.cells[rowIndex]?.[columnIndex]);
      return { column, row, value, shown: value === null ? 'no data' : formatNumber(value, 2) };
    }),
  );
  const rowOrder = spec.firstRow === 'top' ? [...spec.yTicks] : [...spec.yTicks].reverse();
  const x = {
    field: 'column',
    type: 'ordinal',
    title: spec.xLabel,
    sort: [...spec.xTicks],
    axis: { labelAngle: spec.xTicks.some((tick) => tick.length * 6.5 > cell) ? -45 : 0 },
  };
  const y = { field: 'row', type: 'ordinal', title: spec.yLabel, sort: rowOrder };
  const tooltip = [
    { field: 'column', type: 'nominal', title: spec.xLabel },
    { field: 'row', type: 'nominal', title: spec.yLabel === '' ? 'row' : spec.yLabel },
    { field: 'shown', type: 'nominal', title: spec.valueLabel },
  ];
  const layer: VegaLiteSpec[] = [
    {
      name: 'no-data',
      transform: [{ filter: 'datum.value === null' }],
      mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1, color: NO_DATA },
      encoding: { x, y, tooltip },
    },
    {
      name: 'cell',
      mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
      encoding: {
        x,
        y,
        color: {
          field: 'value',
          type: 'quantitative',
          title: spec.valueLabel,
          scale: colourScale(spec.domain),
          legend: { gradientLength: Math.max(60, rowsCount * cell - 16), tickCount: 4 },
        },
        tooltip,
      },
    },
    ...(showValues
      ? [
          {
            mark: { type: 'text', fontSize: 10, color: '#111111' },
            transform: [{ filter: 'datum.value !== null' }],
            encoding: { x, y, text: { field: 'shown', type: 'nominal' } },
          },
        ]
      : []),
  ];
  return {
    title: spec.title,
    spec: {
      $schema: SCHEMA,
      title: spec.title,
      description: `${spec.valueLabel} by ${spec.xLabel} (across) and ${spec.yLabel} (vertical)`,
      width: { step: cell },
      height: { step: cell },
      config: CONFIG,
      data: { values },
      layer,
    },
  };
}
