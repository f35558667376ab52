import { describe, expect, it } from 'vitest';
import playShare, { playClaimedSlices, sliceStart } from '../../src/cli/tournament-worker.js';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { OUTCOME_SIZE } from '../../src/core/match.js';
import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../../src/core/tournament.js';
import { classicStrategies } from '../../strategies/registry.js';

const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 50, probEnd: undefined, noise: 0.05, repetitions: 3, selfPlay: true, seed: 8 };
const ids = classicStrategies.map((strategy) => strategy.id);
const SLICES = 5;

function reference(seed: number): Float64Array {
  const table = new MatchTable(ids.length, settings.repetitions, settings.selfPlay);
  playMatches(table, prepareContestants(classicStrategies, settings.game), { ...settings, seed });
  return table.outcomes;
}

function shared() {
  const size = new MatchTable(ids.length, settings.repetitions, settings.selfPlay).size;
  return {
    outcomes: new Float64Array(new SharedArrayBuffer(size * OUTCOME_SIZE * Float64Array.BYTES_PER_ELEMENT)),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    slices: SLICES,
  };
}

describe('a tournament worker', () => {
  it('plays the slices left to claim, in place, and another thread the ones it claimed first: together the one-thread table', async () => {
    for (const seed of [8, 9]) {
      const slices = shared();
      const size = slices.outcomes.length / OUTCOME_SIZE;
      // Another thread has claimed slices 0 and 1 and not played them yet.
      slices.next[0] = 2;
      const found = await playShare({ ...slices, strategyIds: ids, moduleFiles: [], trusted: false, settings: { ...settings, seed } });
      expect(found).toEqual([]);
      expect(slices.next[0]).toBeGreaterThanOrEqual(SLICES);
      expect(slices.outcomes.subarray(0, sliceStart(2, size, SLICES) * OUTCOME_SIZE).every((value) => value === 0)).toBe(true);
      // The other thread plays its two, on its own table over the same outcomes.
      const own = new MatchTable(ids.length, settings.repetitions, settings.selfPlay, slices.outcomes);
      const contestants = prepareContestants(classicStrategies, settings.game);
      for (const k of [1, 0]) playMatches(own, contestants, { ...settings, seed }, sliceStart(k, size, SLICES), sliceStart(k + 1, size, SLICES));
      expect([...slices.outcomes]).toEqual([...reference(seed)]);
      // Nothing is left to claim: a late thread plays nothing.
      expect(playClaimedSlices(own, contestants, { ...settings, seed }, slices)).toEqual([]);
    }
  });
});
