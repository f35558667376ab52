import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { Terminal } from '../support/tmux.js';
import { hasTmux } from '../support/tools.js';

/**
 * End to end in a real pseudo-terminal: `cooplab tournament` opens the live view in tmux,
 * takes keys, and on q leaves the alternate screen and prints the plain table.
 */
const terminal = new Terminal('tournament');

afterAll(() => terminal.kill());

describe.runIf(hasTmux('the tournament terminal tests'))('cooplab tournament in a terminal', () => {
  it('shows the live view, the heatmap on m, and on q restores the screen and prints the table', async () => {
    // NO_COLOR keeps the capture plain.
    terminal.start('view', `NO_COLOR=1 '${process.execPath}' '${BIN}' tournament -s tit-for-tat,defector,grudger,cooperator -r 3`);
    const final = await terminal.waitFor('view', (text) => text.includes('final table'), 'the final table');
    expect(final).toContain('cooplab tournament');
    expect(final).toMatch(/30\/30 matches\s+done in/);
    expect(terminal.flag('view', 'alternate_on')).toBe('1');
    terminal.keys('view', 'm');
    await terminal.waitFor('view', (text) => text.includes('row’s score per turn against column'), 'the heatmap');
    terminal.keys('view', 'q');
    const after = await terminal.exited('view');
    expect(after).toContain('EXIT=0');
    expect(after).toContain('Round-robin tournament: 4 strategies');
    expect(after).toMatch(/1\s+defector\s+2\.347/);
    expect(after).not.toContain('row’s score per turn');
    expect(terminal.flag('view', 'alternate_on')).toBe('0');
    expect(terminal.flag('view', 'cursor_flag')).toBe('1');
  });

  it('prints the plain output with --format, even in a terminal', async () => {
    terminal.start('plain', `'${process.execPath}' '${BIN}' tournament -s tit-for-tat,defector -r 2 -f csv`);
    const text = await terminal.exited('plain');
    expect(text).toContain('repetition,player,opponent');
    expect(text).toContain('EXIT=0');
  });
});
