import type { Contestant } from '../core/match.js';
import {
  addToTotals,
  emptyTotals,
  MatchTable,
  playMatches,
  prepareContestants,
  type MatchPlan,
  type TournamentSettings,
  type TournamentTotals,
} from '../core/tournament.js';
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
  /** The table's plan, laid out by the command's thread in shared memory. */
  readonly plan: MatchPlan;
}

/** The strategies a slice disqualified (by index, with the reason), named by the slice's first match. */
export interface SliceDisqualifications {
  readonly from: number;
  readonly disqualified: readonly (readonly [number, string])[];
}

/** One slice in TAIL_SHARE, the last ones, is a quarter the size of the others. */
const TAIL_SHARE = 8;
const TAIL_FRACTION = 4;

/**
 * Match k of a table of `size` matches cut into `slices`: the first match of slice k. The last
 * eighth of the slices are a quarter the size of the others: the threads claim them in turn at
 * the end, so that one finishing its last slice keeps the other core waiting a quarter as long.
 */
export function sliceStart(k: number, size: number, slices: number): number {
  const tail = Math.floor(slices / TAIL_SHARE);
  const body = slices - tail;
  // In units of a tail slice (whole numbers, so every thread computes the same bounds).
  const units = (slice: number) => TAIL_FRACTION * Math.min(slice, body) + Math.max(0, slice - body);
  return Math.floor((size * units(k)) / units(slices));
}

/** What a thread's slices came to: the strategies they disqualified, and the totals of the slices that disqualified none. */
export interface ThreadResult {
  readonly disqualifications: SliceDisqualifications[];
  readonly totals: TournamentTotals;
}

/**
 * Claims slices until none is left and plays each into the shared outcomes: a thread that runs
 * ahead takes more, so every thread finishes within about one slice of the others. Each slice
 * disqualifies on its own evidence, as in a fresh table, so which thread played which slice does
 * not matter. `table` is this thread's own (its disqualifications are cleared per slice). Each
 * slice is added to this thread's totals as soon as it is played: the summary's pass over the
 * table then runs on every thread beside the play, not on one thread after it.
 */
export function playClaimedSlices(table: MatchTable, contestants: readonly Contestant[], settings: TournamentSettings, shared: SharedSlices): ThreadResult {
  const disqualifications: SliceDisqualifications[] = [];
  const totals = emptyTotals(contestants.length, settings.repetitions);
  for (let k = Atomics.add(shared.next, 0, 1); k < shared.slices; k = Atomics.add(shared.next, 0, 1)) {
    const from = sliceStart(k, table.size, shared.slices);
    const to = sliceStart(k + 1, table.size, shared.slices);
    table.disqualified.clear();
    playMatches(table, contestants, settings, from, to);
    // A disqualification forfeits the strategy's matches in every slice: the summary then takes the whole table again.
    if (table.disqualified.size > 0) disqualifications.push({ from, disqualified: [...table.disqualified] });
    else addToTotals(totals, table, settings.repetitions, from, to);
  }
  return { disqualifications, totals };
}

/**
 * A worker thread's share of a tournament, made ready to play before the plan is there: its
 * strategies loaded and contestants prepared. The function it gives plays the share over `plan`,
 * straight into the shared outcomes.
 */
export async function prepareShare(share: Omit<TournamentShare, 'plan'>): Promise<(plan: MatchPlan) => ThreadResult> {
  const strategies = await strategiesInThisThread(share.strategyIds, share.moduleFiles, share.trusted);
  const { repetitions, selfPlay, game } = share.settings;
  const contestants = prepareContestants(strategies, game);
  return (plan) => {
    // This thread's own table over the shared plan and outcomes (a million matches' plan takes 12 MB and a pass to lay out: done once).
    const table = new MatchTable(strategies.length, repetitions, selfPlay, share.outcomes, plan);
    return playClaimedSlices(table, contestants, share.settings, share);
  };
}

/** A worker thread's whole share of a tournament, the plan included. */
export default async function playShare(share: TournamentShare): Promise<ThreadResult> {
  return (await prepareShare(share))(share.plan);
}
