import { MatchTable, runTournament, summarizeTournament, type TournamentResult, type TournamentSettings } from '../core/tournament.js';
import { OUTCOME_SIZE } from '../core/match.js';
import type { Strategy } from '../core/strategy.js';
import type { SliceResult, TournamentSlice } from './tournament-worker.js';
import { workerThreads } from './worker-threads.js';

/** Below this many turns a tournament is over before worker threads have started here (130–180 ms each). */
export const PARALLEL_THRESHOLD_TURNS = 20_000_000;
/** A slice shorter than this is played sooner than a thread starts to play it. */
export const MIN_SLICE_TURNS = 2_000_000;

/** How many slices a table is cut into: up to four per worker (to even out the load), none shorter than MIN_SLICE_TURNS. */
export function tournamentSlices(matches: number, turnsPerMatch: number, workers: number): number {
  return Math.max(1, Math.min(matches, workers * 4, Math.ceil((matches * turnsPerMatch) / MIN_SLICE_TURNS)));
}

/**
 * Plays a tournament on worker threads: the match table is cut into contiguous slices, each
 * worker plays its slices with the same per-match streams, and the outcomes land in the same
 * places — so the result is byte-identical to playing in one thread, for any number of workers.
 * No more workers start than there are slices; with one slice the tournament plays in this thread.
 */
export async function runTournamentParallel(
  strategies: readonly Strategy[],
  settings: TournamentSettings,
  requested: number,
  modules: { files: readonly string[]; trusted: boolean },
): Promise<TournamentResult> {
  const table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay);
  const slices = tournamentSlices(table.size, settings.probEnd === undefined ? settings.turns : 1 / settings.probEnd, requested);
  const workers = workerThreads(requested, slices);
  if (workers <= 1) return runTournament(strategies, settings);
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: new URL('./tournament-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  const jobs: TournamentSlice[] = [];
  for (let k = 0; k < slices; k++) {
    const from = Math.floor((k * table.size) / slices);
    const to = Math.floor(((k + 1) * table.size) / slices);
    if (to > from)
      jobs.push({ strategyIds: strategies.map((strategy) => strategy.id), moduleFiles: modules.files, trusted: modules.trusted, settings, from, to });
  }
  try {
    const results = (await Promise.all(jobs.map((job) => pool.run(job)))) as SliceResult[];
    // Slices in table order, so the first reason recorded for a strategy is the same in every run.
    for (const result of results.sort((a, b) => a.from - b.from)) {
      table.outcomes.set(result.outcomes, result.from * OUTCOME_SIZE);
      for (const [index, reason] of result.disqualified) if (!table.disqualified.has(index)) table.disqualified.set(index, reason);
    }
  } finally {
    await pool.destroy();
  }
  table.played = table.size;
  return summarizeTournament(
    strategies.map((strategy) => strategy.id),
    settings,
    table,
  );
}
