import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLASSIC_GAME, type Game } from '../../src/core/game.js';
import { fieldAgainst, InteractiveMatch, type InteractiveMatchSettings } from '../../src/core/interactive-match.js';
import { builtinStrategies } from '../../strategies/registry.js';
import { makeTheme } from '../../src/theme/theme.js';
import { condense, ordinal } from '../../src/ui/play/model.js';
import { PlayApp } from '../../src/ui/play/app.js';
import type { PlayInfo } from '../../src/ui/play/info.js';
import { PlayScreen } from '../../src/ui/play/screen.js';
import { builtin } from '../support/play.js';
import { keysReady, press } from '../support/ink.js';

const colour = makeTheme(true);
const plain = makeTheme(false);
const level = chalk.level;

beforeAll(() => {
  chalk.level = 3; // as in a colour terminal: NO_COLOR must still give plain frames
});
afterAll(() => {
  chalk.level = level;
});

function game(opponentId: string, rounds: number, options: { hidden?: boolean; game?: Game; probEnd?: number } = {}) {
  const opponent = builtin(opponentId);
  const settings: InteractiveMatchSettings = { game: options.game ?? CLASSIC_GAME, rounds, probEnd: options.probEnd, seed: 8 };
  const match = new InteractiveMatch(opponent, settings);
  const info: PlayInfo = {
    opponent,
    hidden: options.hidden ?? false,
    game: settings.game,
    probEnd: settings.probEnd,
    seed: settings.seed,
    field: fieldAgainst(
      opponent,
      builtinStrategies.filter((strategy) => strategy.id !== opponent.id),
      settings,
    ),
  };
  return { match, info };
}

