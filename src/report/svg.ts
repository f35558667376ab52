import { scaleColour } from '../theme/theme.js';

/**
 * A tiny SVG builder: strings of well-formed, escaped markup, with no browser and no chart
 * library. Every chart is a standalone <svg> with a <title>, so it can be saved as a file for a
 * paper or a slide, or inlined in an HTML report.
 */

/** Escapes text for XML content and attribute values (also valid for HTML). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

export type AttributeValue = string | number | boolean | undefined | null;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** Coordinates with at most two decimals: smaller files, and the same bytes for the same chart. */
export function coordinate(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function attributeText(attributes: Attributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    const shown = value === true ? name : typeof value === 'number' ? coordinate(value) : value;
    text += ` ${name}="${escapeXml(shown)}"`;
  }
  return text;
}

/** An element; `children` is markup already built (use `text()` for plain text). */
export function el(name: string, attributes: Attributes = {}, ...children: readonly string[]): string {
  const inner = children.join('');
  return inner === '' ? `<${name}${attributeText(attributes)}/>` : `<${name}${attributeText(attributes)}>${inner}</${name}>`;
}

/** Plain text as element content. */
export function text(content: string): string {
  return escapeXml(content);
}

export interface SvgFrame {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description?: string;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

/** A standalone <svg> document with a title (an accessible name and the visible heading). */
export function svgDocument(frame: SvgFrame, ...children: readonly string[]): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: frame.width,
      height: frame.height,
      viewBox: `0 0 ${coordinate(frame.width)} ${coordinate(frame.height)}`,
      role: 'img',
      'font-family': FONT,
      'font-size': 12,
    },
    el('title', {}, text(frame.title)),
    frame.description === undefined ? '' : el('desc', {}, text(frame.description)),
    el('rect', { width: frame.width, height: frame.height, fill: '#ffffff' }),
    el('text', { x: frame.width / 2, y: 20, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 600, fill: '#222222' }, text(frame.title)),
    ...children,
  );
}

/** A number for a label: short, without trailing zeros. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  if (value !== 0 && Math.abs(value) >= 10_000) return value.toExponential(1).replace('e+', 'e');
  return String(Number(value.toPrecision(digits)));
}

/** About `count` round tick values covering [low, high]. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  if (high <= low) return [low];
  const raw = (high - low) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** The value range of a colour scale; a flat range is widened so every value has a colour. */
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

/** The colour of a value: red (low) through amber to green (high), as in the terminal views. */
export function colourOf(value: number | null, domain: Domain): string {
  return value === null || !Number.isFinite(value) ? '#e6e6e6' : scaleColour(normalise(value, domain));
}

const AXIS = '#444444';
const GRID = '#e3e3e3';

/** A vertical colour bar with its gradient and three labels. */
function colourBar(id: string, x: number, y: number, height: number, domain: Domain, label: string): string {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((offset) => el('stop', { offset, 'stop-color': scaleColour(offset) }));
  // The ends of the scale, and the round values between them that are not too close to an end.
  const span = domain.high - domain.low;
  const inner = niceTicks(domain.low, domain.high, 4).filter((tick) => tick - domain.low > span * 0.12 && domain.high - tick > span * 0.12);
  const ticks = [domain.low, ...inner, domain.high];
  return el(
    'g',
    { class: 'colour-scale' },
    // The gradient runs bottom (low) to top (high).
    el('defs', {}, el('linearGradient', { id, x1: 0, y1: 1, x2: 0, y2: 0 }, ...stops)),
    el('rect', { x, y, width: 14, height, fill: `url(#${id})`, stroke: AXIS, 'stroke-width': 0.5 }),
    ...ticks.map((tick) => {
      const ty = y + height - normalise(tick, domain) * height;
      return (
        el('line', { x1: x + 14, y1: ty, x2: x + 18, y2: ty, stroke: AXIS }) + el('text', { x: x + 21, y: ty + 4, fill: '#333333' }, text(formatNumber(tick)))
      );
    }),
    el('text', { x, y: y - 8, fill: '#333333' }, text(label)),
  );
}

