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
import { playClaimedSlices, type SharedSlices, type ThreadResult } from './tournament-worker.js';
import { endThreads } from './early-threads.js';
import { playOnThread, sendPlan, tournamentThreads, type ShareWithoutPlan } from './tournament-threads.js';
import { roundRobinMatches, tournamentSlices } from './tournament-slices.js';
import { workerThreads } from './worker-threads.js';

export { MIN_SLICE_TURNS, PARALLEL_THRESHOLD_TURNS, SLICES_PER_THREAD, tournamentSlices } from './tournament-slices.js';

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
  const size = roundRobinMatches(strategies.length, settings.repetitions, settings.selfPlay);
  const slices = tournamentSlices(size, settings.probEnd === undefined ? settings.turns : 1 / settings.probEnd, requested);
  const threads = workerThreads(requested, slices);
  // Too big a table is refused by runTournament, with the message that says why.
  if (threads <= 1 || !(size <= MAX_MATCHES)) {
    tournamentThreads(0); // threads started early for this tournament are not needed
    return runTournament(strategies, settings);
  }
  const shared: SharedSlices = {
    // The outcomes live in memory every thread shares: each thread writes its slices' matches in place, nothing is copied back.
    outcomes: new Float64Array(new SharedArrayBuffer(size * OUTCOME_SIZE * Float64Array.BYTES_PER_ELEMENT)),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    slices,
  };
  const workers = tournamentThreads(threads - 1);
  const strategyIds = strategies.map((strategy) => strategy.id);
  let results: ThreadResult[];
  let table: MatchTable;
  try {
    // The workers load their strategies while this thread lays out the plan in shared memory: they read it instead of laying out their own.
    const share: ShareWithoutPlan = { ...shared, strategyIds, moduleFiles: modules.files, trusted: modules.trusted, settings };
    const theirs = workers.map((worker) => playOnThread(worker, share));
    table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay, shared.outcomes, 'shared');
    for (const worker of workers) sendPlan(worker, { repetition: table.repetition, first: table.first, second: table.second });
    // This thread prepares its contestants and plays beside them.
    const own = Object.assign(Object.create(table) as MatchTable, { disqualified: new Map<number, string>() });
    const mine = playClaimedSlices(own, prepareContestants(strategies, settings.game), settings, shared);
    results = [mine, ...(await Promise.all(theirs))];
  } catch (error) {
    await endThreads(workers);
    throw error;
  }
  // Each worker has replied and ends by itself; this only spares waiting for it.
  void endThreads(workers);
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
