import { startEarlyThreads, takeThreads, type StartedThread } from './early-threads.js';

/** The worker threads a sweep runs its tasks on (src/cli/sweep-thread.ts), possibly started before the CLI loaded (src/cli/early-threads.ts). */
const SCRIPT = new URL('./sweep-thread.js', import.meta.url);

/** Starts `count` sweep threads before the command knows its sweep (bin/cooplab.js). */
export function startEarlySweepThreads(count: number): void {
  startEarlyThreads(SCRIPT, count);
}

/** `count` threads to run tasks on: the early ones first, then new ones; early ones beyond `count` are ended. */
export function sweepThreads(count: number): StartedThread[] {
  return takeThreads(SCRIPT, count);
}
