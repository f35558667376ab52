/**
 * How a tournament is shared between threads: when it is worth it and into how many slices the
 * table is cut. Kept apart from the play so that the early start (src/cli/early-start.ts) can
 * decide before the CLI and the core are loaded.
 */

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
export function roundRobinMatches(strategies: number, repetitions: number, selfPlay: boolean): number {
  return ((strategies * (strategies - 1)) / 2 + (selfPlay ? strategies : 0)) * repetitions;
}
