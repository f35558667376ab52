import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Theme } from '../../theme/theme.js';
import { useTerminalSize } from '../shared/widgets.js';
import { bodyRows } from './layout.js';
import { TournamentScreen } from './screen.js';
import type { TournamentSource } from './source.js';
import { useTournamentKeys } from './use-tournament-keys.js';

export interface TournamentAppProps {
  readonly source: TournamentSource;
  readonly theme: Theme;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  readonly onQuit?: () => void;
}

/** The tournament view: follows the source's state, handles keys, renders TournamentScreen. */
export function TournamentApp({ source, theme, columns, rows, onQuit }: TournamentAppProps): ReactNode {
  const size = useTerminalSize(columns, rows);
  const subscribe = useMemo(() => (listener: () => void) => source.subscribe(listener), [source]);
  const progress = useSyncExternalStore(subscribe, () => source.progress);
  const { panel, scroll } = useTournamentKeys({
    count: progress.result.strategies.length,
    visibleFor: (shown) => bodyRows(size.rows, size.columns, shown, progress),
    onQuit: () => {
      source.stop();
      onQuit?.();
    },
  });
  return <TournamentScreen progress={progress} theme={theme} columns={size.columns} rows={size.rows} panel={panel} scroll={scroll} />;
}
