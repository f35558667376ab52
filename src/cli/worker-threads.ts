import { availableParallelism } from 'node:os';
import { warn } from '../formats/output.js';

/** The most threads a command starts per core: beyond it, more threads only compete for the cores and cost memory (about 10 MB each). */
export const THREADS_PER_CORE = 4;

/**
 * The worker threads to start for `tasks` tasks when `requested` were asked for: never more than
 * the tasks (a thread with nothing to do still costs its start) and never more than
 * THREADS_PER_CORE per core, with a warning (one line on stderr) when the request is cut to that.
 */
export function workerThreads(requested: number, tasks: number, cores = availableParallelism()): number {
  const cap = THREADS_PER_CORE * cores;
  const used = Math.min(requested, Math.max(1, tasks), cap);
  if (requested > cap) {
    warn(
      `--workers ${requested} is more than ${THREADS_PER_CORE} threads per core (this machine has ${cores}): expected at most ${cap}; using ${used}${used < cap ? ' (no more than the tasks)' : ''}`,
    );
  }
  return used;
}
