import type { MatchPlan } from '../core/tournament.js';
import { askThread, startEarlyThreads, takeThreads, type StartedThread } from './early-threads.js';
import type { ThreadResult, TournamentShare } from './tournament-worker.js';

/** The worker threads a tournament plays on (src/cli/tournament-thread.ts), possibly started before the CLI loaded (src/cli/early-threads.ts). */
const SCRIPT = new URL('./tournament-thread.js', import.meta.url);

/** The first message a thread gets: its share without the plan (it loads its strategies meanwhile); the plan follows in a second one. */
export type ShareWithoutPlan = Omit<TournamentShare, 'plan'>;

/** Starts `count` tournament threads before the command knows its tournament (bin/cooplab.js). */
export function startEarlyTournamentThreads(count: number): void {
  startEarlyThreads(SCRIPT, count);
}

/** `count` threads to play on: the early ones first, then new ones; early ones beyond `count` are ended. */
export function tournamentThreads(count: number): StartedThread[] {
  return takeThreads(SCRIPT, count);
}

/**
 * Plays a share on a thread. The share goes first, without the plan, so that the thread loads its
 * strategies and prepares its contestants while this one lays out the plan; sendPlan follows.
 */
export function playOnThread(thread: StartedThread, share: ShareWithoutPlan): Promise<ThreadResult> {
  return askThread<ThreadResult>(thread, share);
}

/** The plan, once laid out in shared memory: the thread starts to play when it has it. */
export function sendPlan(thread: StartedThread, plan: MatchPlan): void {
  thread.worker.postMessage(plan);
}
