import { describe, expect, it } from 'vitest';
import { compactNumber, renderTextHeatmap, SHADES } from '../../src/report/heatmap-text.js';
import { escapeXml } from '../../src/report/svg.js';
import { HEATMAP } from './heatmap-fixture.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
const spec = HEATMAP;

describe('svg builder', () => {
  it('escapes text and attribute values', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;');
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
