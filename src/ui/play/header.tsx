import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { InteractiveMatchState } from '../../core/interactive-match.js';
import type { Theme } from '../../theme/theme.js';
import { Paint } from '../shared/widgets.js';
import type { PlayInfo } from './info.js';

function opponentLabel(info: PlayInfo): string {
  return info.hidden ? 'a hidden strategy' : `${info.opponent.name} (${info.opponent.id})`;
}

export function Header({ state, info, theme }: { state: InteractiveMatchState; info: PlayInfo; theme: Theme }): ReactNode {
  const round = state.finished
    ? `game over after ${state.played} round${state.played === 1 ? '' : 's'}`
    : state.lengthKnown
      ? `round ${state.played + 1} of ${state.length}`
      : `round ${state.played + 1} · the game may end after any round (p = ${info.probEnd})`;
  return (
    <Box flexDirection="column">
      <Text>
        <Paint theme={theme} color={theme.accent} bold>
          cooplab play
        </Paint>
        {`  ${round}`}
      </Text>
      <Text>
        {`against ${opponentLabel(info)}`}
        {info.activity === undefined ? '' : ` · activity ${info.activity.name} (${info.activity.lowRisk ? 'low-risk' : 'risky'}, trust 0.5, no sanctions)`}
      </Text>
    </Box>
  );
}
