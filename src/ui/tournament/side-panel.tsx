import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { Theme } from '../../theme/theme.js';
import { formatDuration, Paint } from '../shared/widgets.js';
import { gameText, lengthText } from './settings-text.js';

export function SidePanel({ progress, theme }: { progress: TournamentProgress; theme: Theme }): ReactNode {
  const { settings } = progress.result;
  const rate = progress.elapsedMs > 0 ? Math.round((progress.played / progress.elapsedMs) * 1000) : undefined;
  const line = (key: string, value: string) => `${key.padEnd(12)}${value}`;
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.accent} bold>
        Settings
      </Paint>
      <Text>{line('strategies', String(progress.result.strategies.length))}</Text>
      <Text>{line('length', lengthText(progress))}</Text>
      <Text>{line('repetitions', String(settings.repetitions))}</Text>
      <Text>{line('noise', String(settings.noise))}</Text>
      <Text>{line('payoffs', gameText(progress))}</Text>
      <Text>{line('self-play', settings.selfPlay ? 'on' : 'off')}</Text>
      <Text>{line('seed', String(settings.seed))}</Text>
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        Progress
      </Paint>
      <Text>{line('repetition', `${Math.min(progress.repetitionsDone + (progress.finished ? 0 : 1), settings.repetitions)} of ${settings.repetitions}`)}</Text>
      <Text>{line('elapsed', formatDuration(progress.elapsedMs))}</Text>
      <Text>{line('left', progress.finished ? '–' : formatDuration(progress.remainingMs))}</Text>
      <Text>{line('matches/s', rate === undefined ? '–' : rate.toLocaleString('en-US'))}</Text>
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        Reading the bars
      </Paint>
      <Text>{'█ score per turn'}</Text>
      <Text>{'▓──┤ its 95% interval,'}</Text>
      <Text>{'  narrowing as repetitions'}</Text>
      <Text>{'  come in'}</Text>
    </Box>
  );
}
