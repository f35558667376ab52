import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LiveCluster, TIE_CUT, TIE_FORMED } from '../../src/cluster/live.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterCsv, clusterRunDocument, parseClusterRun } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { clusterReport } from '../../src/report/report.js';
import { makeTheme } from '../../src/theme/theme.js';
import { latticeRows, networkGlyph, nextView } from '../../src/ui/cluster/lattice-rows.js';
import { ClusterApp } from '../../src/ui/cluster/app.js';
import { inForceRows } from '../../src/ui/cluster/in-force.js';
import { InlineSource } from '../../src/ui/cluster/source.js';
import { TiesPanel } from '../../src/ui/cluster/ties-panel.js';
import { requireStrategies } from '../../strategies/registry.js';
import { checkWellFormed } from '../report/xml.js';
import { frameWith, keysReady, press } from '../support/ink.js';

// Seeing partner choice: the tie metrics in CSV and JSON, the network in the HTML report, and the
// live view's network drawing and ties panel; none of it on a fixed lattice.
const valley = withOverrides(loadScenario('silicon-valley'), ['width=12', 'height=10']);
const fixed = withOverrides(valley, ['partnerChoice.enabled=false']);
const strategies = requireStrategies(Object.keys(valley.parameters.strategies));

describe('tie metrics in the run documents', () => {
  const run = runScenario(valley, strategies, { seed: 3, generations: 6 });

  it('the CSV gains ties_cut, ties_formed and mean_degree as its last columns, only with partner choice', () => {
    const [header, ...rows] = clusterCsv(run).trimEnd().split('\n');
    expect(header!.endsWith(',ties_cut,ties_formed,mean_degree')).toBe(true);
    const last = rows[rows.length - 1]!.split(',');
    const record = run.records[run.records.length - 1]!;
    expect(last.slice(-3).map(Number)).toEqual([record.ties!.cut, record.ties!.formed, record.ties!.meanDegree]);
    const plain = clusterCsv(runScenario(fixed, strategies, { seed: 3, generations: 2 }));
    expect(plain).not.toContain('ties_cut');
  });

  it('the JSON holds the ties per generation and the network at the end, and reads back', () => {
    const document = clusterRunDocument(run, 'test');
    expect(document.series.map((point) => point.ties)).toEqual(run.records.map((record) => record.ties));
    const network = document.final.network!;
    const model = run.model.network!;
    expect(network.ties.length).toBe(model.count);
    for (const [a, b, born] of network.ties) {
      expect(model.tied(a, b)).toBe(true);
      expect(born).toBeLessThan(run.model.generation);
    }
    expect(network.cut.length).toBe(run.records[run.records.length - 1]!.ties!.cut);
    expect(parseClusterRun(JSON.parse(JSON.stringify(document)), 'run.json').final.network).toEqual(network);
    const plain = clusterRunDocument(runScenario(fixed, strategies, { seed: 3, generations: 2 }), 'test');
    expect(plain.final.network).toBeUndefined();
    expect(plain.series.every((point) => point.ties === undefined)).toBe(true);
  });

  it('the HTML report draws the ties and the network at the end as well-formed SVG', async () => {
    const html = await clusterReport(clusterRunDocument(run, 'test'), 'run.json', 'test');
    expect(html).toContain('Ties cut and formed');
    expect(html).toContain('The network at the end');
    const svg = html.slice(html.indexOf('<svg', html.indexOf('The network at the end') - 2000));
    const drawing = svg.slice(0, svg.indexOf('</svg>') + 6);
    expect(checkWellFormed(drawing)).toEqual([]);
    // A dot per firm, a line per tie and per cut tie (the key's three lines besides).
    expect(drawing.match(/<circle/g)!.length).toBe(120 + strategies.length);
    const cut = run.records[run.records.length - 1]!.ties!.cut;
    expect(drawing.match(/<line/g)!.length).toBeGreaterThanOrEqual(run.model.network!.count + cut + 3);
    expect(clusterReport(clusterRunDocument(runScenario(fixed, strategies, { seed: 3, generations: 2 }), 'test'), 'run.json', 'test')).not.toContain(
      'The network at the end',
    );
  });
});

