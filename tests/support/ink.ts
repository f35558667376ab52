import type { EventEmitter } from 'node:events';
import { waitFor } from './wait.js';

/** What the tests need of an ink-testing-library render. */
interface View {
  readonly stdin: EventEmitter & { write(data: string): void };
  readonly stdout: EventEmitter;
  lastFrame(): string | undefined;
}

export type FrameCondition = string | RegExp | ((frame: string) => boolean);

function holds(frame: string, condition: FrameCondition): boolean {
  if (typeof condition === 'string') return frame.includes(condition);
  if (condition instanceof RegExp) return condition.test(frame);
  return condition(frame);
}

/**
 * Waits until the view listens to keys: Ink attaches its stdin listener in an effect after the
 * first render, and a key written before that is lost.
 */
export async function keysReady(view: View): Promise<void> {
  await waitFor(() => view.stdin.listenerCount('readable') > 0, 'the view to listen to keys');
}

/**
 * React runs a commit's effects (where a view subscribes its key handler, with the state the
 * frame shows) in a task of its own, queued during the commit: the frame comes first. Two
 * turns of the event loop's check phase let that task run.
 */
async function effectsRun(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The last frame, once it contains the text, matches the pattern or passes the predicate, and
 * the commit that drew it has run its effects (so the next key reaches the handler it shows).
 */
export async function frameWith(view: View, condition: FrameCondition): Promise<string> {
  const frame = await waitFor(
    () => {
      const last = view.lastFrame();
      return last !== undefined && holds(last, condition) ? last : undefined;
    },
    `a frame with ${String(condition)}`,
    { state: () => view.lastFrame() ?? '(nothing drawn)' },
  );
  await effectsRun();
  return frame;
}

/**
 * Presses a key once the view listens, and returns the frame once the key shows (`then`). Ink
 * runs the key's handler while the key is written; the frame that shows it comes later.
 */
export async function press(view: View, key: string, then: FrameCondition): Promise<string> {
  await keysReady(view);
  view.stdin.write(key);
  return frameWith(view, then);
}

/**
 * Resizes the test terminal to `columns` and returns the frame once the view has followed
 * (`then`). The view subscribes to 'resize' in an effect, so the event is sent again until it
 * shows: a repeated resize to the same size changes nothing.
 */
export function resize(view: View, columns: number, then: FrameCondition): Promise<string> {
  Object.defineProperty(view.stdout, 'columns', { value: columns, configurable: true });
  return waitFor(
    () => {
      const frame = view.lastFrame();
      if (frame !== undefined && holds(frame, then)) return frame;
      view.stdout.emit('resize');
      return undefined;
    },
    `a frame with ${String(then)} at ${columns} columns`,
    { state: () => view.lastFrame() ?? '(nothing drawn)' },
  );
}
