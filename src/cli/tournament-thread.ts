import { parentPort } from 'node:worker_threads';
import type { MatchPlan } from '../core/tournament.js';
import { errorReply, type ThreadReply } from './early-threads.js';
import type { ShareWithoutPlan } from './tournament-threads.js';
import { prepareShare, type ThreadResult } from './tournament-worker.js';

/**
 * A tournament's worker thread (started by src/cli/tournament-threads.ts, possibly before the
 * command knows its tournament): it loads the play now, then gets its share, then the plan, plays,
 * and posts back what its slices came to.
 */
const port = parentPort!;

port.once('message', (share: ShareWithoutPlan) => {
  const ready = prepareShare(share);
  ready.catch(() => {}); // a failure is replied once the plan is in, below
  port.once('message', (plan: MatchPlan) => {
    ready.then((play) => reply({ result: play(plan) })).catch((error: unknown) => reply(errorReply(error)));
  });
});

function reply(message: ThreadReply<ThreadResult>): void {
  port.postMessage(message);
  port.close();
}
