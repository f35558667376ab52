import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

/**
 * `cooplab play` end to end: one line and exit code 2 without a terminal; in a real
 * pseudo-terminal (tmux), C and D play rounds, the opponent is revealed, and q restores the
 * screen and leaves the outcome. Runs once the command is registered in the built CLI.
 */
const BIN = fileURLToPath(new URL('../../bin/cooplab.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const REGISTERED = existsSync(MAIN) && readFileSync(MAIN, 'utf8').includes('addPlayCommand');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `cooplab-play-test-${process.pid}`;

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

async function waitFor(predicate: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = tmux('capture-pane', '-p', '-t', 'play');
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(!REGISTERED)('cooplab play', () => {
  it('needs an interactive terminal', () => {
    const run = cooplab(['play', '--opponent', 'tit-for-tat']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cooplab: play needs an interactive terminal\n');
  });

  it('rejects an unknown activity or opponent before anything else', () => {
    expect(cooplab(['play', '--activity', 'golf']).stderr).toMatch(/^cooplab: unknown activity 'golf': expected one of 'training', 'technology-exchange'/);
    expect(cooplab(['play', '--opponent', 'tit-for-tatt']).stderr).toMatch(/did you mean 'tit-for-tat'/);
  });

  it.skipIf(!HAS_TMUX)(
    'plays by key in a terminal, reveals the opponent and restores the screen on q',
    async () => {
      const command = `env -u CI NO_COLOR=1 '${process.execPath}' '${BIN}' play --opponent tit-for-tat --rounds 2 --seed 1; echo "EXIT=$?"; sleep 30`;
      tmux('new-session', '-d', '-s', 'play', '-x', '120', '-y', '40', command);
      await waitFor((text) => text.includes('round 1 of 2'), 'the first round');
      tmux('send-keys', '-t', 'play', 'c');
      await waitFor((text) => text.includes('round 2 of 2'), 'the second round');
      tmux('send-keys', '-t', 'play', 'd');
      const reveal = await waitFor((text) => text.includes('Your opponent was'), 'the reveal');
      expect(reveal).toContain('Your opponent was Tit For Tat (tit-for-tat)');
      expect(reveal).toContain('You scored 8, your opponent 3.');
      expect(reveal).toContain('← you');
      tmux('send-keys', '-t', 'play', 'q');
      const after = await waitFor((text) => text.includes('EXIT='), 'the process to exit');
      expect(after).toContain('cooplab play: you 8, Tit For Tat (tit-for-tat) 3 over 2 rounds; seed 1');
      expect(after).toContain('EXIT=0');
      expect(tmux('display-message', '-p', '-t', 'play', '#{alternate_on}').trim()).toBe('0');
    },
    30_000,
  );
});
