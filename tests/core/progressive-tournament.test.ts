import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { ProgressiveTournament, type TournamentProgress } from '../../src/core/progressive-tournament.js';
import { runTournament, type TournamentSettings } from '../../src/core/tournament.js';
import { classicStrategies } from '../../strategies/registry.js';

const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 50, noise: 0.05, repetitions: 4, selfPlay: true, seed: 9 };
const strategies = classicStrategies.slice(0, 6);

describe('ProgressiveTournament', () => {
  it('plays in slices and ends with exactly the result of runTournament', async () => {
    const driver = new ProgressiveTournament(strategies, settings, { sliceMs: 0.01, emitEveryMs: 0 });
    const seen: TournamentProgress[] = [];
    driver.subscribe((progress) => seen.push(progress));
    const final = await driver.run();
    const expected = runTournament(strategies, settings);
    expect(final.finished).toBe(true);
    expect(final.stopped).toBe(false);
    expect(final.played).toBe(final.total);
    expect(final.result.ranking).toEqual(expected.ranking);
    expect(final.result.summaries).toEqual(expected.summaries);
    expect(final.result.matrix).toEqual(expected.matrix);
    expect(driver.progress).toBe(final);
    // Several intermediate states, each with more matches, an estimate of time left once started.
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.played).toBeGreaterThan(seen[i - 1]!.played);
    expect(seen[0]!.remainingMs).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toBe(final);
  });

  it('yields to the event loop between slices, so a stop() from a timer or a key lands mid-run', async () => {
    let slices = 0;
    const driver = new ProgressiveTournament(strategies, settings, {
      sliceMs: 0.01,
      emitEveryMs: 0,
      yieldToEventLoop: (resume) => {
        slices++;
        if (slices === 3) driver.stop();
        setImmediate(resume);
      },
    });
    const final = await driver.run();
    expect(final.stopped).toBe(true);
    expect(final.finished).toBe(false);
    expect(final.played).toBeGreaterThan(0);
    expect(final.played).toBeLessThan(final.total);
    expect(driver.table.played).toBe(final.played);
  });

  it('counts complete repetitions and keeps the score per turn of every pair', async () => {
    const driver = new ProgressiveTournament(strategies, { ...settings, noise: 0 });
    const final = await driver.run();
    expect(final.repetitionsDone).toBe(settings.repetitions);
    const { matrix } = final.result;
    for (let i = 0; i < strategies.length; i++) {
      for (let j = 0; j < strategies.length; j++) expect(final.perTurn[i]![j]).toBeCloseTo(matrix[i]![j]! / settings.turns, 12);
    }
  });

  it('starts with an empty state that every view can render', () => {
    const driver = new ProgressiveTournament(strategies, settings);
    expect(driver.progress).toMatchObject({ played: 0, total: 21 * 4, repetitionsDone: 0, finished: false, remainingMs: undefined });
    expect(driver.progress.perTurn.flat().every((value) => value === null)).toBe(true);
  });
});
