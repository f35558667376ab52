import { randomUUID } from 'node:crypto';
import { MatchTable, MAX_MATCHES, runTournament, summarizeTournament, type TournamentResult, type TournamentSettings } from '../core/tournament.js';
import { OUTCOME_SIZE } from '../core/match.js';
import type { Strategy } from '../core/strategy.js';
import type { SliceResult, TournamentSlice } from './tournament-worker.js';
import { workerThreads } from './worker-threads.js';

/**
 * Below this many turns a tournament plays in one thread by default: each worker pays for its
 * start and its own warm-up of the engine, so smaller tournaments gain nothing (docs/benchmarks.md).
 */
export const PARALLEL_THRESHOLD_TURNS = 20_000_000;
/** A slice shorter than this is played sooner than a thread starts to play it. */
export const MIN_SLICE_TURNS = 2_000_000;

/** How many slices a table is cut into: up to four per worker (to even out the load), none shorter than MIN_SLICE_TURNS. */
export function tournamentSlices(matches: number, turnsPerMatch: number, workers: number): number {
  return Math.max(1, Math.min(matches, workers * 4, Math.ceil((matches * turnsPerMatch) / MIN_SLICE_TURNS)));
}

/** How many matches a round robin of `strategies` holds. */
function matchCount(strategies: number, settings: TournamentSettings): number {
  return ((strategies * (strategies - 1)) / 2 + (settings.selfPlay ? strategies : 0)) * settings.repetitions;
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
  const size = matchCount(strategies.length, settings);
  const slices = tournamentSlices(size, settings.probEnd === undefined ? settings.turns : 1 / settings.probEnd, requested);
  const workers = workerThreads(requested, slices);
  // Too big a table is refused by runTournament, with the message that says why.
  if (workers <= 1 || !(size <= MAX_MATCHES)) return runTournament(strategies, settings);
  // The outcomes live in memory every thread shares: each worker writes its slices' matches in place, nothing is copied back.
  const outcomes = new Float64Array(new SharedArrayBuffer(size * OUTCOME_SIZE * Float64Array.BYTES_PER_ELEMENT));
  const table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay, outcomes);
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: new URL('./tournament-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  const tournament = randomUUID();
  const strategyIds = strategies.map((strategy) => strategy.id);
  const jobs: TournamentSlice[] = [];
  for (let k = 0; k < slices; k++) {
    const from = Math.floor((k * table.size) / slices);
    const to = Math.floor(((k + 1) * table.size) / slices);
    if (to > from) jobs.push({ tournament, strategyIds, moduleFiles: modules.files, trusted: modules.trusted, settings, outcomes, from, to });
  }
  try {
    const results = (await Promise.all(jobs.map((job) => pool.run(job)))) as SliceResult[];
    // Slices in table order, so the first reason recorded for a strategy is the same in every run.
    for (const result of results.sort((a, b) => a.from - b.from)) {
      for (const [index, reason] of result.disqualified) if (!table.disqualified.has(index)) table.disqualified.set(index, reason);
    }
  } finally {
    await pool.destroy();
  }
  table.played = table.size;
  return summarizeTournament(strategyIds, settings, table);
}