let nextId = 0;
/** A fresh id for gradients, so several charts can live in one HTML page. */
function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

export interface HeatmapSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xTicks: readonly string[];
  readonly yTicks: readonly string[];
  /** cells[row][column]: row i belongs to yTicks[i]; null for no data. */
  readonly cells: readonly (readonly (number | null)[])[];
  readonly domain: Domain;
  /** The name of the value, on the colour scale. */
  readonly valueLabel: string;
  /** The first row at the bottom (a phase diagram) or at the top (a matrix). */
  readonly firstRow: 'bottom' | 'top';
  /** Print the value in each cell (when the cells are big enough). */
  readonly showValues?: boolean;
}

/** A heatmap: one <rect class="cell"> per cell, axes with tick labels, a colour scale and a title. */
export function heatmapSvg(spec: HeatmapSpec): string {
  const columns = spec.xTicks.length;
  const rows = spec.yTicks.length;
  const longestY = Math.max(1, ...spec.yTicks.map((tick) => tick.length));
  const longestX = Math.max(1, ...spec.xTicks.map((tick) => tick.length));
  const cell = Math.max(18, Math.min(56, Math.floor(480 / Math.max(columns, rows))));
  const rotateX = longestX * 6.5 > cell;
  const left = 40 + longestY * 6.5;
  const top = 40;
  const plotWidth = cell * columns;
  const plotHeight = cell * rows;
  const xTickSpace = rotateX ? longestX * 5 + 16 : 20;
  const scaleWidth = Math.max(90, spec.valueLabel.length * 6.5 + 16);
  const width = Math.max(left + plotWidth + scaleWidth + 20, spec.title.length * 8.5 + 24);
  const height = top + plotHeight + xTickSpace + 34;
  const rowY = (row: number) => (spec.firstRow === 'top' ? top + row * cell : top + (rows - 1 - row) * cell);
  const showValues = spec.showValues ?? cell >= 34;
  const rects: string[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const value = spec.cells[row]?.[column] ?? null;
      const x = left + column * cell;
      const y = rowY(row);
      const tip = `${spec.xLabel} ${spec.xTicks[column]}, ${spec.yLabel} ${spec.yTicks[row]}: ${value === null ? 'no data' : formatNumber(value, 4)}`;
      rects.push(
        el(
          'rect',
          { class: 'cell', x, y, width: cell, height: cell, fill: colourOf(value, spec.domain), stroke: '#ffffff', 'stroke-width': 1 },
          el('title', {}, text(tip)),
        ),
      );
      if (showValues && value !== null) {
        rects.push(
          el(
            'text',
            { x: x + cell / 2, y: y + cell / 2 + 4, 'text-anchor': 'middle', 'font-size': 10, fill: '#111111', 'pointer-events': 'none' },
            text(formatNumber(value, 2)),
          ),
        );
      }
    }
  }
  const xTickMarks = spec.xTicks.map((tick, column) => {
    const x = left + column * cell + cell / 2;
    const y = top + plotHeight + 14;
    return rotateX
      ? el('text', { x, y: y - 4, 'text-anchor': 'end', transform: `rotate(-45 ${coordinate(x)} ${coordinate(y - 4)})`, fill: '#333333' }, text(tick))
      : el('text', { x, y, 'text-anchor': 'middle', fill: '#333333' }, text(tick));
  });
  const yTickMarks = spec.yTicks.map((tick, row) =>
    el('text', { x: left - 6, y: rowY(row) + cell / 2 + 4, 'text-anchor': 'end', fill: '#333333' }, text(tick)),
  );
  return svgDocument(
    { width, height, title: spec.title, description: `${spec.valueLabel} by ${spec.xLabel} (across) and ${spec.yLabel} (vertical)` },
    el('g', { class: 'cells' }, ...rects),
    el('rect', { x: left, y: top, width: plotWidth, height: plotHeight, fill: 'none', stroke: AXIS, 'stroke-width': 1 }),
    el('g', { class: 'x-ticks' }, ...xTickMarks),
    el('g', { class: 'y-ticks' }, ...yTickMarks),
    el('text', { x: left + plotWidth / 2, y: height - 10, 'text-anchor': 'middle', 'font-weight': 600, fill: '#222222' }, text(spec.xLabel)),
    el(
      'text',
      {
        x: 14,
        y: top + plotHeight / 2,
        'text-anchor': 'middle',
        'font-weight': 600,
        fill: '#222222',
        transform: `rotate(-90 14 ${coordinate(top + plotHeight / 2)})`,
      },
      text(spec.yLabel),
    ),
    colourBar(uniqueId('scale'), left + plotWidth + 20, top + 16, Math.max(60, plotHeight - 16), spec.domain, spec.valueLabel),
  );
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

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The x of each value (shared by every series). */
  readonly x: readonly number[];
  readonly series: readonly LineSeries[];
  /** A fixed y range, such as 0..1 for shares. */
  readonly yDomain?: Domain;
  /** Vertical lines with a label, such as the events of a run. */
  readonly markers?: readonly ChartMarker[];
  /** How an x value reads (ticks, markers, hover text); default: formatNumber. Years need every digit. */
  readonly xFormat?: (x: number) => string;
  readonly width?: number;
  readonly height?: number;
}

