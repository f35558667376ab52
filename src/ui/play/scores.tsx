import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { InteractiveMatchState } from '../../core/interactive-match.js';
import type { Theme } from '../../theme/theme.js';
import { formatScore, Paint } from '../shared/widgets.js';
import { Panel } from './panel.js';

export function Scores({ state, theme, compact }: { state: InteractiveMatchState; theme: Theme; compact: boolean }): ReactNode {
  const [mine, theirs] = state.scores;
  if (compact) {
    return (
      <Text>
        <Paint theme={theme} color={theme.accent} bold>
          Score
        </Paint>
        {'  you '}
        <Paint theme={theme} bold>
          {formatScore(mine)}
        </Paint>
        {` · them ${formatScore(theirs)}`}
      </Text>
    );
  }
  const width = Math.max(formatScore(mine).length, formatScore(theirs).length);
  return (
    <Panel title="Score" theme={theme}>
      <Text>{`you    ${formatScore(mine).padStart(width)}`}</Text>
      <Text>{`them   ${formatScore(theirs).padStart(width)}`}</Text>
      <Text>{`rounds played ${state.played}`}</Text>
    </Panel>
  );
}
