import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { Terminal } from '../support/tmux.js';
import { hasTmux } from '../support/tools.js';

// The real CLI in a real pseudo-terminal (tmux), driven by keys as a person would.
const terminal = new Terminal('live');
const session = 'live';

describe.runIf(hasTmux('the live cluster view terminal tests'))('the live cluster view in a terminal', () => {
  afterAll(() => terminal.kill());

  it('runs, answers keys, quits on q, restores the terminal and writes --out', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-live-'));
    const out = join(directory, 'series.csv');
    terminal.start(session, `cd ${directory} && node ${BIN} cluster --scenario training-first --size 30x20 --out ${out}`);
    // At least one generation played, so the series written on quit has a row.
    await terminal.waitFor(session, (text) => /training-first · gen [1-9]\d* · seed 1/.test(text), 'the status line after a generation');
    expect(terminal.flag(session, 'alternate_on')).toBe('1');

    terminal.keys(session, ' ');
    await terminal.waitFor(session, (text) => text.includes('PAUSED'), 'pause');
    terminal.keys(session, 'f');
    await terminal.waitFor(session, (text) => text.includes('fine raised to 1'), 'the fine in the event log');
    terminal.keys(session, '?');
    await terminal.waitFor(session, (text) => text.includes('switch a joint-activity programme on or off'), 'the help overlay');
    terminal.keys(session, 'x');
    await terminal.waitFor(session, (text) => text.includes('firms by strategy'), 'the view again');
    terminal.keys(session, 'e');
    await terminal.waitFor(session, (text) => text.includes('exported'), 'the export notice');

    terminal.keys(session, 'q');
    const after = await terminal.exited(session);
    expect(after).toContain('EXIT=0');
    expect(after).not.toContain('firms by strategy');
    // Something to keep: the run in one paragraph, once the terminal is back.
    expect(after).toMatch(/training-first, seed 1: co-operation went from \d+% to \d+% in \d+ generations?/);
    expect(terminal.flag(session, 'alternate_on')).toBe('0');
    expect(existsSync(out)).toBe(true);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]!.startsWith('generation,cooperation,')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('shows the market panel beside the map with the market layer on: firms, price, quality, entries, exits and brands with their courses', async () => {
    terminal.kill(session);
    terminal.start(session, `node ${BIN} cluster --scenario market-phases --size 20x16`);
    await terminal.waitFor(session, (text) => text.includes('market-phases · gen'), 'the status line');
    // Faster than the default pace: the brands come some 40 generations in.
    terminal.keys(session, '+', '+', '+');
    // Once brands are built (10 generations after the first innovation) every row of the panel has a figure.
    const screen = await terminal.waitFor(session, (text) => /brands +[1-9]\d*/.test(text), 'the market panel with brand-holders');
    expect(screen).toMatch(/^.*\bmarket\s*$/m);
    expect(screen).toMatch(/firms +\d+ +[▁▂▃▄▅▆▇█ ]*█/);
    expect(screen).toMatch(/price +\d+\.\d\d +[▁▂▃▄▅▆▇█]/);
    expect(screen).toMatch(/quality +\d+\.\d\d ± \d+\.\d\d/);
    expect(screen).toMatch(/entries +\+\d+/);
    expect(screen).toMatch(/exits +−\d+/);
    terminal.keys(session, 'q');
    expect(await terminal.exited(session)).toContain('EXIT=0');
  });

  for (const [how, stop] of [
    ['Ctrl-C', () => terminal.keys(session, 'C-c')],
    // The cluster command's own process, found through the terminal: never another test run's.
    [
      'SIGTERM',
      () => {
        const pids = terminal.processes(session, /^node \S*cooplab\.js cluster/);
        expect(pids).toHaveLength(1);
        process.kill(pids[0]!, 'SIGTERM');
      },
    ],
  ] as const) {
    it(`restores the terminal on ${how}`, async () => {
      terminal.kill(session);
      terminal.start(session, `node ${BIN} cluster --scenario rivalry --size 20x20`);
      await terminal.waitFor(session, (text) => text.includes('rivalry · gen'), 'the status line');
      stop();
      const after = await terminal.exited(session);
      expect(after).not.toContain('firms by strategy');
      expect(after).not.toMatch(/\n\s+at .*\.js:\d+/);
      expect(terminal.flag(session, 'alternate_on')).toBe('0');
    });
  }
});