interface Plot {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly sx: (x: number) => number;
  readonly sy: (y: number) => number;
}

function plotArea(spec: ChartSpec, yDomain: Domain): { plot: Plot; width: number; height: number } {
  const width = spec.width ?? 720;
  const height = spec.height ?? 300;
  const legendWidth = 12 + Math.min(200, 7 * Math.max(0, ...spec.series.map((series) => series.name.length)) + 24);
  const left = 56;
  const top = 36;
  const plotWidth = width - left - legendWidth - 16;
  const plotHeight = height - top - 46;
  const xLow = Math.min(...spec.x);
  const xHigh = Math.max(...spec.x);
  const xSpan = xHigh > xLow ? xHigh - xLow : 1;
  const ySpan = yDomain.high - yDomain.low || 1;
  return {
    width,
    height,
    plot: {
      left,
      top,
      width: plotWidth,
      height: plotHeight,
      sx: (x) => left + ((x - xLow) / xSpan) * plotWidth,
      sy: (y) => top + plotHeight - ((y - yDomain.low) / ySpan) * plotHeight,
    },
  };
}

function xText(spec: ChartSpec, x: number): string {
  return spec.xFormat === undefined ? formatNumber(x) : spec.xFormat(x);
}

function axes(spec: ChartSpec, plot: Plot, yDomain: Domain, height: number): string {
  const xLow = Math.min(...spec.x);
  const xHigh = Math.max(...spec.x);
  const yTicks = niceTicks(yDomain.low, yDomain.high, 5).filter((tick) => tick >= yDomain.low - 1e-9 && tick <= yDomain.high + 1e-9);
  const xTicks = niceTicks(xLow, xHigh, 8).filter((tick) => tick >= xLow - 1e-9 && tick <= xHigh + 1e-9);
  const bottom = plot.top + plot.height;
  return el(
    'g',
    { class: 'axes' },
    ...yTicks.map(
      (tick) =>
        el('line', { x1: plot.left, y1: plot.sy(tick), x2: plot.left + plot.width, y2: plot.sy(tick), stroke: GRID }) +
        el('text', { x: plot.left - 6, y: plot.sy(tick) + 4, 'text-anchor': 'end', fill: '#333333' }, text(formatNumber(tick))),
    ),
    ...xTicks.map(
      (tick) =>
        el('line', { x1: plot.sx(tick), y1: bottom, x2: plot.sx(tick), y2: bottom + 4, stroke: AXIS }) +
        el('text', { x: plot.sx(tick), y: bottom + 16, 'text-anchor': 'middle', fill: '#333333' }, text(xText(spec, tick))),
    ),
    el('line', { x1: plot.left, y1: bottom, x2: plot.left + plot.width, y2: bottom, stroke: AXIS }),
    el('line', { x1: plot.left, y1: plot.top, x2: plot.left, y2: bottom, stroke: AXIS }),
    el('text', { x: plot.left + plot.width / 2, y: height - 8, 'text-anchor': 'middle', 'font-weight': 600, fill: '#222222' }, text(spec.xLabel)),
    el(
      'text',
      {
        x: 14,
        y: plot.top + plot.height / 2,
        'text-anchor': 'middle',
        'font-weight': 600,
        fill: '#222222',
        transform: `rotate(-90 14 ${coordinate(plot.top + plot.height / 2)})`,
      },
      text(spec.yLabel),
    ),
  );
}

