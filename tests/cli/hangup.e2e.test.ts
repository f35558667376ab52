import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { Terminal } from '../support/tmux.js';
import { hasTmux } from '../support/tools.js';

// SIGHUP (a closed terminal window, a dropped SSH session) in a real pseudo-terminal (tmux): the
// live view leaves the alternate screen and writes --out, as on Ctrl-C and SIGTERM.
const terminal = new Terminal('hangup');
const session = 'hangup';

describe.runIf(hasTmux('the SIGHUP terminal test'))('the live cluster view on SIGHUP', () => {
  afterAll(() => terminal.kill());

  it('restores the terminal and writes --out', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-hangup-'));
    const out = join(directory, 'series.csv');
    terminal.start(session, `node ${BIN} cluster --scenario sanctions --size 20x20 --out ${out}`);
    await terminal.waitFor(session, (text) => text.includes('sanctions · gen'), 'the status line');
    expect(terminal.flag(session, 'alternate_on')).toBe('1');
    // The cluster command's own process, found through this test's terminal: never another run's.
    const pids = terminal.processes(session, /^node \S*cooplab\.js cluster/);
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, 'SIGHUP');
    const after = await terminal.exited(session);
    expect(after).toContain('EXIT=129');
    expect(after).not.toContain('firms by strategy');
    expect(terminal.flag(session, 'alternate_on')).toBe('0');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8').startsWith('generation,cooperation,')).toBe(true);
  });
});
