import { describe, expect, it } from 'vitest';
import playShare, { playClaimedSlices, sliceStart } from '../../src/cli/tournament-worker.js';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { OUTCOME_SIZE } from '../../src/core/match.js';
import {
  addToTotals,
  emptyTotals,
  MatchTable,
  mergeTotals,
  playMatches,
  prepareContestants,
  summarizeTournament,
  summaryFromTotals,
  totalsAreExact,
  type TournamentSettings,
} from '../../src/core/tournament.js';
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
  const plan = new MatchTable(ids.length, settings.repetitions, settings.selfPlay, undefined, 'shared');
  return {
    outcomes: new Float64Array(new SharedArrayBuffer(plan.size * OUTCOME_SIZE * Float64Array.BYTES_PER_ELEMENT)),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    slices: SLICES,
    plan: { repetition: plan.repetition, first: plan.first, second: plan.second },
  };
}

describe('a tournament worker', () => {
  it('plays the slices left to claim, in place, and another thread the ones it claimed first: together the one-thread table and its summary', async () => {
    for (const seed of [8, 9]) {
      const slices = shared();
      const size = slices.outcomes.length / OUTCOME_SIZE;
      // Another thread has claimed slices 0 and 1 and not played them yet.
      slices.next[0] = 2;
      const found = await playShare({ ...slices, strategyIds: ids, moduleFiles: [], trusted: false, settings: { ...settings, seed } });
      expect(found.disqualifications).toEqual([]);
      expect(slices.next[0]).toBeGreaterThanOrEqual(SLICES);
      expect(slices.outcomes.subarray(0, sliceStart(2, size, SLICES) * OUTCOME_SIZE).every((value) => value === 0)).toBe(true);
      // The other thread plays its two, on its own table over the same outcomes.
      const own = new MatchTable(ids.length, settings.repetitions, settings.selfPlay, slices.outcomes, slices.plan);
      const contestants = prepareContestants(classicStrategies, settings.game);
      const mine = emptyTotals(ids.length, settings.repetitions);
      for (const k of [1, 0]) {
        const [from, to] = [sliceStart(k, size, SLICES), sliceStart(k + 1, size, SLICES)];
        playMatches(own, contestants, { ...settings, seed }, from, to);
        addToTotals(mine, own, settings.repetitions, from, to);
      }
      expect([...slices.outcomes]).toEqual([...reference(seed)]);
      // The two threads' totals, added up, give the summary of one pass over the whole table.
      mergeTotals(mine, found.totals);
      own.played = own.size;
      expect(summaryFromTotals(ids, { ...settings, seed }, own, mine)).toEqual(summarizeTournament(ids, { ...settings, seed }, own));
      // Nothing is left to claim: a late thread plays nothing.
      expect(playClaimedSlices(own, contestants, { ...settings, seed }, slices).disqualifications).toEqual([]);
    }
  });

  it('cuts a table into contiguous slices that cover it, the last eighth a quarter the size of the others', () => {
    const size = 1_000_000;
    const slices = 128;
    const starts = Array.from({ length: slices + 1 }, (_, k) => sliceStart(k, size, slices));
    expect(starts[0]).toBe(0);
    expect(starts[slices]).toBe(size);
    const lengths = starts.slice(1).map((start, k) => start - starts[k]!);
    expect(lengths.every((length) => length > 0)).toBe(true);
    expect(Math.min(...lengths.slice(0, 112))).toBeGreaterThanOrEqual(4 * Math.max(...lengths.slice(112)) - 4);
    expect(sliceStart(3, 10, 5)).toBe(6);
  });

  it('adds up parts of a table only when no sum can round: whole-number payoffs, all the turns played times the largest below 2^51', () => {
    const totals = emptyTotals(2, 1);
    totals.turns[0] = 1e9;
    expect(totalsAreExact(CLASSIC_GAME, totals)).toBe(true);
    expect(totalsAreExact({ R: 3, S: 0.5, T: 5, P: 1 }, totals)).toBe(false);
    totals.turns[0] = 2 ** 51 / 5;
    expect(totalsAreExact(CLASSIC_GAME, totals)).toBe(false);
  });
});
