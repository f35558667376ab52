import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

// The real CLI in a real pseudo-terminal (tmux), driven by keys as a person would.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is missing: .ci/run installs it');

const session = `cooplab-e2e-${process.pid}`;
// A server of its own, so the test neither sees nor disturbs a person's tmux sessions.
const socket = ['-L', session];
const tmux = (...args: string[]) => execFileSync('tmux', [...socket, ...args], { encoding: 'utf8' });
// CI sets CI=true, and cooplab (like Ink) then prints plain output even in a terminal; the
// person this test plays is at a real terminal, so the command runs without those variables.
const ciVariables = Object.keys(process.env).filter((key) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_'));
const asAPerson = (command: string) => `env ${ciVariables.map((key) => `-u ${key}`).join(' ')} sh -c '${command.replaceAll("'", "'\\''")}'`;
const screen = () => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(predicate: (text: string) => boolean, what: string, timeout = 15_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen();
    if (predicate(text)) return text;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
    await sleep(100);
  }
}

describe.runIf(hasTmux)('the live cluster view in a terminal', () => {
  afterAll(() => {
    spawnSync('tmux', [...socket, 'kill-server']);
  });

  it('runs, answers keys, quits on q, restores the terminal and writes --out', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-live-'));
    const out = join(directory, 'series.csv');
    const command = `cd ${directory} && node ${BIN} cluster --scenario training-first --size 30x20 --out ${out}; echo "EXIT:$?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', asAPerson(command));
    await waitFor((text) => /training-first · gen \d+ · seed 1/.test(text), 'the status line');
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('1');

    tmux('send-keys', '-t', session, ' ');
    await waitFor((text) => text.includes('PAUSED'), 'pause');
    tmux('send-keys', '-t', session, 'f');
    await waitFor((text) => text.includes('fine raised to 1'), 'the fine in the event log');
    tmux('send-keys', '-t', session, '?');
    await waitFor((text) => text.includes('switch a joint-activity programme on or off'), 'the help overlay');
    tmux('send-keys', '-t', session, 'x');
    await waitFor((text) => text.includes('firms by strategy'), 'the view again');
    tmux('send-keys', '-t', session, 'e');
    await waitFor((text) => text.includes('exported'), 'the export notice');

    tmux('send-keys', '-t', session, 'q');
    const after = await waitFor((text) => text.includes('EXIT:'), 'the process to exit');
    expect(after).toContain('EXIT:0');
    expect(after).not.toContain('firms by strategy');
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    expect(existsSync(out)).toBe(true);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]!.startsWith('generation,cooperation,')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  }, 40_000);

  for (const [how, stop] of [
    ['Ctrl-C', () => tmux('send-keys', '-t', session, 'C-c')],
    ['SIGTERM', () => spawnSync('pkill', ['-TERM', '-f', '^node .*cooplab.js cluster --scenario rivalry'])],
  ] as const) {
    it(`restores the terminal on ${how}`, async () => {
      spawnSync('tmux', [...socket, 'kill-session', '-t', session]);
      tmux(
        'new-session',
        '-d',
        '-s',
        session,
        '-x',
        '120',
        '-y',
        '40',
        asAPerson(`node ${BIN} cluster --scenario rivalry --size 20x20; echo "EXIT:$?"; sleep 60`),
      );
      await waitFor((text) => text.includes('rivalry · gen'), 'the status line');
      stop();
      const after = await waitFor((text) => text.includes('EXIT:'), 'the process to exit');
      expect(after).not.toContain('firms by strategy');
      expect(after).not.toMatch(/\n\s+at .*\.js:\d+/);
      expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
    }, 30_000);
  }
});
