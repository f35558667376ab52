import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { Theme } from '../../theme/theme.js';
import { formatDuration, Paint } from '../shared/widgets.js';
import { progressBar } from './model.js';

export function Progress({ progress, theme, width }: { progress: TournamentProgress; theme: Theme; width: number }): ReactNode {
  const percent = progress.total > 0 ? Math.floor((progress.played / progress.total) * 100) : 100;
  const counts = `${String(progress.played).padStart(String(progress.total).length)}/${progress.total} matches`;
  const status = progress.finished
    ? `done in ${formatDuration(progress.elapsedMs)}`
    : progress.stopped
      ? 'stopped'
      : `~${formatDuration(progress.remainingMs)} left`;
  // Fixed widths, so the bar does not jump about as the numbers change.
  const text = ` ${String(percent).padStart(3)}%  ${counts}  ${status.padEnd(16)}`;
  const bar = progressBar(progress.played, progress.total, Math.max(10, width - text.length - 1));
  return (
    <Text>
      <Paint theme={theme} color={progress.finished ? theme.cooperate : theme.accent}>
        {bar.filled}
      </Paint>
      <Paint theme={theme} color={theme.muted}>
        {bar.rest}
      </Paint>
      {text}
    </Text>
  );
}
