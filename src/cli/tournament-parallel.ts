import {
  MatchTable,
  MAX_MATCHES,
  mergeTotals,
  prepareContestants,
  runTournament,
  summarizeTournament,
  summaryFromTotals,
  totalsAreExact,
  type TournamentResult,
  type TournamentSettings,
} from '../core/tournament.js';
import { OUTCOME_SIZE } from '../core/match.js';
import type { Strategy } from '../core/strategy.js';
import { playClaimedSlices, type SharedSlices, type ThreadResult, type TournamentShare } from './tournament-worker.js';
import { workerThreads } from './worker-threads.js';

/**
 * Below this many turns a tournament plays in one thread by default: each worker pays for its
 * start and its own warm-up of the engine, so smaller tournaments gain nothing (docs/benchmarks.md).
 */
export const PARALLEL_THRESHOLD_TURNS = 20_000_000;
/** A slice shorter than this is played sooner than a thread starts to play it. */
export const MIN_SLICE_TURNS = 2_000_000;
/**
 * Slices per thread: the threads claim them one at a time from a shared counter, so the last slice
 * to finish leaves a core idle for at most one slice's time (the last slices are a quarter of the
 * others: about 4 ms at 200 M turns on two threads).
 */
export const SLICES_PER_THREAD = 64;

/** How many slices a table is cut into: up to SLICES_PER_THREAD per thread, none shorter than MIN_SLICE_TURNS. */
export function tournamentSlices(matches: number, turnsPerMatch: number, threads: number): number {
  return Math.max(1, Math.min(matches, threads * SLICES_PER_THREAD, Math.ceil((matches * turnsPerMatch) / MIN_SLICE_TURNS)));
}

/** How many matches a round robin of `strategies` holds. */
function matchCount(strategies: number, settings: TournamentSettings): number {
  return ((strategies * (strategies - 1)) / 2 + (settings.selfPlay ? strategies : 0)) * settings.repetitions;
}

/**
 * Plays a tournament on `requested` threads: this one and requested − 1 workers. The match table
 * is cut into contiguous slices that the threads claim one at a time; each plays its slices with
 * the same per-match streams and writes the outcomes in the same places — so the result is
 * byte-identical to playing in one thread, for any number of threads. This thread plays too: it is
 * started and warm already, and would otherwise only wait. No more threads play than there are
 * slices; with one slice the tournament plays in this thread alone.
 */
export async function runTournamentParallel(
  strategies: readonly Strategy[],
  settings: TournamentSettings,
  requested: number,
  modules: { files: readonly string[]; trusted: boolean },
): Promise<TournamentResult> {
  const size = matchCount(strategies.length, settings);
  const slices = tournamentSlices(size, settings.probEnd === undefined ? settings.turns : 1 / settings.probEnd, requested);
  const threads = workerThreads(requested, slices);
  // Too big a table is refused by runTournament, with the message that says why.
  if (threads <= 1 || !(size <= MAX_MATCHES)) return runTournament(strategies, settings);
  const shared: SharedSlices = {
    // The outcomes live in memory every thread shares: each thread writes its slices' matches in place, nothing is copied back.
    outcomes: new Float64Array(new SharedArrayBuffer(size * OUTCOME_SIZE * Float64Array.BYTES_PER_ELEMENT)),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    slices,
  };
  const { Piscina } = await import('piscina');
  const workers = threads - 1;
  const pool = new Piscina({ filename: new URL('./tournament-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  const strategyIds = strategies.map((strategy) => strategy.id);
  // The plan in shared memory, laid out while the workers start: they read it instead of laying out their own.
  const table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay, shared.outcomes, 'shared');
  let results: ThreadResult[];
  try {
    const plan = { repetition: table.repetition, first: table.first, second: table.second };
    const share: TournamentShare = { ...shared, strategyIds, moduleFiles: modules.files, trusted: modules.trusted, settings, plan };
    const theirs = Array.from({ length: workers }, () => pool.run(share) as Promise<ThreadResult>);
    // While the workers start, this thread prepares its contestants and plays beside them.
    const own = Object.assign(Object.create(table) as MatchTable, { disqualified: new Map<number, string>() });
    const mine = playClaimedSlices(own, prepareContestants(strategies, settings.game), settings, shared);
    results = [mine, ...(await Promise.all(theirs))];
  } finally {
    await pool.destroy();
  }
  // Slices in table order, so the first reason recorded for a strategy is the same in every run.
  const found = results.flatMap((result) => result.disqualifications).sort((a, b) => a.from - b.from);
  for (const slice of found) {
    for (const [index, reason] of slice.disqualified) if (!table.disqualified.has(index)) table.disqualified.set(index, reason);
  }
  table.played = table.size;
  if (found.length === 0) {
    // Every slice is in the threads' totals: added together they are the summary's, when no sum can round.
    const [totals, ...others] = results.map((result) => result.totals);
    for (const part of others) mergeTotals(totals!, part);
    if (totalsAreExact(settings.game, totals!)) return summaryFromTotals(strategyIds, settings, table, totals!);
  }
  return summarizeTournament(strategyIds, settings, table);
}
