import { MatchTable, summarizeTournament, type TournamentResult, type TournamentSettings } from '../core/tournament.js';
import { OUTCOME_SIZE } from '../core/match.js';
import type { Strategy } from '../core/strategy.js';
import type { SliceResult, TournamentSlice } from './tournament-worker.js';

/** Below this many turns a tournament is over before worker threads have started here (130–180 ms each). */
export const PARALLEL_THRESHOLD_TURNS = 20_000_000;

/**
 * Plays a tournament on worker threads: the match table is cut into contiguous slices, each
 * worker plays its slices with the same per-match streams, and the outcomes land in the same
 * places — so the result is byte-identical to playing in one thread, for any number of workers.
 */
export async function runTournamentParallel(
  strategies: readonly Strategy[],
  settings: TournamentSettings,
  workers: number,
  modules: { files: readonly string[]; trusted: boolean },
): Promise<TournamentResult> {
  const table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay);
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: new URL('./tournament-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  const slices = Math.min(table.size, workers * 4);
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
