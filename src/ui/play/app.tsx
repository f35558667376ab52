import type { ReactNode } from 'react';
import type { Theme } from '../../theme/theme.js';
import { useTerminalSize } from '../shared/widgets.js';
import type { PlayInfo, PlaySource } from './info.js';
import { PlayScreen } from './screen.js';
import { usePlayKeys } from './use-play-keys.js';

export interface PlayAppProps {
  readonly source: PlaySource;
  readonly info: PlayInfo;
  readonly theme: Theme;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  readonly onQuit?: () => void;
}

/** Play mode: C and D play a round through the source, q quits; renders PlayScreen. */
export function PlayApp({ source, info, theme, columns, rows, onQuit }: PlayAppProps): ReactNode {
  const size = useTerminalSize(columns, rows);
  const state = usePlayKeys(source, onQuit);
  return <PlayScreen state={state} info={info} theme={theme} columns={size.columns} rows={size.rows} />;
}
