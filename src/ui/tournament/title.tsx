import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { Theme } from '../../theme/theme.js';
import { Paint } from '../shared/widgets.js';
import { gameText, lengthText, settingsLine, TITLE } from './settings-text.js';

export function Title({ progress, theme, oneLine }: { progress: TournamentProgress; theme: Theme; oneLine: boolean }): ReactNode {
  const { settings, strategies } = progress.result;
  const title = (
    <Paint theme={theme} color={theme.accent} bold>
      {TITLE}
    </Paint>
  );
  if (oneLine) {
    return (
      <Text>
        {title}
        {`  ${settingsLine(progress)}`}
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text>
        {title}
        {`  ${strategies.length} strategies · seed ${settings.seed}`}
      </Text>
      <Text>{`${lengthText(progress)} · ${settings.repetitions} reps · noise ${settings.noise} · payoffs ${gameText(progress)}`}</Text>
    </Box>
  );
}
