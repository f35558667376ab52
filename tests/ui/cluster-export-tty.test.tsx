import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { Terminal } from '../support/tmux.js';
import { hasTmux } from '../support/tools.js';

/**
 * Something to keep from the live view, in a real pseudo-terminal (tmux): at the scenario's end
 * the run in one paragraph in the event log; `e` writes the CSV and the pictures (SVG, PNG, the
 * chart's Vega-Lite spec) named after the scenario, seed and generation, and says where; the
 * paragraph again on the terminal after q.
 */
const terminal = new Terminal('export');
const session = 'export';

describe.runIf(hasTmux('the live view export terminal test'))('the live view’s export in a terminal', () => {
  afterAll(() => terminal.kill());

  it('sums the run up at its end, exports pictures with e and says where', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-export-'));
    terminal.start(session, `cd ${directory} && NO_COLOR=1 node ${BIN} cluster --scenario training-first --size 16x12 --generations 12`);
    const ended = await terminal.waitFor(
      session,
      (text) => text.replace(/\s+/g, ' ').includes('summary: training-first, seed 1: co-operation went from'),
      'the summary in the log',
    );
    expect(ended).toContain('scenario ended at generation 12');
    terminal.keys(session, 'e');
    const exported = await terminal.waitFor(session, (text) => text.includes('.png'), 'the export notice');
    const stem = 'cooplab-training-first-seed1-gen12';
    const files = ['cooperation.png', 'cooperation.svg', 'cooperation.vl.json', 'lattice.csv', 'lattice.png', 'lattice.svg', 'series.csv'].map(
      (end) => `${stem}-${end}`,
    );
    expect(readdirSync(directory).sort()).toEqual(files);
    // The view names the folder and every file (wrapped beside the event log, never cut).
    expect(exported).toContain(`exported to ${directory}:`);
    for (const file of files) expect(exported).toContain(file);
    const chart = readFileSync(join(directory, `${stem}-cooperation.svg`), 'utf8');
    expect(chart).toContain('<title>Co-operation and trust: Training first: low-risk joint activities pave the way (seed 1)</title>');
    expect(chart).toContain('>generation</text>');
    expect(readFileSync(join(directory, `${stem}-lattice.svg`), 'utf8').match(/<rect class="cell firm"/g)).toHaveLength(16 * 12);
    expect(
      readFileSync(join(directory, `${stem}-lattice.png`))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');

    terminal.keys(session, 'q');
    const after = await terminal.exited(session);
    expect(after).toContain('EXIT=0');
    expect(after.replace(/\s+/g, ' ')).toMatch(/training-first, seed 1: co-operation went from \d+% to \d+% in 12 generations/);
  });
});