describe('play mode', () => {
  it('shows the payoff matrix, the round counter and the keys before the first move', () => {
    const { match, info } = game('tit-for-tat', 3, { hidden: true });
    const { lastFrame } = render(<PlayApp source={match} info={info} theme={plain} columns={120} rows={40} />);
    const frame = lastFrame()!;
    expect(frame).toContain('round 1 of 3');
    expect(frame).toContain('against a hidden strategy');
    expect(frame).not.toContain('Tit For Tat');
    expect(frame).toMatch(/you C\s+3, 3\s+0, 5/);
    expect(frame).toMatch(/you D\s+5, 0\s+1, 1/);
    expect(frame).toContain('C co-operate   D defect   q quit');
  });

  it('plays a round on each c or d, updating both histories and the scores', async () => {
    const { match, info } = game('tit-for-tat', 5);
    const view = render(<PlayApp source={match} info={info} theme={plain} columns={120} rows={40} />);
    expect(await press(view, 'c', 'round 2 of 5')).toMatch(/you\s+3\s/);
    await press(view, 'D', 'round 3 of 5');
    view.stdin.write('x'); // not a move: Ink runs the handler as the key is written
    const frame = view.lastFrame()!;
    expect(frame).toMatch(/you\s+C\s+D\n/);
    expect(frame).toMatch(/them\s+C\s+C\n/);
    expect(frame).toMatch(/points\s+3\s+5\n/);
    expect(frame).toMatch(/you\s+8\s/);
    expect(frame).toMatch(/them\s+3\s/);
    expect(frame).toContain('Round 2: you defected, they co-operated: you +5, them +0.');
    expect(match.state.played).toBe(2);
  });

  it('reveals the opponent at the end and places the player among the other strategies', async () => {
    const { match, info } = game('tit-for-tat', 3, { hidden: true });
    const view = render(<PlayApp source={match} info={info} theme={plain} columns={120} rows={66} />);
    await press(view, 'c', 'round 2 of 3');
    await press(view, 'c', 'round 3 of 3');
    const frame = await press(view, 'd', 'game over after 3 rounds');
    expect(frame).toContain('Your opponent was Tit For Tat (tit-for-tat)');
    expect(frame).toContain(builtin('tit-for-tat').description.slice(0, 40));
    expect(frame).toContain('Anatol Rapoport');
    expect(frame).toContain('You scored 11, your opponent 6.');
    expect(frame).toMatch(/▶\s+\d+\s+you\s+11\s+6\s+← you, \d+(st|nd|rd|th) of 46/);
    // Every other built-in fits on a 66-row screen, sorted by score.
    for (const strategy of builtinStrategies.filter((candidate) => candidate.id !== 'tit-for-tat')) expect(frame).toContain(strategy.id);
    expect(frame).toMatch(/\n\s+\d+\s+cooperator\s+9\s+9\n/);
    // Further moves do nothing; q still quits.
    view.stdin.write('c');
    expect(match.state.played).toBe(3);
  });

  it('condenses the field around the player on a short screen', async () => {
    const { match, info } = game('defector', 2);
    const view = render(<PlayApp source={match} info={info} theme={plain} columns={100} rows={30} />);
    await press(view, 'd', 'round 2 of 2');
    const frame = await press(view, 'd', '← you');
    expect(frame).toMatch(/… \d+ more/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(30);
  });

  it('quits on q', async () => {
    const { match, info } = game('grudger', 4);
    const onQuit = vi.fn();
    const view = render(<PlayApp source={match} info={info} theme={plain} columns={120} rows={40} onQuit={onQuit} />);
    await keysReady(view);
    view.stdin.write('q');
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('hides the length of a probabilistic game and shows decimal payoffs of an activity', () => {
    const training = { R: 1, S: -0.3, T: 1.3, P: 0 };
    const { match, info } = game('raise-the-stakes', 10, { game: training, probEnd: 0.1 });
    const withActivity = { ...info, activity: { name: 'training', lowRisk: true } };
    const frame = render(<PlayScreen state={match.state} info={withActivity} theme={plain} columns={120} rows={40} />).lastFrame()!;
    expect(frame).toContain('the game may end after any round (p = 0.1)');
    expect(frame).not.toMatch(/of \d+/);
    expect(frame).toContain('activity training (low-risk, trust 0.5, no sanctions)');
    expect(frame).toMatch(/you C\s+1, 1\s+-0.3, 1.3/);
  });

  it('stacks the payoffs and the score in one column below 100 columns', () => {
    const { match, info } = game('tit-for-tat', 3);
    const lines = render(<PlayScreen state={match.state} info={info} theme={plain} columns={80} rows={40} />)
      .lastFrame()!
      .split('\n');
    const payoffs = lines.findIndex((line) => line.includes('you D'));
    const score = lines.findIndex((line) => line.includes('Score'));
    expect(score).toBeGreaterThan(payoffs);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('colours C and D with colour and writes no escape codes under NO_COLOR', () => {
    const { match, info } = game('alternator', 2);
    match.play('C');
    const coloured = render(<PlayScreen state={match.state} info={info} theme={colour} columns={120} rows={40} />).lastFrame()!;
    expect(coloured).toContain('\u001b[');
    const during = render(<PlayScreen state={match.state} info={info} theme={plain} columns={120} rows={40} />).lastFrame()!;
    match.play('D');
    const reveal = render(<PlayScreen state={match.state} info={info} theme={plain} columns={120} rows={40} />).lastFrame()!;
    for (const frame of [during, reveal]) expect(frame).not.toContain('\u001b');
    expect(reveal).toContain('Your opponent was Alternator');
  });
});

describe('play layout helpers', () => {
  it('condenses a long list to head, a window around the focus and tail', () => {
    const items = Array.from({ length: 40 }, (_, index) => index);
    const lines = condense(items, 25, 16);
    expect(lines.length).toBeLessThanOrEqual(16);
    const shown = lines.flatMap((line) => (line.kind === 'item' ? [line.item] : []));
    expect(shown).toContain(25);
    expect(shown[0]).toBe(0);
    expect(shown.at(-1)).toBe(39);
    const hidden = lines.reduce((sum, line) => sum + (line.kind === 'gap' ? line.hidden : 0), 0);
    expect(hidden + shown.length).toBe(40);
    expect(condense(items.slice(0, 5), 2, 16)).toHaveLength(5);
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 41].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '41st']);
  });
});
