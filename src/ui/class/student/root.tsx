import { useApp } from 'ink';
import { useSyncExternalStore, type ReactNode } from 'react';
import type { ClassClient } from '../../../classroom/client.js';
import type { Theme } from '../../../theme/theme.js';
import { useTerminalSize } from '../../shared/widgets.js';
import { StudentApp } from '../student-app.js';
import { TICK_MS, useNow } from '../use-now.js';
import type { StudentStore } from './store.js';

/** Follows the client's store; a choice goes to the host through the client. Renders StudentApp. */
export function StudentRoot({ store, client, address, theme }: { store: StudentStore; client: ClassClient; address: string; theme: Theme }): ReactNode {
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
