import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveCluster, type LiveSnapshot } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { ClusterApp, commandForKey } from '../../src/ui/cluster/app.js';
import { latticeRows, mapSize } from '../../src/ui/cluster/lattice-rows.js';
import { InlineSource } from '../../src/ui/cluster/source.js';
import { exportSnapshot } from '../../src/ui/cluster/launch.js';
import { makeTheme } from '../../src/theme/theme.js';
import { frameWith, keysReady, press } from '../support/ink.js';

const scenario = withOverrides(loadScenario('training-first'), ['width=20', 'height=14']);
const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));

function setup(
  options: { columns?: number; rows?: number; colour?: boolean; onExport?: (snapshot: LiveSnapshot) => string | Promise<string>; generations?: number } = {},
) {
  const live = new LiveCluster(options.generations === undefined ? scenario : { ...scenario, generations: options.generations }, strategies, 1);
  live.apply({ type: 'toggle-pause' }); // paused: the test steps by key
  const source = new InlineSource(live, { autostart: false });
  const exported: number[] = [];
  const view = render(
    <ClusterApp
      source={source}
      theme={makeTheme(options.colour ?? false)}
      size={{ columns: options.columns ?? 120, rows: options.rows ?? 40 }}
      onExport={
        options.onExport ??
        ((snapshot) => {
          exported.push(snapshot.generation);
          return `exported generation ${snapshot.generation}`;
        })
      }
    />,
  );
  return { ...view, live, source, exported };
}

