import { describe, expect, it } from 'vitest';
import { domainOf, heatmapChart, lineChart, NO_DATA, stackedAreaChart } from '../../src/report/charts.js';
import { HEATMAP } from './heatmap-fixture.js';
import { specFileName } from '../../src/report/chart-figure.js';
import { renderChart } from '../../src/report/vega-render.js';
import { scaleColour } from '../../src/theme/theme.js';
import { marksOf, titleOf } from './vega-svg.js';
import { checkWellFormed } from './xml.js';

// The charts of plot and report: Vega-Lite specs holding their data, drawn headless by Vega.

const heatmap = HEATMAP;

const over = { title: 'Co-operation & trust', xLabel: 'generation', yLabel: 'share', x: [0, 1, 2, 3], markers: [{ x: 1, label: 'Training <starts>' }] };
const lines = lineChart({
  ...over,
  yDomain: { low: 0, high: 1 },
  series: [
    { name: 'a', colour: '#ff0000', values: [0, 0.5, null, 1], band: { low: [0, 0.4, 0.5, 0.9], high: [0.1, 0.6, 0.7, 1] } },
    { name: 'b', colour: '#00ff00', values: [1, 1, 1, 1] },
  ],
});

type Layer = { name?: string; data?: { values: Record<string, unknown>[] }; encoding?: Record<string, { field?: string; title?: string }> };
const layers = (spec: { spec: Record<string, unknown> }) => spec.spec.layer as Layer[];
const layer = (spec: { spec: Record<string, unknown> }, name: string) => layers(spec).find((entry) => entry.name === name)!;

describe('the Vega-Lite specs', () => {
  it('hold the data of a line chart: a row per series and x, null where a value is missing, the band and the events', () => {
    const line = layer(lines, 'line');
    expect(line.data!.values).toHaveLength(8);
    expect(line.data!.values.slice(0, 4).map((row) => row.value)).toEqual([0, 0.5, null, 1]);
    expect(line.encoding!.x!.title).toBe('generation');
    expect(line.encoding!.y!.title).toBe('share');
    expect(line.encoding!.color!.field).toBe('series');
    const band = layer(lines, 'band');
    expect(band.data!.values.map((row) => [row.low, row.high])).toEqual([
      [0, 0.1],
      [0.4, 0.6],
      [0.5, 0.7],
      [0.9, 1],
    ]);
    expect(layer(lines, 'event').data!.values).toEqual([{ x: 1, when: '1', number: '1', event: 'Training <starts>', row: 0 }]);
    expect(lines.spec.title).toBe('Co-operation & trust');
    // The spec is plain JSON: what a researcher downloads is what was drawn.
    expect(JSON.parse(JSON.stringify(lines.spec))).toEqual(lines.spec);
  });

  it('stack shares in series order and read years as whole years', () => {
    const areas = stackedAreaChart({
      ...over,
      x: [1990, 1990.5, 1991, 1991.5],
      years: true,
      series: [
        { name: 'x', colour: '#f00', values: [0.5, 0.5, 0.2, 0] },
        { name: 'y', colour: '#0f0', values: [0.5, 0.5, 0.8, 1] },
      ],
    });
    const area = layer(areas, 'area');
    expect(area.data!.values.filter((row) => row.series === 'y').map((row) => row.order)).toEqual([1, 1, 1, 1]);
    expect(JSON.stringify(area.encoding!.x)).toContain('"format":"d"');
  });

  it('keep a heatmap cell for every combination, in the order of the ticks', () => {
    const values = (heatmapChart(heatmap).spec.data as { values: { column: string; row: string; value: number | null }[] }).values;
    expect(values).toHaveLength(6);
    expect(values.find((cell) => cell.column === '2' && cell.row === '0.05')!.value).toBeNull();
    const y = (chart: ReturnType<typeof heatmapChart>) => (layers(chart)[1]!.encoding!.y as unknown as { sort: string[] }).sort;
    expect(y(heatmapChart(heatmap))).toEqual(['0.1', '0.05']);
    expect(y(heatmapChart({ ...heatmap, firstRow: 'top' }))).toEqual(['0.05', '0.1']);
  });

  it('name a spec file after its chart', () => {
    expect(specFileName('Co-operation and trust over 3 seeds')).toBe('co-operation-and-trust-over-3-seeds.vl.json');
    expect(specFileName('<>')).toBe('chart.vl.json');
  });

  it('widen a domain that holds every value', () => {
    expect(domainOf([0.2, 0.4], { low: 0, high: 1 })).toEqual({ low: 0, high: 1 });
    expect(domainOf([2, 6], { low: 0, high: 1 })).toEqual({ low: 2, high: 6 });
    expect(domainOf([3, 3, null])).toEqual({ low: 2.5, high: 3.5 });
  });
});

describe('the charts drawn by Vega', () => {
  it('draws a line chart as well-formed SVG with an escaped title, a line per series, a gap at a missing value, the band and the event', async () => {
    const svg = await renderChart(lines);
    expect(checkWellFormed(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(titleOf(svg)).toBe('Co-operation &amp; trust');
    const drawn = marksOf(svg, 'line');
    expect(drawn).toHaveLength(2);
    // Series a has no value at x = 2: its line lifts the pen there.
    expect(drawn.find((mark) => mark.label.includes('series: a'))!.d.match(/M/g)).toHaveLength(2);
    expect(drawn.find((mark) => mark.label.includes('series: b'))!.d.match(/M/g)).toHaveLength(1);
    expect(marksOf(svg, 'band')).toHaveLength(1);
    expect(svg).toContain('event: Training &lt;starts&gt;');
    for (const text of ['>generation</text>', '>share</text>', '>a</text>', '>b</text>']) expect(svg).toContain(text);
  });

  it('draws a heatmap: a cell per combination in the scale colour, grey without data, a colour scale', async () => {
    const svg = await renderChart(heatmapChart(heatmap));
    expect(checkWellFormed(svg)).toEqual([]);
    expect(svg).toContain('<title>Fines &lt;&amp; &quot;trust&quot;&gt; &#39;gain&#39;</title>');
    expect(marksOf(svg, 'cell')).toHaveLength(5);
    expect(marksOf(svg, 'no_data')).toHaveLength(1);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;
    expect(svg).toContain(`fill="${rgb(scaleColour(0))}"`);
    expect(svg).toContain(`fill="${rgb(scaleColour(1))}"`);
    expect(svg).toContain(`fill="${NO_DATA}"`);
    expect(svg).toMatch(/<linearGradient id="chart-[a-z0-9]+-1"/);
    for (const tick of ['>0.05<', '>0.1<', '>2<', '>sanctions.fine<', '>trust.gain &amp; co<', '>final_cooperation<']) expect(svg).toContain(tick);
  });

  it('gives the same bytes for the same data, however many charts were drawn before', async () => {
    const first = await renderChart(heatmapChart(heatmap));
    await renderChart(lines);
    expect(await renderChart(heatmapChart(heatmap))).toBe(first);
    expect(await renderChart(lines)).toBe(await renderChart(lines));
  });
});