function markers(spec: ChartSpec, plot: Plot): string {
  return el(
    'g',
    { class: 'markers' },
    ...(spec.markers ?? []).map((marker, index) =>
      el(
        'g',
        {},
        el('title', {}, text(`${xText(spec, marker.x)}: ${marker.label}`)),
        el('line', { x1: plot.sx(marker.x), y1: plot.top, x2: plot.sx(marker.x), y2: plot.top + plot.height, stroke: '#7a7a7a', 'stroke-dasharray': '4 3' }),
        el('text', { x: plot.sx(marker.x) + 3, y: plot.top + 10 + (index % 3) * 12, 'font-size': 10, fill: '#555555' }, text(String(index + 1))),
      ),
    ),
  );
}

function legend(series: readonly LineSeries[], x: number, y: number): string {
  return el(
    'g',
    { class: 'legend' },
    ...series.map(
      (entry, index) =>
        el('rect', { x, y: y + index * 18, width: 12, height: 12, fill: entry.colour }) +
        el('text', { x: x + 18, y: y + index * 18 + 10, fill: '#333333' }, text(entry.name.length > 26 ? `${entry.name.slice(0, 25)}…` : entry.name)),
    ),
  );
}

/** Lines over a shared x: one <path class="line"> per series, with axes, markers and a legend. */
export function lineChartSvg(spec: ChartSpec): string {
  const values = spec.series.flatMap((series) => [
    ...series.values,
    ...(series.points ?? []).map((point) => point.y),
    ...(series.band?.low ?? []),
    ...(series.band?.high ?? []),
  ]);
  const yDomain = spec.yDomain ?? paddedDomain(values);
  const { plot, width, height } = plotArea(spec, yDomain);
  const bands = spec.series.flatMap((series) => {
    if (series.band === undefined || spec.x.length === 0) return [];
    const { low, high } = series.band;
    const upper = spec.x.map((x, index) => `${index === 0 ? 'M' : 'L'}${coordinate(plot.sx(x))} ${coordinate(plot.sy(high[index] ?? 0))}`).join('');
    const lower = spec.x
      .map((x, index) => `L${coordinate(plot.sx(x))} ${coordinate(plot.sy(low[index] ?? 0))}`)
      .reverse()
      .join('');
    return [
      el(
        'path',
        { class: 'band', d: `${upper}${lower}Z`, fill: series.colour, 'fill-opacity': 0.18, stroke: 'none' },
        el('title', {}, text(`${series.name}: range`)),
      ),
    ];
  });
  const scatter = spec.series.flatMap((series) =>
    (series.points ?? []).map((point) => el('circle', { cx: plot.sx(point.x), cy: plot.sy(point.y), r: 2.5, fill: series.colour, 'fill-opacity': 0.35 })),
  );
  const lines = spec.series.map((series) => {
    let d = '';
    let pen = false;
    series.values.forEach((value, index) => {
      if (value === null || !Number.isFinite(value)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${coordinate(plot.sx(spec.x[index]!))} ${coordinate(plot.sy(value))}`;
      pen = true;
    });
    const single = series.values.filter((value) => value !== null).length === 1;
    // Few points (a sweep over one parameter): mark each, with its value on hover.
    const dots =
      spec.x.length <= 30
        ? series.values.map((value, index) =>
            value === null || !Number.isFinite(value)
              ? ''
              : el(
                  'circle',
                  { cx: plot.sx(spec.x[index]!), cy: plot.sy(value), r: 3.5, fill: series.colour },
                  el('title', {}, text(`${series.name} at ${xText(spec, spec.x[index]!)}: ${formatNumber(value, 4)}`)),
                ),
          )
        : [];
    return (
      el(
        'path',
        {
          class: 'line',
          d: d === '' ? 'M0 0' : d,
          fill: 'none',
          stroke: series.colour,
          'stroke-width': single ? 6 : 2,
          'stroke-linecap': 'round',
          'stroke-linejoin': 'round',
        },
        el('title', {}, text(series.name)),
      ) + dots.join('')
    );
  });
  return svgDocument(
    { width, height, title: spec.title },
    axes(spec, plot, yDomain, height),
    markers(spec, plot),
    ...(bands.length > 0 ? [el('g', { class: 'bands' }, ...bands)] : []),
    ...(scatter.length > 0 ? [el('g', { class: 'points' }, ...scatter)] : []),
    el('g', { class: 'lines' }, ...lines),
    legend(spec.series, plot.left + plot.width + 16, plot.top),
  );
}

/** Shares stacked on each other (they sum to at most 1): one <path class="area"> per series. */
export function stackedAreaSvg(spec: ChartSpec): string {
  const totals = spec.x.map((_, index) => spec.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0));
  const yDomain = spec.yDomain ?? { low: 0, high: Math.max(1, ...totals) };
  const { plot, width, height } = plotArea(spec, yDomain);
  const base = spec.x.map(() => 0);
  const areas = spec.series.map((series) => {
    const lower = [...base];
    const upper = lower.map((value, index) => value + Math.max(0, series.values[index] ?? 0));
    for (const [index, value] of upper.entries()) base[index] = value;
    const top = upper.map((value, index) => `${index === 0 ? 'M' : 'L'}${coordinate(plot.sx(spec.x[index]!))} ${coordinate(plot.sy(value))}`).join('');
    const bottom = lower
      .map((value, index) => [value, index] as const)
      .reverse()
      .map(([value, index]) => `L${coordinate(plot.sx(spec.x[index]!))} ${coordinate(plot.sy(value))}`)
      .join('');
    return el(
      'path',
      {
        class: 'area',
        d: spec.x.length === 0 ? 'M0 0' : `${top}${bottom}Z`,
        fill: series.colour,
        'fill-opacity': 0.85,
        stroke: series.colour,
        'stroke-width': 0.5,
      },
      el('title', {}, text(series.name)),
    );
  });
  return svgDocument(
    { width, height, title: spec.title },
    el('g', { class: 'areas' }, ...areas),
    axes(spec, plot, yDomain, height),
    markers(spec, plot),
    legend(spec.series, plot.left + plot.width + 16, plot.top),
  );
}

/** The data's range with a little room, including 0 when the data are near it. */
function paddedDomain(values: readonly (number | null)[]): Domain {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (finite.length === 0) return { low: 0, high: 1 };
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (low >= 0 && low < (high - low) * 0.5) low = 0;
  if (low === high) return { low: low - 1, high: high + 1 };
  const ticks = niceTicks(low, high, 5);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
  if (step > 0) {
    low = Math.floor(low / step - 1e-9) * step;
    high = Math.ceil(high / step - 1e-9) * step;
  }
  return { low, high };
}
