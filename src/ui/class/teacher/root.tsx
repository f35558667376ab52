import { useApp } from 'ink';
import { useEffect, useState, type ReactNode } from 'react';
import type { ClassHost } from '../../../classroom/host.js';
import type { ClassSnapshot } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { useTerminalSize } from '../../shared/widgets.js';
import { TeacherApp } from '../teacher-app.js';
import { TICK_MS, useNow } from '../use-now.js';

/** Lines of the host's log the teacher's screen keeps. */
const LOG_LINES = 50;

/** What ending the session wrote, or why it could not. */
export interface Finished {
  readonly lines: readonly string[];
  readonly error: Error | undefined;
}

/** Follows the host: its snapshots, its log and the session's end; renders TeacherApp. */
export function TeacherRoot({ host, theme, finish }: { host: ClassHost; theme: Theme; finish: () => Finished }): ReactNode {
  const { exit } = useApp();
  const [snapshot, setSnapshot] = useState<ClassSnapshot>(() => host.snapshot());
  const [holding, setHolding] = useState(host.holding);
  const [log, setLog] = useState<readonly string[]>([]);
  // Read once: the interfaces are not worth asking for four times a second.
  const [addresses] = useState(() => host.addresses());
  const [pageUrls] = useState(() => host.pageUrls());
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
      pageUrls={pageUrls}
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
