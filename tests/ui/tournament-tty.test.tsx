import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * End to end in a real pseudo-terminal: `cooplab tournament` opens the live view in tmux,
 * takes keys, and on q leaves the alternate screen and prints the plain table. Needs tmux
 * and the built CLI (npm test builds first).
 */
const BIN = fileURLToPath(new URL('../../bin/cooplab.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../dist/src/ui/tournament/launch.js', import.meta.url)));
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `cooplab-test-${process.pid}`;

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

const screen = () => tmux('capture-pane', '-p', '-t', 'view');

async function waitFor(predicate: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(!HAS_TMUX || !BUILT)('cooplab tournament in a terminal', () => {
  it('shows the live view, the heatmap on m, and on q restores the screen and prints the table', async () => {
    // Outside CI (where neither cooplab nor Ink draws live); NO_COLOR keeps the capture plain.
    const command = `env -u CI NO_COLOR=1 '${process.execPath}' '${BIN}' tournament -s tit-for-tat,defector,grudger,cooperator -r 3; echo "EXIT=$?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'view', '-x', '120', '-y', '40', command);
    const final = await waitFor((text) => text.includes('final table'), 'the final table');
    expect(final).toContain('cooplab tournament');
    expect(final).toMatch(/30\/30 matches\s+done in/);
    expect(tmux('display-message', '-p', '-t', 'view', '#{alternate_on}').trim()).toBe('1');
    tmux('send-keys', '-t', 'view', 'm');
    await waitFor((text) => text.includes('row’s score per turn against column'), 'the heatmap');
    tmux('send-keys', '-t', 'view', 'q');
    const after = await waitFor((text) => text.includes('EXIT='), 'the process to exit');
    expect(after).toContain('EXIT=0');
    expect(after).toContain('Round-robin tournament: 4 strategies');
    expect(after).toMatch(/1\s+defector\s+2\.347/);
    expect(after).not.toContain('row’s score per turn');
    expect(tmux('display-message', '-p', '-t', 'view', '#{alternate_on}').trim()).toBe('0');
    expect(tmux('display-message', '-p', '-t', 'view', '#{cursor_flag}').trim()).toBe('1');
  }, 30_000);

  it('prints the plain output with --format, even in a terminal', async () => {
    const command = `env -u CI '${process.execPath}' '${BIN}' tournament -s tit-for-tat,defector -r 2 -f csv; echo "EXIT=$?"; sleep 30`;
    tmux('new-session', '-d', '-s', 'plain', '-x', '120', '-y', '40', command);
    const deadline = Date.now() + 15_000;
    let text = '';
    while (!text.includes('EXIT=') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      text = tmux('capture-pane', '-p', '-t', 'plain');
    }
    expect(text).toContain('repetition,player,opponent');
    expect(text).toContain('EXIT=0');
  }, 30_000);
});
