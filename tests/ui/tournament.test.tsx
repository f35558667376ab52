import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { ProgressiveTournament, type TournamentProgress } from '../../src/core/progressive-tournament.js';
import type { TournamentSettings } from '../../src/core/tournament.js';
import { classicStrategies } from '../../strategies/registry.js';
import { makeTheme } from '../../src/theme/theme.js';
import { heatmapGeometry, scoreBar } from '../../src/ui/tournament/model.js';
import { TournamentApp } from '../../src/ui/tournament/app.js';
import { TournamentScreen } from '../../src/ui/tournament/screen.js';
import type { TournamentSource } from '../../src/ui/tournament/source.js';
import { frameWith, press, resize } from '../support/ink.js';

const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 40, noise: 0.05, repetitions: 5, selfPlay: true, seed: 2 };
const strategies = classicStrategies.slice(0, 5);
const colour = makeTheme(true);
const plain = makeTheme(false);
const ESCAPE = '\u001b[';

let finished: TournamentProgress;
let midway: TournamentProgress;
const level = chalk.level;

beforeAll(async () => {
  // Ink colours through chalk, which finds no terminal under vitest: force colour so the
  // NO_COLOR tests show that the views themselves add no escape codes.
  chalk.level = 3;
  const driver = new ProgressiveTournament(strategies, settings, { sliceMs: 0.01, emitEveryMs: 0 });
  const states: TournamentProgress[] = [];
  driver.subscribe((progress) => states.push(progress));
  finished = await driver.run();
  midway = states.find((state) => state.repetitionsDone >= 2 && !state.finished)!;
});

afterAll(() => {
  chalk.level = level;
});

/** A source that holds a fixed state: the screen only renders what it is given. */
function fixedSource(progress: TournamentProgress): TournamentSource & { stop: Mock<() => void> } {
  return { progress, subscribe: () => () => undefined, stop: vi.fn<() => void>() };
}

const strip = (frame: string | undefined) => (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '');

describe('tournament view frames', () => {
  it('shows progress, time left and a leaderboard with intervals while it runs', () => {
    const { lastFrame } = render(<TournamentScreen progress={midway} theme={plain} columns={120} rows={40} panel="table" scroll={0} />);
    const frame = lastFrame()!;
    expect(frame).toContain('cooplab tournament');
    expect(frame).toMatch(new RegExp(`\\s${midway.played}/${midway.total} matches`));
    expect(frame).toMatch(/~\d+(\.\d)? s left|~\d+ min/);
    expect(frame).toContain(`repetition ${midway.repetitionsDone + 1} of 5`);
    expect(frame).toContain('Settings'); // the side panel of the wide layout
    for (const strategy of strategies) expect(frame).toContain(strategy.id);
    expect(frame).toMatch(/\d\.\d{3}–\d\.\d{3}/); // a 95% interval
    expect(frame).toContain('█');
  });

  it('shows the final table in ranking order when done', () => {
    const { lastFrame } = render(<TournamentScreen progress={finished} theme={plain} columns={120} rows={40} panel="table" scroll={0} />);
    const frame = lastFrame()!;
    expect(frame).toContain(`${finished.total}/${finished.total} matches  done in`);
    expect(frame).toContain('final table');
    const positions = finished.result.ranking.map((id) => frame.indexOf(` ${id} `));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const leader = finished.result.summaries.find((summary) => summary.rank === 1)!;
    expect(frame).toMatch(new RegExp(`  1 ${leader.id}\\s+${leader.meanPerTurn.toFixed(3)}`));
  });

  it('shows the score matrix as a heatmap, ranked, with numbers and a legend', () => {
    const { lastFrame } = render(<TournamentScreen progress={finished} theme={plain} columns={120} rows={40} panel="matrix" scroll={0} />);
    const frame = lastFrame()!;
    const leader = finished.result.ranking[0]!;
    const first = strategies.findIndex((strategy) => strategy.id === leader);
    expect(frame).toContain(` 1 ${leader}`);
    expect(frame).toContain(finished.perTurn[first]![first]!.toFixed(2));
    expect(frame).toContain('row’s score per turn against column');
    expect(frame).toMatch(/[░▒▓█]/); // shades say what colour would
  });

  it('uses a single column and shorter bars below 100 columns', () => {
    const wide = render(<TournamentScreen progress={finished} theme={plain} columns={120} rows={40} panel="table" scroll={0} />).lastFrame()!;
    const narrow = render(<TournamentScreen progress={finished} theme={plain} columns={80} rows={30} panel="table" scroll={0} />).lastFrame()!;
    for (const columns of [80, 99, 100, 119, 120, 130]) {
      const frame = render(<TournamentScreen progress={finished} theme={plain} columns={columns} rows={30} panel="table" scroll={0} />).lastFrame()!;
      // Ink wraps what is too wide: every row must end with its last column on its own line.
      const rows = frame.split('\n').filter((line) => /^\s+\d+ [a-z]/.test(line));
      expect(rows).toHaveLength(strategies.length);
      for (const row of rows) expect(row).toMatch(columns < 100 ? /±\d\.\d{3}$/ : /%\s+\d+(\s+\S.*)?$/);
    }
    expect(narrow).not.toContain('Settings');
    expect(narrow).toContain('±95%');
    expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    const longestBar = (frame: string) =>
      Math.max(
        ...frame
          .split('\n')
          .filter((line) => /^\s+\d+ [a-z]/.test(line))
          .map((line) => Math.max(...(line.match(/[█▓▏▎▍▌▋▊▉]+/g) ?? ['']).map((bar) => bar.length))),
      );
    expect(longestBar(narrow)).toBeLessThan(longestBar(wide));
    expect(longestBar(narrow)).toBeLessThanOrEqual(20);
  });

  it('lists what does not fit below the board and scrolls to it', () => {
    const { lastFrame } = render(<TournamentScreen progress={finished} theme={plain} columns={120} rows={11} panel="table" scroll={0} />);
    expect(lastFrame()).toMatch(/… \d more below/);
    const scrolled = render(<TournamentScreen progress={finished} theme={plain} columns={120} rows={11} panel="table" scroll={10} />).lastFrame()!;
    expect(scrolled).toContain(finished.result.ranking.at(-1)!);
    expect(scrolled).not.toMatch(/more below/);
  });
});

