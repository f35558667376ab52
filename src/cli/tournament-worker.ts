import type { Contestant } from '../core/match.js';
import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../core/tournament.js';
import { strategiesInThisThread } from './worker-strategies.js';

/** A tournament's table cut into `slices` contiguous slices, which every thread that plays claims one at a time from `next`. */
export interface SharedSlices {
  /** The whole table's outcomes, in memory shared by every thread: each slice writes its own matches. */
  readonly outcomes: Float64Array;
  /** One counter in shared memory: the next slice to claim. */
  readonly next: Int32Array;
  readonly slices: number;
}

/** What a worker thread needs to play its share: the strategies by id (a strategy cannot be sent between threads) and the slices. */
export interface TournamentShare extends SharedSlices {
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly settings: TournamentSettings;
}

/** The strategies a slice disqualified (by index, with the reason), named by the slice's first match. */
export interface SliceDisqualifications {
  readonly from: number;
  readonly disqualified: readonly (readonly [number, string])[];
}

/** Match k of a table of `size` matches cut into `slices`: the first match of slice k. */
export function sliceStart(k: number, size: number, slices: number): number {
  return Math.floor((k * size) / slices);
}

/**
 * Claims slices until none is left and plays each into the shared outcomes: a thread that runs
 * ahead takes more, so every thread finishes within about one slice of the others. Each slice
 * disqualifies on its own evidence, as in a fresh table, so which thread played which slice does
 * not matter. `table` is this thread's own (its disqualifications are cleared per slice).
 */
export function playClaimedSlices(
  table: MatchTable,
  contestants: readonly Contestant[],
  settings: TournamentSettings,
  shared: SharedSlices,
): SliceDisqualifications[] {
  const found: SliceDisqualifications[] = [];
  for (let k = Atomics.add(shared.next, 0, 1); k < shared.slices; k = Atomics.add(shared.next, 0, 1)) {
    const from = sliceStart(k, table.size, shared.slices);
    table.disqualified.clear();
    playMatches(table, contestants, settings, from, sliceStart(k + 1, table.size, shared.slices));
    if (table.disqualified.size > 0) found.push({ from, disqualified: [...table.disqualified] });
  }
  return found;
}

/** A piscina task: a worker thread's share of a tournament, played straight into the shared outcomes. */
export default async function playShare(share: TournamentShare): Promise<SliceDisqualifications[]> {
  const strategies = await strategiesInThisThread(share.strategyIds, share.moduleFiles, share.trusted);
  const { repetitions, selfPlay, game } = share.settings;
  // This thread's own view of the plan (a million matches take 12 MB and a pass to lay out).
  const table = new MatchTable(strategies.length, repetitions, selfPlay, share.outcomes);
  return playClaimedSlices(table, prepareContestants(strategies, game), share.settings, share);
}
