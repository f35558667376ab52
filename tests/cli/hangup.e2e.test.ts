import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

// SIGHUP (a closed terminal window, a dropped SSH session) in a real pseudo-terminal (tmux): the
// live view leaves the alternate screen and writes --out, as on Ctrl-C and SIGTERM.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is missing: .ci/run installs it');

const session = `cooplab-hangup-${process.pid}`;
// A server of its own, so the test neither sees nor disturbs a person's tmux sessions.
const socket = ['-L', session];
const tmux = (...args: string[]) => execFileSync('tmux', [...socket, ...args], { encoding: 'utf8' });
// The person this test plays is at a real terminal: the command runs without CI variables (cooplab prints plain output under CI).
const ciVariables = Object.keys(process.env).filter((key) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_'));
const asAPerson = (command: string) => `env ${ciVariables.map((key) => `-u ${key}`).join(' ')} sh -c '${command.replaceAll("'", "'\\''")}'`;
const screen = () => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(predicate: (text: string) => boolean, what: string, timeout = 20_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen();
    if (predicate(text)) return text;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
    await sleep(100);
  }
}

describe.runIf(hasTmux)('the live cluster view on SIGHUP', () => {
  afterAll(() => {
    spawnSync('tmux', [...socket, 'kill-server']);
  });

  it('restores the terminal and writes --out', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-hangup-'));
    const out = join(directory, 'series.csv');
    const pidFile = join(directory, 'pid');
    // The inner shell writes its own id and becomes node (exec): the signal goes to this cooplab and nothing else.
    // (The scenario differs from live.e2e.test.ts's, whose SIGTERM case signals its process by a pattern.)
    const command = `sh -c 'echo $$ > ${pidFile}; exec node ${BIN} cluster --scenario sanctions --size 20x20 --out ${out}'; echo "EXIT:$?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', asAPerson(command));
    await waitFor((text) => text.includes('sanctions · gen'), 'the status line');
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('1');
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGHUP');
    const after = await waitFor((text) => text.includes('EXIT:'), 'the process to exit');
    expect(after).toContain('EXIT:129');
    expect(after).not.toContain('firms by strategy');
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8').startsWith('generation,cooperation,')).toBe(true);
  }, 40_000);
});
