import { availableParallelism } from 'node:os';
import { warn } from '../formats/output.js';

/** Beyond this many threads per core, more threads only compete for the cores and cost memory (about 10 MB each). */
export const THREADS_PER_CORE = 4;

/**
 * The worker threads to start for `tasks` tasks when `requested` were asked for: never more than
 * the tasks (a thread with nothing to do still costs its start, 130–180 ms here), and a warning
 * (one line on stderr) when the request is more than THREADS_PER_CORE per core.
 */
export function workerThreads(requested: number, tasks: number, cores = availableParallelism()): number {
  const used = Math.min(requested, Math.max(1, tasks));
  if (requested > THREADS_PER_CORE * cores) {
    warn(
      `--workers ${requested} is more than ${THREADS_PER_CORE} threads per core (this machine has ${cores}): expected at most ${THREADS_PER_CORE * cores}; using ${used}${used < requested ? ' (no more than the tasks)' : ''}`,
    );
  }
  return used;
}
