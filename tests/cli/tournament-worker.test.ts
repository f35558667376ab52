import { describe, expect, it } from 'vitest';
import playSlice from '../../src/cli/tournament-worker.js';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { OUTCOME_SIZE } from '../../src/core/match.js';
import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../../src/core/tournament.js';
import { classicStrategies } from '../../strategies/registry.js';

const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 50, probEnd: undefined, noise: 0.05, repetitions: 3, selfPlay: true, seed: 8 };
const ids = classicStrategies.map((strategy) => strategy.id);

function reference(seed: number): Float64Array {
  const table = new MatchTable(ids.length, settings.repetitions, settings.selfPlay);
  playMatches(table, prepareContestants(classicStrategies, settings.game), { ...settings, seed });
  return table.outcomes;
}

function sharedOutcomes(): Float64Array {
  const size = new MatchTable(ids.length, settings.repetitions, settings.selfPlay).size;
  return new Float64Array(new SharedArrayBuffer(size * OUTCOME_SIZE * Float64Array.BYTES_PER_ELEMENT));
}

describe('a tournament worker', () => {
  it('writes its slices in place, whatever order it plays them in, and keeps each tournament apart', async () => {
    for (const [tournament, seed] of [
      ['first', 8],
      ['second', 9],
    ] as const) {
      const outcomes = sharedOutcomes();
      const size = outcomes.length / OUTCOME_SIZE;
      const bounds = [0, Math.floor(size / 3), Math.floor((2 * size) / 3), size];
      for (const k of [2, 0, 1]) {
        const result = await playSlice({
          tournament,
          strategyIds: ids,
          moduleFiles: [],
          trusted: false,
          settings: { ...settings, seed },
          outcomes,
          from: bounds[k]!,
          to: bounds[k + 1]!,
        });
        expect(result).toEqual({ from: bounds[k], disqualified: [] });
      }
      expect([...outcomes]).toEqual([...reference(seed)]);
    }
  });
});
