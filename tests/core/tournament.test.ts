import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { MatchTable, runTournament, type TournamentSettings } from '../../src/core/tournament.js';
import { classicStrategies } from '../../strategies/registry.js';
import { builtin } from '../support/play.js';

const settings: TournamentSettings = {
  game: CLASSIC_GAME,
  turns: 200,
  probEnd: undefined,
  noise: 0,
  repetitions: 3,
  selfPlay: true,
  seed: 1,
};

describe('round robin', () => {
  it('plans every pair once per repetition, with or without self-play', () => {
    expect(new MatchTable(4, 2, true).size).toBe(2 * 10);
    expect(new MatchTable(4, 2, false).size).toBe(2 * 6);
    const table = new MatchTable(3, 2, false);
    expect(Array.from(table.first, (first, index) => `${table.repetition[index]}:${first}${table.second[index]}`)).toEqual([
      '0:01',
      '0:02',
      '0:12',
      '1:01',
      '1:02',
      '1:12',
    ]);
  });

  it('gives the exact score matrix of a deterministic tournament', () => {
    const result = runTournament(['tit-for-tat', 'defector', 'cooperator'].map(builtin), settings);
    expect(result.matrix).toEqual([
      [600, 199, 600],
      [204, 200, 1000],
      [600, 0, 600],
    ]);
    // Per turn over non-self matches: TFT (199 + 600) / 400, defector (204 + 1000) / 400, cooperator (0 + 600) / 400.
    expect(result.summaries.map((summary) => summary.meanPerTurn)).toEqual([799 / 400, 1204 / 400, 600 / 400]);
    expect(result.ranking).toEqual(['defector', 'tit-for-tat', 'cooperator']);
    expect(result.summaries.map((summary) => summary.wins)).toEqual([0, 6, 0]);
    expect(result.summaries.map((summary) => summary.cooperationRate)).toEqual([201 / 400, 0, 1]);
    expect(result.summaries[0]!.ci95).toEqual([799 / 400, 799 / 400]);
  });

  it('breaks ties by the order given', () => {
    const result = runTournament(['grudger', 'tit-for-tat', 'cooperator'].map(builtin), { ...settings, selfPlay: false });
    expect(result.summaries[0]!.meanPerTurn).toBe(result.summaries[1]!.meanPerTurn);
    expect(result.ranking.slice(0, 2)).toEqual(['grudger', 'tit-for-tat']);
    const reversed = runTournament(['tit-for-tat', 'grudger', 'cooperator'].map(builtin), { ...settings, selfPlay: false });
    expect(reversed.ranking.slice(0, 2)).toEqual(['tit-for-tat', 'grudger']);
  });

  it('leaves the diagonal empty without self-play', () => {
    const result = runTournament(['tit-for-tat', 'defector'].map(builtin), { ...settings, selfPlay: false });
    expect(result.matrix).toEqual([
      [null, 199],
      [204, null],
    ]);
    expect(result.matches).toHaveLength(3);
  });

  it('computes a 95% interval across repetitions when results vary', () => {
    const result = runTournament(classicStrategies, { ...settings, noise: 0.05, repetitions: 10 });
    for (const summary of result.summaries) {
      const [low, high] = summary.ci95!;
      expect(low).toBeLessThan(summary.meanPerTurn);
      expect(high).toBeGreaterThan(summary.meanPerTurn);
      expect(high - low).toBeLessThan(0.5);
    }
  });
});

describe('reproducibility', () => {
  const noisy = { ...settings, noise: 0.05, repetitions: 5, seed: 42 };

  it('gives identical results for the same seed and different ones for another', () => {
    const a = runTournament(classicStrategies, noisy);
    const b = runTournament(classicStrategies, noisy);
    const c = runTournament(classicStrategies, { ...noisy, seed: 43 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.matrix).not.toEqual(a.matrix);
  });

  it('plays each match the same whatever the order the strategies are listed in', () => {
    const forward = runTournament(classicStrategies, noisy);
    const backward = runTournament([...classicStrategies].reverse(), noisy);
    const n = classicStrategies.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        expect(backward.matrix[n - 1 - i]![n - 1 - j]).toBe(forward.matrix[i]![j]);
      }
    }
  });

  it('plays a probabilistic end the same way for the same seed', () => {
    const a = runTournament(classicStrategies.slice(0, 4), { ...noisy, probEnd: 0.02 });
    const b = runTournament(classicStrategies.slice(0, 4), { ...noisy, probEnd: 0.02 });
    expect(b.matches).toEqual(a.matches);
    const lengths = new Set(a.matches.map((match) => match.turns));
    expect(lengths.size).toBeGreaterThan(5);
  });
});
