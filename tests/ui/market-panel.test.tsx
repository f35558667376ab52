import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LiveCluster, type LiveSnapshot } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { inForceRows } from '../../src/ui/cluster/in-force.js';
import { marketLines } from '../../src/ui/cluster/market-lines.js';
import { ClusterScreen } from '../../src/ui/cluster/screen.js';
import { requireStrategies } from '../../strategies/registry.js';

// The live view's market panel (issue 17 item 6): firms, price, mean quality with its spread,
// entries and exits (and brands), each now and as a sparkline over the run, only with the market layer.

const plain = makeTheme(false);
const phases = withOverrides(loadScenario('market-phases'), ['width=20', 'height=16']);
const strategies = requireStrategies(Object.keys(phases.parameters.strategies));

function snapshotAfter(generations: number, overrides: readonly string[] = []): LiveSnapshot {
  const live = new LiveCluster(withOverrides(phases, overrides), strategies, 1);
  for (let generation = 0; generation < generations; generation++) live.step();
  return live.snapshot();
}

function screen(snapshot: LiveSnapshot, columns: number, rows: number, projector = false): string[] {
  const view = render(
    <ClusterScreen snapshot={snapshot} view="strategy" fps={0} notice={undefined} projector={projector} theme={plain} columns={columns} rows={rows} />,
  );
  const frame = view.lastFrame()!;
  view.unmount();
  return frame.split('\n');
}

const snapshot = snapshotAfter(40);
const latest = snapshot.records.at(-1)!.market!;

describe('the market panel of the live view', () => {
  for (const [columns, rows, projector] of [
    [120, 40, false],
    [120, 40, true],
    [80, 40, false],
  ] as const) {
    it(`at ${columns} × ${rows}${projector ? ' in projector mode' : ''}: each figure now and its course, inside the terminal`, () => {
      const lines = screen(snapshot, columns, rows, projector);
      expect(lines.length).toBeLessThanOrEqual(rows);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
      const row = (label: string) => lines.find((line) => new RegExp(`(^|\\s)${label} +\\S`).test(line)) ?? '';
      expect(lines.some((line) => /(^|\s)market\s*$/.test(line))).toBe(true);
      expect(row('firms')).toContain(String(latest.firms));
      expect(row('price')).toContain(latest.meanPrice.toFixed(2));
      expect(row('quality')).toContain(`${latest.meanQuality.toFixed(2)} ± ${latest.qualitySpread.toFixed(2)}`);
      expect(row('entries')).toContain(`+${latest.entries}`);
      expect(row('exits')).toContain(`−${latest.exits}`);
      expect(row('brands')).toContain(String(latest.brands));
      // Sparklines: the firm count rose from a few pioneers, so its course holds low and full blocks.
      expect(row('firms')).toMatch(/[▁▂▃].*█|█.*[▁▂▃]/);
      // The market's figures left the in-force panel for their own.
      expect(lines.join('\n')).not.toContain(`market ${String(latest.firms)} firms`);
    });
  }

  it('draws each course over the whole run, scaled from 0 to its highest: the firm count rises to a full block', () => {
    const [firms] = marketLines(snapshot, plain, 46);
    const counts = snapshot.records.map((record) => record.market!.firms);
    expect(firms!.course.length).toBeLessThanOrEqual(46 - 8 - 13 - 2);
    expect(firms!.course.length).toBeGreaterThan(10);
    expect(firms!.course).toContain('█');
    // The first column is the start, a few pioneers: far below the peak.
    expect(counts[0]! / Math.max(...counts)).toBeLessThan(0.25);
    expect('▁▂ '.includes(firms!.course[0]!)).toBe(true);
  });

  for (const projector of [false, true]) {
    it(`fits a short stacked screen (80 × 24${projector ? ', projector' : ''}) as one row of figures`, () => {
      const lines = screen(snapshot, 80, 24, projector);
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
      const compact = lines.find((line) => line.startsWith('market '));
      expect(compact).toContain(`firms ${latest.firms}`);
      expect(compact).toContain(`price ${latest.meanPrice.toFixed(2)}`);
    });
  }

  it('has no brands row without brands, and is absent without the market layer', () => {
    expect(marketLines(snapshotAfter(3, ['market.brand.premium=0']), plain, 46).map((line) => line.label)).toEqual([
      'firms',
      'price',
      'quality',
      'entries',
      'exits',
    ]);
    const off = snapshotAfter(2, ['market.enabled=false']);
    expect(marketLines(off, plain, 46)).toEqual([]);
    expect(screen(off, 120, 40).join('\n')).not.toMatch(/(^|\s)market\s*$|quality|entries/m);
    expect(
      inForceRows(snapshot, plain, 46)
        .map((row) => row.map((segment) => segment.text).join(''))
        .join('\n'),
    ).not.toMatch(/firms|quality/);
  });
});
