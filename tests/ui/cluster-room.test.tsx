import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveCluster, type LiveSnapshot } from '../../src/cluster/live.js';
import { type Scenario, withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { ClusterApp } from '../../src/ui/cluster/app.js';
import { timeAxis } from '../../src/ui/cluster/chart-rows.js';
import { SIDE } from '../../src/ui/cluster/layout.js';
import { ClusterScreen } from '../../src/ui/cluster/screen.js';
import { InlineSource } from '../../src/ui/cluster/source.js';
import { commandRows, wrapText } from '../../src/ui/shared/format.js';
import { requireStrategies } from '../../strategies/registry.js';
import { frameWith, keysReady } from '../support/ink.js';

// The live cluster view as a facilitator uses it before a room: nothing cut, a projector mode,
// the scenario's end, a clean reset, and no figure before there is data.

const plain = makeTheme(false);
const scenario = withOverrides(loadScenario('training-first'), ['width=60', 'height=30']);
const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
const STORY = 'gen 10: The business association starts a joint training programme';

/** A run 40 generations in, with the fine raised and a crisis: the event log and "in force" have things to say. */
function storySnapshot(): LiveSnapshot {
  const live = new LiveCluster(scenario, strategies, 1);
  for (let generation = 0; generation < 40; generation++) live.step();
  live.apply({ type: 'fine', delta: 1 });
  live.apply({ type: 'crisis' });
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

/** The side column's text as one paragraph: wrapped rows joined back, as a reader reads them. */
function sideText(lines: readonly string[], columns: number): string {
  const from = columns >= 100 ? columns - SIDE : 0;
  return lines
    .map((line) => line.slice(from).trim())
    .join(' ')
    .replace(/\s+/g, ' ');
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** The app on a paused run of `run`, stepped by key. */
function app(run: Scenario = scenario, options: { columns?: number; rows?: number; projector?: boolean } = {}) {
  const live = new LiveCluster(run, strategies, 1);
  live.apply({ type: 'toggle-pause' });
  const source = new InlineSource(live, { autostart: false });
  const view = render(
    <ClusterApp
      source={source}
      theme={plain}
      size={{ columns: options.columns ?? 120, rows: options.rows ?? 40 }}
      projector={options.projector}
      onExport={() => 'exported the run so far'}
    />,
  );
  cleanup = view.unmount;
  return { ...view, live };
}

describe('text a room has to read is wrapped, never cut', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    for (const projector of [false, true]) {
      it(`at ${columns} × ${rows}${projector ? ' in projector mode' : ''}: the story line and every rule in force in full, inside the terminal`, () => {
        const snapshot = storySnapshot();
        const lines = screen(snapshot, columns, rows, projector);
        expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(columns);
        expect(lines.length).toBeLessThanOrEqual(rows);
        expect(lines.join('\n')).not.toContain('…');
        const side = sideText(lines, columns);
        expect(side).toContain(STORY);
        expect(side).toContain('gen 40: crisis starts: temptation × 1.5');
        expect(side).toContain('fine 1 · detection 0% · CRISIS');
        expect(side).toContain(`noise ${snapshot.settings.noise} · ${snapshot.settings.updateRule}`);
        expect(side).toContain('mean payoff per firm');
      });
    }
  }

  it('wraps at spaces and breaks only a word wider than the row', () => {
    expect(wrapText('The business association starts a joint training programme', 20)).toEqual([
      'The business',
      'association starts a',
      'joint training',
      'programme',
    ]);
    expect(wrapText('strategies={"defector":0.5,"tit-for-tat":0.5}', 20)).toEqual(['strategies={"defecto', 'r":0.5,"tit-for-tat"', ':0.5}']);
  });

  it('breaks a command only between its words, outside quotes, with a continuation the shell understands', () => {
    const command = `cooplab cluster --scenario rivalry --set 'strategies={"defector":0.5, "tit-for-tat":0.5}' --seed 3 --generations 60`;
    const rows = commandRows(command, 40);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.slice(0, -1).every((row) => row.endsWith(' \\'))).toBe(true);
    expect(rows.some((row) => row.includes(`'strategies={"defector":0.5, "tit-for-tat":0.5}'`))).toBe(true);
    expect(
      rows
        .map((row) => row.trim())
        .join('\n')
        .split(' \\\n')
        .join(' '),
    ).toBe(command);
  });
});

