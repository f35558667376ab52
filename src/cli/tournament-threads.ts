import { Worker } from 'node:worker_threads';
import type { MatchPlan } from '../core/tournament.js';
import type { ThreadResult, TournamentShare } from './tournament-worker.js';

/**
 * The worker threads a tournament plays on (src/cli/tournament-thread.ts), and their early start:
 * a thread started before the CLI's own imports (src/cli/early-start.ts) spends Node's start and
 * its own imports on the other core while this thread loads the CLI. A thread started early and
 * not used is ended before the command exits; one that is used is referenced again (an early one
 * keeps no process alive on its own, in case the command never gets to the tournament).
 */

/** What a tournament thread posts back: its share's result, or the error that stopped it. */
export type ThreadReply = { readonly result: ThreadResult } | { readonly error: { readonly name: string; readonly message: string } };

/** The first message a thread gets: its share without the plan (it loads its strategies meanwhile); the plan follows in a second one. */
export type ShareWithoutPlan = Omit<TournamentShare, 'plan'>;

interface TournamentThread {
  readonly worker: Worker;
  /** Rejects when the thread fails or exits before its reply: a share it was playing is lost. */
  readonly failed: Promise<never>;
}

const SCRIPT = new URL('./tournament-thread.js', import.meta.url);
let early: TournamentThread[] = [];

function startThread(): TournamentThread {
  const worker = new Worker(SCRIPT);
  const failed = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a tournament worker thread exited (code ${code}) before it finished its share`)));
  });
  failed.catch(() => {}); // raced against the reply when the thread plays; a thread that is never used may end unheard
  return { worker, failed };
}

/** Starts `count` threads now, before the command knows its tournament: they wait, unreferenced, for tournamentThreads to take them. */
export function startEarlyThreads(count: number): void {
  for (let k = 0; k < count; k++) {
    const thread = startThread();
    thread.worker.unref();
    early.push(thread);
  }
}

/** `count` threads to play on: the early ones first, then new ones; early ones beyond `count` are ended. */
export function tournamentThreads(count: number): TournamentThread[] {
  const taken = early.slice(0, count);
  for (const thread of taken) thread.worker.ref();
  void releaseEarlyThreads(early.slice(count));
  early = [];
  while (taken.length < count) taken.push(startThread());
  return taken;
}

/** Ends the threads started early that no tournament took (another command, a bad option, a small table). */
export async function releaseEarlyThreads(threads: readonly TournamentThread[] = early): Promise<void> {
  if (threads === early) early = [];
  await Promise.all(threads.map((thread) => thread.worker.terminate()));
}

/**
 * Plays a share on a thread. The share goes first, without the plan, so that the thread loads its
 * strategies and prepares its contestants while this one lays out the plan; sendPlan follows.
 */
export function playOnThread(thread: TournamentThread, share: ShareWithoutPlan): Promise<ThreadResult> {
  const reply = new Promise<ThreadResult>((resolve, reject) => {
    thread.worker.once('message', (message: ThreadReply) => {
      if ('result' in message) resolve(message.result);
      else reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
    });
  });
  thread.worker.postMessage(share);
  return Promise.race([reply, thread.failed]);
}

/** The plan, once laid out in shared memory: the thread starts to play when it has it. */
export function sendPlan(thread: TournamentThread, plan: MatchPlan): void {
  thread.worker.postMessage(plan);
}

/** Ends threads that played (their reply is in) or failed: they would end by themselves, this only does not wait for them to. */
export async function endThreads(threads: readonly TournamentThread[]): Promise<void> {
  await Promise.all(threads.map((thread) => thread.worker.terminate()));
}
