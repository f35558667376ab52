import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * Worker threads a command plays on, and their early start: a thread started before the CLI's
 * own imports (src/cli/early-start.ts, from bin/cooplab.js) spends Node's start and its own
 * imports on the other core while this thread loads the CLI. An early thread keeps no process
 * alive on its own (the command may never get to it: a bad option, help, nothing to do); the
 * command that takes it references it again, and one nobody took is ended before the process
 * exits (src/cli/main.ts).
 */
export interface StartedThread {
  readonly worker: Worker;
  /** Rejects when the thread fails or exits before its work is done; raced against its reply. */
  readonly failed: Promise<never>;
}

const early = new Map<string, StartedThread[]>();

function startThread(script: URL): StartedThread {
  const worker = new Worker(script);
  const failed = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a worker thread exited (code ${code}) before it finished its share`)));
  });
  failed.catch(() => {}); // raced against the reply when the thread works; a thread that is never used may end unheard
  return { worker, failed };
}

/** Starts `count` threads of `script` now, before the command knows its work: they wait, unreferenced, for takeThreads. */
export function startEarlyThreads(script: URL, count: number): void {
  const started = early.get(script.href) ?? [];
  for (let k = 0; k < count; k++) {
    const thread = startThread(script);
    thread.worker.unref();
    started.push(thread);
  }
  early.set(script.href, started);
}

/** `count` threads of `script` to work on: the early ones first, then new ones; early ones beyond `count` are ended. */
export function takeThreads(script: URL, count: number): StartedThread[] {
  const started = early.get(script.href) ?? [];
  early.delete(script.href);
  const taken = started.slice(0, count);
  for (const thread of taken) thread.worker.ref();
  void endThreads(started.slice(count));
  while (taken.length < count) taken.push(startThread(script));
  return taken;
}

/** Ends threads: early ones nobody took, or ones whose work is over (they would end by themselves: this does not wait for them to). */
export async function endThreads(threads: readonly StartedThread[]): Promise<void> {
  await Promise.all(threads.map((thread) => thread.worker.terminate()));
}

/** Ends every thread started early that no command took (another command, a bad option, a run too small for threads). */
export async function releaseEarlyThreads(): Promise<void> {
  const left = [...early.values()].flat();
  early.clear();
  await endThreads(left);
}

/** A thread's reply to its share: what it came to, or the error that stopped it. */
export type ThreadReply<T> = { readonly result: T } | { readonly error: { readonly name: string; readonly message: string } };

/** Posts `message` to a thread and waits for its reply (or its failure). */
export function askThread<T>(thread: StartedThread, message: unknown, transfer: readonly TransferListItem[] = []): Promise<T> {
  const reply = new Promise<T>((resolve, reject) => {
    thread.worker.once('message', (answer: ThreadReply<T>) => {
      if ('result' in answer) resolve(answer.result);
      else reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }));
    });
  });
  thread.worker.postMessage(message, transfer);
  return Promise.race([reply, thread.failed]);
}

/** The reply a thread posts for an error, as askThread reads it. */
export function errorReply(error: unknown): ThreadReply<never> {
  return { error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
}
