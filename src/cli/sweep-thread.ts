import { parentPort } from 'node:worker_threads';
import { errorReply } from './early-threads.js';
import runShare, { type SweepShare } from './sweep-worker.js';

/**
 * A sweep's worker thread (src/cli/sweep-threads.ts; possibly started before the command knew its
 * sweep): it loads the cluster now, then runs its share of the tasks, posting each result on the
 * share's port, and replies how many tasks it ran.
 */
const port = parentPort!;

port.once('message', (share: SweepShare) => {
  runShare(share)
    .then(
      (ran) => port.postMessage({ result: ran }),
      (error: unknown) => port.postMessage(errorReply(error)),
    )
    .finally(() => port.close());
});
