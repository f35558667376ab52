import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cooplab } from '../support/cli.js';
import { Terminal } from '../support/tmux.js';
import { hasTmux } from '../support/tools.js';

/**
 * `cooplab play` end to end: one line and exit code 2 without a terminal; in a real
 * pseudo-terminal (tmux), C and D play rounds, the opponent is revealed, and q restores the
 * screen and leaves the outcome.
 */
const terminal = new Terminal('play');

afterAll(() => terminal.kill());

describe('cooplab play', () => {
  it('needs an interactive terminal', () => {
    const run = cooplab(['play', '--opponent', 'tit-for-tat']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cooplab: play needs an interactive terminal\n');
  });

  it('rejects an unknown activity or opponent before anything else', () => {
    expect(cooplab(['play', '--activity', 'golf']).stderr).toMatch(/^cooplab: unknown activity 'golf': expected one of 'training', 'technology-exchange'/);
    expect(cooplab(['play', '--opponent', 'tit-for-tatt']).stderr).toMatch(/did you mean 'tit-for-tat'/);
  });

  it.runIf(hasTmux('the play terminal test'))('plays by key in a terminal, reveals the opponent and restores the screen on q', async () => {
    terminal.start('play', `NO_COLOR=1 '${process.execPath}' '${BIN}' play --opponent tit-for-tat --rounds 2 --seed 1`);
    await terminal.waitFor('play', (text) => text.includes('round 1 of 2'), 'the first round');
    terminal.keys('play', 'c');
    await terminal.waitFor('play', (text) => text.includes('round 2 of 2'), 'the second round');
    terminal.keys('play', 'd');
    const reveal = await terminal.waitFor('play', (text) => text.includes('Your opponent was'), 'the reveal');
    expect(reveal).toContain('Your opponent was Tit For Tat (tit-for-tat)');
    expect(reveal).toContain('You scored 8, your opponent 3.');
    expect(reveal).toContain('← you');
    terminal.keys('play', 'q');
    const after = await terminal.exited('play');
    expect(after).toContain('cooplab play: you 8, Tit For Tat (tit-for-tat) 3 over 2 rounds; seed 1');
    expect(after).toContain('EXIT=0');
    expect(terminal.flag('play', 'alternate_on')).toBe('0');
  });
});