describe('the live view of the network', () => {
  it('marks cut and new ties at the firms’ lattice places, and counts ties elsewhere', () => {
    const live = new LiveCluster(valley, strategies, 3);
    for (let generation = 0; generation < 4; generation++) live.step();
    const snapshot = live.snapshot();
    const network = snapshot.network!;
    const theme = makeTheme(false);
    const rows = latticeRows(snapshot, 'network', 40, 20, theme);
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.length === 12)).toBe(true);
    for (let firm = 0; firm < 120; firm++) {
      const glyph = rows[Math.floor(firm / 12)]![firm % 12]!;
      expect(glyph).toBe(networkGlyph(snapshot, firm));
      const mark = network.marks[firm]!;
      if (mark === TIE_CUT) expect(glyph).toBe('×');
      else if (mark === TIE_FORMED) expect(glyph).toBe('+');
      else if (mark === 0) expect(glyph).toBe(network.ties[firm] === 0 ? '·' : String(Math.min(9, network.ties[firm]!)));
    }
    const cutEnds = live.model.lastCut;
    for (const firm of cutEnds) expect(network.marks[firm]! & TIE_CUT).toBe(TIE_CUT);
    expect(cutEnds.length).toBeGreaterThan(0);
  });

  it('offers the network view only when firms choose their partners', () => {
    const withNetwork = new LiveCluster(valley, strategies, 1).snapshot();
    const without = new LiveCluster(fixed, strategies, 1).snapshot();
    expect(without.network).toBeUndefined();
    expect(nextView('activity', withNetwork)).toBe('network');
    expect(nextView('network', withNetwork)).toBe('strategy');
    expect(nextView('activity', without)).toBe('strategy');
  });

  it('the ties panel shows the last generation’s cuts, new ties and mean degree, and says when the reputation layer is off', () => {
    const live = new LiveCluster(valley, strategies, 2);
    live.step();
    live.step();
    const ties = live.records[1]!.ties!;
    const { lastFrame, unmount } = render(<TiesPanel snapshot={live.snapshot()} theme={makeTheme(false)} />);
    expect(lastFrame()).toContain('ties (partner choice)');
    expect(lastFrame()).toContain(`cut ${ties.cut} · formed ${ties.formed} · mean degree ${ties.meanDegree.toFixed(2)}`);
    expect(lastFrame()!.split('\n')[2]).toBe('reputation off');
    unmount();
    const none = render(<TiesPanel snapshot={new LiveCluster(fixed, strategies, 1).snapshot()} theme={makeTheme(false)} />);
    expect(none.lastFrame()).toBe('');
    none.unmount();
  });

  it('with the reputation layer on, the ties panel sets the standing of defectors against that of co-operators', () => {
    const live = new LiveCluster(withOverrides(valley, ['reputation.enabled=true']), strategies, 2);
    const before = render(<TiesPanel snapshot={live.snapshot()} theme={makeTheme(false)} />);
    expect(before.lastFrame()).toContain('reputation: defectors — · co-operators —');
    before.unmount();
    live.step();
    live.step();
    const standing = live.records[1]!.reputation!;
    const { lastFrame, unmount } = render(<TiesPanel snapshot={live.snapshot()} theme={makeTheme(false)} />);
    const shown = (value: number | null) => (value === null ? '—' : value.toFixed(2));
    expect(lastFrame()!.split('\n')[2]).toBe(`reputation: defectors ${shown(standing.defectors)} · co-operators ${shown(standing.cooperators)}`);
    unmount();
    // The in-force panel keeps the norm and the share in bad standing and leaves the standings to the ties panel.
    const inForce = inForceRows(live.snapshot(), makeTheme(false), 46)
      .map((row) => row.map((segment) => segment.text).join(''))
      .join('\n');
    expect(inForce).toContain('word of mouth image-scoring');
    expect(inForce).toContain('in bad standing');
    expect(inForce).not.toContain('standing: co-operators');
  });

  it('the running view shows the complete ties panel beside the map, within the screen', async () => {
    for (const [overrides, expected] of [
      [['reputation.enabled=true'], /reputation: defectors (\d\.\d\d|—) · co-operators (\d\.\d\d|—)/],
      [[], /reputation off/],
    ] as const) {
      const live = new LiveCluster(withOverrides(valley, [...overrides]), strategies, 1);
      live.apply({ type: 'toggle-pause' });
      for (const size of [
        { columns: 120, rows: 40 },
        { columns: 80, rows: 50 },
      ]) {
        const view = render(<ClusterApp source={new InlineSource(live, { autostart: false })} theme={makeTheme(false)} size={size} onExport={() => ''} />);
        try {
          await keysReady(view);
          await frameWith(view, 'silicon-valley · gen');
          const frame = await press(view, 'n', /mean degree \d/);
          expect(frame).toContain('ties (partner choice)');
          expect(frame).toMatch(expected);
          for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(size.columns);
        } finally {
          view.unmount();
        }
      }
    }
  });
});
