import { render, useApp } from 'ink';
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ClassClient, type ClientStatus } from '../../classroom/client.js';
import type { ClassHost } from '../../classroom/host.js';
import type { SentView } from '../../classroom/protocol.js';
import type { ClassSnapshot } from '../../classroom/session.js';
import { InputError } from '../../core/errors.js';
import type { Move } from '../../core/strategy.js';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { makeTheme, type Theme } from '../../theme/theme.js';
import { useTerminalSize } from '../shared/widgets.js';
import { formatNumber } from './format.js';
import { useNow } from './hooks.js';
import { StudentApp } from './student-app.js';
import { TeacherApp } from './teacher-app.js';

/** Lines of the host's log the teacher's screen keeps. */
const LOG_LINES = 50;
/** Countdowns redraw this often while a round is open. */
const TICK_MS = 250;

export interface TeacherViewOptions {
  /**
   * Ends the session's bookkeeping: writes the results and returns the lines to print once
   * the terminal is restored. Called once, when the last round closes or the teacher quits.
   */
  readonly onQuit: () => string[];
  readonly theme?: Theme | undefined;
}

interface Finished {
  readonly lines: readonly string[];
  readonly error: Error | undefined;
}

function TeacherRoot({ host, theme, finish }: { host: ClassHost; theme: Theme; finish: () => Finished }): ReactNode {
  const { exit } = useApp();
  const [snapshot, setSnapshot] = useState<ClassSnapshot>(() => host.snapshot());
  const [holding, setHolding] = useState(host.holding);
  const [log, setLog] = useState<readonly string[]>([]);
  // Read once: the interfaces are not worth asking for four times a second.
  const [addresses] = useState(() => host.addresses());
  const [results, setResults] = useState<Finished | undefined>(undefined);
  const size = useTerminalSize();
  const now = useNow(TICK_MS, snapshot.phase === 'open');
  useEffect(
    () =>
      host.subscribe({
        change: (next) => {
          setSnapshot(next);
          setHolding(host.holding);
        },
        // The host's lines carry no round: stamp them, so an intervention reads "round 3 · fine raised to 4".
        log: (line) => {
          // Stamped now, not in the state updater: React may run that after the round has moved on.
          const stamp = host.session.round === 0 ? 'lobby' : `round ${host.session.round}`;
          const stamped = /^round \d+/.test(line) ? line : `${stamp} · ${line}`;
          setLog((lines) => [...lines, stamped].slice(-LOG_LINES));
        },
        end: () => {
          // Results are written as soon as the last round closes: the teacher may leave the screen up.
          const finished = finish();
          setResults(finished);
          setSnapshot(host.snapshot());
        },
      }),
    [host, finish],
  );
  return (
    <TeacherApp
      snapshot={snapshot}
      addresses={addresses}
      code={host.code}
      holding={holding}
      log={log}
      now={now}
      results={results === undefined || results.error !== undefined ? undefined : results.lines}
      resultsError={results?.error?.message}
      theme={theme}
      columns={size.columns}
      rows={size.rows}
      onCommand={(command) => host.apply(command)}
      onStart={() => host.start()}
      onNext={() => host.next()}
      onHold={() => host.toggleHold()}
      onQuit={() => exit()}
    />
  );
}

/**
 * `cooplab class host`: the teacher's screen on the alternate screen. q, Ctrl-C or SIGTERM end
 * the session (an open round is paid first), write the results through `onQuit`, restore the
 * terminal and print what was written. The host stays open: the caller closes it.
 */
export async function runTeacherView(host: ClassHost, options: TeacherViewOptions): Promise<void> {
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

interface StudentState {
  readonly view: SentView | undefined;
  readonly receivedAt: number;
  readonly status: ClientStatus;
  readonly notice: string | undefined;
  readonly closedReason: string | undefined;
  readonly sent: { readonly round: number; readonly move: Move } | undefined;
}

/**
 * The client's callbacks write here, and the screen reads it: callbacks can fire before
 * React has mounted (a fast host), and nothing they report may be lost.
 */
class StudentStore {
  #state: StudentState = { view: undefined, receivedAt: 0, status: 'connecting', notice: undefined, closedReason: undefined, sent: undefined };
  readonly #listeners = new Set<() => void>();

  get state(): StudentState {
    return this.#state;
  }

  update(change: Partial<StudentState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  snapshot = (): StudentState => this.#state;
}

function StudentRoot({ store, client, address, theme }: { store: StudentStore; client: ClassClient; address: string; theme: Theme }): ReactNode {
  const { exit } = useApp();
  const state = useSyncExternalStore(store.subscribe, store.snapshot);
  const size = useTerminalSize();
  const view = state.view;
  const now = useNow(TICK_MS, view?.phase === 'open');
  const pending = view !== undefined && state.sent?.round === view.round && view.phase === 'open' ? state.sent.move : undefined;
  return (
    <StudentApp
      view={view}
      receivedAt={state.receivedAt}
      now={now}
      status={state.status}
      notice={state.notice}
      closedReason={state.closedReason}
      pending={pending}
      address={address}
      theme={theme}
      columns={size.columns}
      rows={size.rows}
      onChoose={(move) => {
        if (view === undefined || view.phase !== 'open') return;
        if (client.choose(move, view.round)) store.update({ sent: { round: view.round, move } });
        else store.update({ notice: 'not connected: your move was not sent, try again' });
      }}
      onQuit={() => exit()}
    />
  );
}

/**
 * `cooplab class join`: connects, joins and shows the student's screen until they quit (q,
 * Ctrl-C). When the session ends the final score stays on screen until q, and is printed
 * again on the normal screen. A join the host refuses, or a host that cannot be reached,
 * restores the terminal and throws an InputError with the reason.
 */
export async function runStudentView(options: StudentViewOptions): Promise<void> {
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
