import { parentPort } from 'node:worker_threads';
import type { MatchPlan } from '../core/tournament.js';
import type { ShareWithoutPlan, ThreadReply } from './tournament-threads.js';
import { prepareShare } from './tournament-worker.js';

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
    ready
      .then((play) => reply({ result: play(plan) }))
      .catch((error: unknown) =>
        reply({ error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } }),
      );
  });
});

function reply(message: ThreadReply): void {
  port.postMessage(message);
  port.close();
}