describe('tournament view keys and resize', () => {
  it('switches to the heatmap and back on m, and quits on q', async () => {
    const source = fixedSource(finished);
    const onQuit = vi.fn();
    const view = render(<TournamentApp source={source} theme={plain} columns={120} rows={40} onQuit={onQuit} />);
    expect(view.lastFrame()).toContain('m score matrix');
    expect(await press(view, 'm', 'row’s score per turn against column')).toContain('m leaderboard');
    await press(view, 'm', 'm score matrix');
    view.stdin.write('q');
    expect(source.stop).toHaveBeenCalled();
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('follows a running tournament to its final table', async () => {
    const driver = new ProgressiveTournament(strategies, settings, { sliceMs: 1, emitEveryMs: 0 });
    const view = render(<TournamentApp source={driver} theme={plain} columns={120} rows={40} />);
    expect(view.lastFrame()).toContain(`0/${driver.progress.total} matches`);
    await driver.run();
    await frameWith(view, 'final table');
    expect(view.frames.length).toBeGreaterThan(2);
  });

  it('switches layout when the terminal is resized', async () => {
    const view = render(<TournamentApp source={fixedSource(finished)} theme={plain} />);
    // The test terminal is 100 columns wide: the wide table, without the side panel.
    expect(view.lastFrame()).toContain('95% CI');
    expect(view.lastFrame()).not.toContain('Settings');
    expect(await resize(view, 70, '±95%')).not.toContain('95% CI');
    await resize(view, 130, 'Settings');
  });
});

describe('NO_COLOR', () => {
  it('draws with colour when the theme has it', () => {
    const table = render(<TournamentScreen progress={finished} theme={colour} columns={120} rows={40} panel="table" scroll={0} />).lastFrame()!;
    const matrix = render(<TournamentScreen progress={finished} theme={colour} columns={120} rows={40} panel="matrix" scroll={0} />).lastFrame()!;
    expect(table).toContain(ESCAPE);
    expect(matrix).toContain(`${ESCAPE}48;2;`); // heatmap backgrounds
  });

  it('writes no escape codes at all without colour, in every panel and layout', () => {
    for (const panel of ['table', 'matrix'] as const) {
      for (const columns of [120, 80]) {
        for (const progress of [midway, finished]) {
          const frame = render(<TournamentScreen progress={progress} theme={plain} columns={columns} rows={40} panel={panel} scroll={0} />).lastFrame()!;
          expect(frame).not.toContain('\u001b');
          expect(strip(frame)).toBe(frame);
        }
      }
    }
  });
});

describe('bars and cells', () => {
  it('draws the mean as a bar, the interval below it shaded and above it as a whisker', () => {
    const segments = scoreBar(2.5, [1.5, 3.75], 0, 5, 10);
    expect(segments.map((segment) => segment.text).join('')).toBe('███▓▓──┤  ');
    expect(segments.map((segment) => segment.role)).toEqual(['bar', 'interval', 'whisker', 'empty']);
    expect(
      scoreBar(2.5, undefined, 0, 5, 10)
        .map((segment) => segment.text)
        .join(''),
    ).toBe('█████     ');
    expect(scoreBar(Number.NaN, undefined, 0, 5, 4)).toEqual([{ text: '    ', role: 'empty' }]);
    for (const mean of [0, 0.3, 1.7, 4.99, 5, 7]) {
      expect(
        scoreBar(mean, [mean - 0.4, mean + 0.4], 0, 5, 13)
          .map((segment) => segment.text)
          .join(''),
      ).toHaveLength(13);
    }
  });

  it('gives heatmap cells numbers while they fit, colour alone after', () => {
    expect(heatmapGeometry(12, 120, 22)).toEqual({ cell: 6, digits: 2, label: 22 });
    expect(heatmapGeometry(12, 80, 22)).toMatchObject({ cell: 5, digits: 1 });
    expect(heatmapGeometry(41, 120, 28)).toMatchObject({ cell: 2, digits: undefined });
  });
});
