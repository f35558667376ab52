import { describe, expect, it } from 'vitest';
import { compactNumber, renderTextHeatmap, SHADES } from '../../src/report/heatmap-text.js';
import { domainOf, escapeXml, heatmapSvg, lineChartSvg, niceTicks, stackedAreaSvg } from '../../src/report/svg.js';
import { scaleColour } from '../../src/theme/theme.js';
import { checkWellFormed } from './xml.js';

const nasty = 'Fines <& "trust"> \'gain\'';
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

const spec = {
  title: nasty,
  xLabel: 'sanctions.fine',
  yLabel: 'trust.gain & co',
  xTicks: ['0', '1', '2'],
  yTicks: ['0.05', '0.1'],
  cells: [
    [0, 0.5, null],
    [0.25, 0.75, 1],
  ],
  domain: { low: 0, high: 1 },
  valueLabel: 'final_cooperation',
  firstRow: 'bottom' as const,
};

describe('svg builders', () => {
  it('escapes text and attribute values', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
  });

  it('builds a well-formed heatmap with one cell per combination, an escaped title and a colour scale', () => {
    const svg = heatmapSvg(spec);
    expect(checkWellFormed(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<title>Fines &lt;&amp; &quot;trust&quot;&gt; &#39;gain&#39;</title>');
    expect(svg).not.toContain(nasty);
    expect(count(svg, /<rect class="cell"/g)).toBe(6);
    // The colour of each value, and grey for the combination without data.
    expect(svg).toContain(`fill="${scaleColour(0)}"`);
    expect(svg).toContain(`fill="${scaleColour(0.75)}"`);
    expect(svg).toContain(`fill="${scaleColour(1)}"`);
    expect(svg).toContain('fill="#e6e6e6"');
    // The colour scale: a gradient from red to green with labels, and the axes' tick labels.
    expect(svg).toMatch(/<linearGradient id="scale-\d+"[^>]*>(<stop [^>]+\/>){5}<\/linearGradient>/);
    expect(svg).toContain(`stop-color="${scaleColour(0)}"`);
    expect(svg).toContain(`stop-color="${scaleColour(1)}"`);
    for (const tick of ['0.05', '0.1', '>2<', 'sanctions.fine', 'trust.gain &amp; co', 'final_cooperation']) expect(svg).toContain(tick);
  });

  it('puts the first row at the bottom of a phase diagram and at the top of a matrix', () => {
    const rowY = (svg: string) => [...svg.matchAll(/<rect class="cell" x="[\d.]+" y="([\d.]+)"/g)].map((match) => Number(match[1]));
    const bottom = rowY(heatmapSvg(spec));
    const top = rowY(heatmapSvg({ ...spec, firstRow: 'top' }));
    expect(bottom[0]).toBeGreaterThan(bottom[3]!);
    expect(top[0]).toBeLessThan(top[3]!);
  });

  it('builds well-formed line and stacked-area charts, one path per series', () => {
    const chart = { title: 'Co-operation & trust', xLabel: 'generation', yLabel: 'share', x: [0, 1, 2, 3], markers: [{ x: 1, label: 'Training <starts>' }] };
    const lines = lineChartSvg({
      ...chart,
      series: [
        { name: 'a', colour: '#ff0000', values: [0, 0.5, null, 1] },
        { name: 'b', colour: '#00ff00', values: [1, 1, 1, 1] },
      ],
    });
    expect(checkWellFormed(lines)).toEqual([]);
    expect(count(lines, /<path class="line"/g)).toBe(2);
    expect(lines).toContain('Training &lt;starts&gt;');
    const areas = stackedAreaSvg({
      ...chart,
      series: [
        { name: 'x', colour: '#ff0000', values: [0.5, 0.5, 0.2, 0] },
        { name: 'y', colour: '#00ff00', values: [0.5, 0.5, 0.8, 1] },
      ],
    });
    expect(checkWellFormed(areas)).toEqual([]);
    expect(count(areas, /<path class="area"/g)).toBe(2);
  });

  it('chooses round ticks and a domain that holds every value', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 80, 8)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(domainOf([0.2, 0.4], { low: 0, high: 1 })).toEqual({ low: 0, high: 1 });
    expect(domainOf([2, 6], { low: 0, high: 1 })).toEqual({ low: 2, high: 6 });
    expect(domainOf([3, 3, null])).toEqual({ low: 2.5, high: 3.5 });
  });
});

describe('terminal heatmap', () => {
  const text = { ...spec, title: 'final_cooperation by sanctions.fine and trust.gain', yLabel: 'trust.gain' };

  it('draws numbers and shades without colour: no escape codes, the largest y at the top, a legend', () => {
    const out = renderTextHeatmap({ ...text, colour: false });
    expect(out).not.toMatch(/\u001b/);
    const lines = out.split('\n');
    expect(lines[0]).toBe(text.title);
    const rows = lines.filter((line) => line.includes('│'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\s+0\.1 │\s+░\.25\s+▓\.75\s+█1\.0$/);
    expect(rows[1]).toMatch(/^\s+0\.05 │\s+·\s+0\s+▒\.50\s+-$/);
    expect(out).toMatch(/ 0 +1 +2 +sanctions\.fine →/);
    expect(out).toContain(`scale  ${SHADES[0]} < 0.2`);
  });

  it('colours each cell and the scale when colour is on', () => {
    const out = renderTextHeatmap({ ...text, colour: true });
    expect(count(out, /\u001b\[48;5;\d+m/g)).toBe(5 + 20);
    expect(out).toMatch(/scale {2}0 .*1\n$/);
  });

  it('fits any value in 3 characters', () => {
    for (const [value, shown] of [
      [0, '0'],
      [0.824, '.82'],
      [1, '1.0'],
      [5.96, '6.0'],
      [12.3, '12'],
      [340, '340'],
      [2500, '2k5'],
      [-0.4, '-.4'],
      [0.004, '.00'],
    ] as const) {
      expect(compactNumber(value)).toBe(shown);
    }
  });
});