describe('projector mode', () => {
  it('starts with --projector and toggles with p: bigger cells, a bold headline figure, time axes', async () => {
    const view = app(scenario, { projector: true });
    await keysReady(view);
    for (let press = 0; press < 12; press++) view.stdin.write('n');
    const projected = await frameWith(view, 'generation 11 of 200');
    // The headline: co-operation in the block font beside its label.
    expect(projected).toMatch(/█.*co-operation/);
    // Time axes under both charts, from generation 0.
    expect(projected.match(/^.*\s0 {4}5 {4}10\s*$/gm)?.length).toBe(2);
    // Cells two characters wide: every lattice row is made of pairs.
    const latticeRow = projected.split('\n').find((line) => /^[#o+x]{2,}/.test(line))!;
    const cells = latticeRow.match(/^[#o+x]+/)![0];
    expect(cells.length % 2).toBe(0);
    for (let index = 0; index < cells.length; index += 2) expect(cells[index]).toBe(cells[index + 1]);
    view.stdin.write('p');
    const standard = await frameWith(view, 'firms by strategy');
    expect(standard).not.toContain('generation 11 of 200');
    view.stdin.write('p');
    await frameWith(view, 'generation 11 of 200');
  });

  it('shows a dash, not 0%, before the first generation is played', () => {
    const live = new LiveCluster(scenario, strategies, 1);
    for (const projector of [false, true]) {
      const text = screen(live.snapshot(), 120, 40, projector).join('\n');
      expect(text).toMatch(/co-operation\s+—/);
      expect(text).toMatch(/mean trust\s+—/);
      expect(text).not.toMatch(/co-operation\s+0%/);
      if (!projector) expect(text).toMatch(/defector\s+—/);
      if (!projector) expect(text).toContain('fines paid — · exits —');
    }
  });

  it('puts generation numbers under the columns that show them, never touching', () => {
    expect(timeAxis(0, 40)).toBe('');
    expect(timeAxis(12, 40)).toBe('0    5    10');
    const long = timeAxis(201, 40);
    expect(long.length).toBeLessThanOrEqual(40);
    const labels = long.trim().split(/\s+/).map(Number);
    expect(labels[0]).toBe(0);
    expect(labels).toEqual([...labels].sort((a, b) => a - b));
    expect(long).toMatch(/^0 +50 +100 +150/);
  });
});

describe('the scenario end and a reset', () => {
  it('pauses at the scenario’s last generation and says so; space runs on', async () => {
    const short: Scenario = { ...scenario, generations: 3 };
    const view = app(short);
    await keysReady(view);
    view.stdin.write(' '); // run
    const ended = await frameWith(view, 'scenario ended at generation 3 — space runs on, r starts again');
    expect(ended).toContain('gen 3 · seed 1 · PAUSED · scenario ended');
    expect(ended).toContain('gen 3: scenario ended at generation 3');
    expect(view.live.running).toBe(false);
    view.stdin.write(' ');
    await frameWith(view, (frame) => view.live.records.length > 5 && /gen \d+ · seed 1 · \d+ gen\/s/.test(frame));
    expect(view.lastFrame()).not.toContain('scenario ended at generation 3 — space runs on');
  });

  it('r starts again with a clean event log: nothing of the previous run stays', async () => {
    const view = app();
    await keysReady(view);
    for (let press = 0; press < 12; press++) view.stdin.write('n');
    await frameWith(view, 'business association starts a');
    view.stdin.write('e');
    await frameWith(view, 'exported the run so far');
    view.stdin.write('r');
    const reset = await frameWith(view, 'gen 0: reset with seed 1');
    expect(reset).not.toContain('business association');
    expect(reset).not.toContain('exported the run so far');
    expect(view.live.snapshot().log).toEqual([{ generation: 0, label: 'reset with seed 1' }]);
  });
});
