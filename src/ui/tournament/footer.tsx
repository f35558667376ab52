import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { Theme } from '../../theme/theme.js';
import { KeyHints, Paint } from '../shared/widgets.js';
import type { TournamentPanel } from './layout.js';

export function Footer({
  progress,
  theme,
  panel,
  scrollable,
  narrow,
}: {
  progress: TournamentProgress;
  theme: Theme;
  panel: TournamentPanel;
  scrollable: boolean;
  narrow: boolean;
}): ReactNode {
  const keys: [string, string][] = [
    ['m', panel === 'matrix' ? 'leaderboard' : 'score matrix'],
    ...(scrollable ? ([['↑↓', 'scroll']] as [string, string][]) : []),
    ['q', 'quit'],
  ];
  const state = progress.finished
    ? 'final table'
    : progress.stopped
      ? 'stopped'
      : `repetition ${Math.min(progress.repetitionsDone + 1, progress.result.settings.repetitions)} of ${progress.result.settings.repetitions}`;
  return (
    <Text>
      <KeyHints keys={keys} theme={theme} gap="  " />
      <Paint theme={theme} color={theme.muted}>{`${narrow ? '  · ' : '    · '}${state}`}</Paint>
    </Text>
  );
}
