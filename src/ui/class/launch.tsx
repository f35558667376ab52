import { render } from 'ink';
import { ClassClient } from '../../classroom/client.js';
import type { ClassHost } from '../../classroom/host.js';
import { InputError } from '../../core/errors.js';
import { makeTheme, type Theme } from '../../theme/theme.js';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { formatNumber } from './format.js';
import { StudentRoot } from './student/root.js';
import { StudentStore } from './student/store.js';
import { type Finished, TeacherRoot } from './teacher/root.js';

export interface TeacherViewOptions {
  /**
   * Ends the session's bookkeeping: writes the results and returns the lines to print once
   * the terminal is restored. Called once, when the last round closes or the teacher quits.
   */
  readonly onQuit: () => string[];
  readonly theme?: Theme | undefined;
}

/**
 * `cooplab class host`: the teacher's screen on the alternate screen. q, Ctrl-C or SIGTERM end
 * the session (an open round is paid first), write the results through `onQuit`, restore the
 * terminal and print what was written. The host stays open: the caller closes it.
 */
export async function launchTeacher(host: ClassHost, options: TeacherViewOptions): Promise<void> {
  let finished: Finished | undefined;
  const finish = (): Finished => {
    if (finished !== undefined) return finished;
    // Set before host.end(): ending notifies the screen's `end` listener, which calls back here.
    finished = { lines: [], error: undefined };
    host.end();
    try {
      finished = { lines: options.onQuit(), error: undefined };
    } catch (error) {
      finished = { lines: [], error: error instanceof Error ? error : new Error(String(error)) };
    }
    return finished;
  };
  const restoreScreen = fullScreen();
  const restore = () => {
    restoreScreen();
    for (const line of finished?.lines ?? []) process.stdout.write(`${line}\n`);
  };
  // Ctrl-C and SIGTERM exit the process right after restoring: say there what went wrong.
  const onExit = () => {
    if (finished?.error !== undefined) process.stderr.write(`cooplab: ${finished.error.message}\n`);
  };
  process.once('exit', onExit);
  const instance = render(<TeacherRoot host={host} theme={options.theme ?? makeTheme()} finish={finish} />, { exitOnCtrlC: true, patchConsole: false });
  try {
    await superviseInk(instance, restore, () => void finish());
  } finally {
    process.off('exit', onExit);
  }
  // On a quit with q the CLI reports it, as it reports every error.
  if (finished?.error !== undefined) throw finished.error;
}

export interface StudentViewOptions {
  /** host:port or a ws:// URL. */
  readonly address: string;
  readonly code: string;
  readonly name: string;
  /** Attempts to reconnect after a drop before giving up. */
  readonly retries?: number | undefined;
  readonly theme?: Theme | undefined;
}

/**
 * `cooplab class join`: connects, joins and shows the student's screen until they quit (q,
 * Ctrl-C). When the session ends the final score stays on screen until q, and is printed
 * again on the normal screen. A join the host refuses, or a host that cannot be reached,
 * restores the terminal and throws an InputError with the reason.
 */
export async function launchStudent(options: StudentViewOptions): Promise<void> {
  const store = new StudentStore();
  const client: ClassClient = new ClassClient({
    address: options.address,
    code: options.code,
    name: options.name,
    retries: options.retries,
    onView: (view, receivedAt) => {
      const previous = store.state;
      const sameRound = previous.view !== undefined && previous.view.round === view.round && previous.view.phase === view.phase;
      store.update({ view, receivedAt, notice: sameRound ? previous.notice : undefined });
      // Nothing more will come: stop the client from reconnecting to a host that is shutting down.
      if (view.phase === 'ended') client.close();
    },
    onNotice: (text) => store.update({ notice: text }),
    onClosed: (reason) => store.update({ closedReason: reason }),
    onStatus: (status) => store.update({ status }),
  });
  const restoreScreen = fullScreen();
  const restore = () => {
    restoreScreen();
    const view = store.state.view;
    if (view !== undefined && view.round > 0) {
      const over = view.phase === 'ended' ? 'the session is over' : `you left after round ${view.round} of ${view.rounds}`;
      process.stdout.write(`cooplab class: ${view.name}: ${over}; score ${formatNumber(view.score)}, rank ${view.rank} of ${view.firms} firms\n`);
    }
  };
  const theme = options.theme ?? makeTheme();
  const instance = render(<StudentRoot store={store} client={client} address={options.address} theme={theme} />, { exitOnCtrlC: true, patchConsole: false });
  let refused: Error | undefined;
  client.connect().catch((error: unknown) => {
    refused = error instanceof Error ? error : new Error(String(error));
    instance.unmount();
  });
  await superviseInk(instance, restore, () => client.close());
  if (refused !== undefined) throw new InputError(`cannot join the class session at ${options.address}: ${refused.message}`);
}