/** Once the view shows the first snapshot and listens to keys. Commands apply as each key is written. */
async function ready(view: ReturnType<typeof setup>): Promise<string> {
  await keysReady(view);
  return frameWith(view, 'training-first · gen');
}
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the live cluster view', () => {
  it('shows the status line, the map, the charts, the shares, the ladder and the parameters', async () => {
    const view = setup();
    cleanup = view.unmount;
    await ready(view);
    // The first generation fills the charts and the shares.
    const frame = await press(view, 'n', /defector\s+█/);
    expect(frame).toContain('training-first · gen 0 · seed 1 · PAUSED');
    expect(frame).toContain('co-operation');
    expect(frame).toContain('mean trust');
    expect(frame).toContain('firms by strategy');
    expect(frame).toMatch(/defector\s+█/);
    expect(frame).toContain('1:off training');
    expect(frame).toContain('2:on  technology-exchange');
    expect(frame).toContain('fine 0 · detection 0% · no crisis');
    expect(frame).toContain('view: strategy');
  });

  it('steps one generation with n and switches a programme with its number, logging it', async () => {
    const view = setup();
    cleanup = view.unmount;
    await ready(view);
    view.stdin.write('n');
    await press(view, 'n', 'gen 1 ·');
    const frame = await press(view, '1', '1:on  training');
    expect(frame).toContain('gen 2: training programme switched on');
    expect(view.live.model.parameters.activities[0]!.enabled).toBe(true);
  });

  it('raises the fine and the detection, starts a crisis, and shows them in force', async () => {
    const view = setup();
    cleanup = view.unmount;
    await ready(view);
    for (const key of ['f', 'f', 'f', 'd', 'd']) view.stdin.write(key);
    const frame = await press(view, 'c', 'fine 3 · detection 20% · CRISIS');
    expect(frame).toContain('gen 0: fine raised to 3');
    expect(frame).toContain('crisis starts');
  });

  it('cycles the views with v and exports a snapshot with e', async () => {
    const view = setup();
    cleanup = view.unmount;
    await ready(view);
    expect(await press(view, 'v', 'view: move')).toContain('mostly co-operated');
    await press(view, 'v', 'view: trust');
    await press(view, 'e', 'exported generation -1');
    expect(view.exported).toEqual([-1]);
  });

  it('exports the pictures with e: says it is exporting, goes on meanwhile, then names the files; the help says so', async () => {
    let finish: (notice: string) => void = () => undefined;
    const view = setup({ onExport: () => new Promise<string>((resolve) => (finish = resolve)) });
    cleanup = view.unmount;
    await ready(view);
    await press(view, 'n', 'gen 0 ·');
    await press(view, 'e', 'exporting generation 0…');
    // The view does not wait for the pictures.
    await press(view, 'n', 'gen 1 ·');
    finish('exported to /tmp/x: cooplab-training-first-seed1-gen0-lattice.svg');
    await frameWith(view, 'exported to /tmp/x: cooplab-training-first-seed1-gen0-lattice.svg');
    const help = await press(view, '?', 'pictures (SVG, PNG) of the lattice and the charts');
    expect(help).toContain('export a snapshot: CSV');
  });

  it('drops a late export notice once r has started another run', async () => {
    let finish: (notice: string) => void = () => undefined;
    const view = setup({ onExport: () => new Promise<string>((resolve) => (finish = resolve)) });
    cleanup = view.unmount;
    await ready(view);
    await press(view, 'e', 'exporting generation 0…');
    await press(view, 'r', (frame) => !frame.includes('exporting'));
    finish('exported late');
    await press(view, 'n', 'gen 0 ·');
    expect(view.lastFrame()).not.toContain('exported late');
  });

  it('puts the run in one paragraph in the event log when the scenario reaches its end', async () => {
    const view = setup({ generations: 3 });
    cleanup = view.unmount;
    await ready(view);
    for (const generation of [0, 1, 2]) await press(view, 'n', `gen ${generation} ·`);
    expect(view.lastFrame()).not.toContain('summary:');
    const ended = await press(view, 'n', (frame) => frame.replace(/\s+/g, ' ').includes('summary: training-first, seed 1: co-operation went from'));
    expect(ended).toContain('scenario ended at generation 3');
  });

  it('says so in the view when an export cannot be written, and goes on', async () => {
    // A folder under a file: no user, root included, can write there.
    const file = join(mkdtempSync(join(tmpdir(), 'cooplab-export-')), 'a-file');
    writeFileSync(file, '');
    const folder = join(file, 'folder');
    const view = setup({ onExport: (snapshot) => exportSnapshot(snapshot, folder) });
    cleanup = view.unmount;
    const shown = (text: string) => (frame: string) => frame.replace(/\s+/g, '').includes(text);
    await ready(view);
    await press(view, 'e', shown(`exportfailed:cannotwriteto${folder}(ENOTDIR)`));
    await press(view, 'n', shown('gen0·'));
    await press(view, 'n', shown('gen1·'));
    expect(view.lastFrame()).toContain('training-first · gen 1');
  });

  it('opens the help overlay with ? and closes it with any key', async () => {
    const view = setup();
    cleanup = view.unmount;
    await ready(view);
    const help = await press(view, '?', 'switch a joint-activity programme on or off');
    expect(help).toContain('Training first: low-risk joint activities pave the way');
    expect(help).not.toContain('firms by strategy');
    await press(view, 'x', 'firms by strategy');
  });

  it('stacks into one readable column below 100 columns', async () => {
    const view = setup({ columns: 80, rows: 40 });
    cleanup = view.unmount;
    const lines = (await ready(view)).split('\n');
    expect(lines.every((line) => line.length <= 80)).toBe(true);
    const mapEnd = lines.findIndex((line) => line.startsWith('view: strategy'));
    const sharesAt = lines.findIndex((line) => line.includes('firms by strategy'));
    expect(sharesAt).toBeGreaterThan(mapEnd);
  });

  it('draws no colour codes with NO_COLOR, and half blocks with colour', async () => {
    const plain = setup({ colour: false });
    expect(await ready(plain)).not.toMatch(/\u001b\[/);
    plain.unmount();
    const coloured = setup({ colour: true });
    cleanup = coloured.unmount;
    await frameWith(coloured, '▀');
  });
});

describe('lattice rows', () => {
  it('keeps the aspect ratio: two firms per cell vertically', () => {
    expect(mapSize(200, 70, 72, 37)).toEqual({ columns: 72, rows: 13 });
    expect(mapSize(40, 40, 72, 37)).toEqual({ columns: 72, rows: 36 });
    expect(mapSize(1000, 1000, 72, 37)).toEqual({ columns: 72, rows: 36 });
  });

  it('builds each row as one string, one glyph per cell without colour', () => {
    const live = new LiveCluster(scenario, strategies, 1);
    const snapshot = live.snapshot();
    const rows = latticeRows(snapshot, 'strategy', 20, 7, makeTheme(false));
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.length === 20)).toBe(true);
    const glyphs = makeTheme(false).strategyGlyphs;
    expect(rows[0]![0]).toBe(glyphs[snapshot.strategyOf[0]!]);
  });

  it('maps keys to commands', () => {
    expect(commandForKey(' ')).toEqual({ type: 'toggle-pause' });
    expect(commandForKey('3')).toEqual({ type: 'toggle-activity', index: 2 });
    expect(commandForKey('F')).toEqual({ type: 'fine', delta: -1 });
    expect(commandForKey('z')).toBeUndefined();
  });
});
