import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import type { Theme } from '../../../theme/theme.js';
import { fit } from '../../shared/widgets.js';
import { formatNumber, signed } from '../format.js';
import { MoveLetter, Title } from '../panels.js';

/** The last round's result: your move, each partner's, what you earned and paid. */
export function LastRound({ view, theme, width, compact }: { view: SentView; theme: Theme; width: number; compact: boolean }): ReactNode {
  const last = view.last!;
  const fines = last.outcomes.reduce((sum, outcome) => sum + outcome.fine, 0);
  const head = `you played ${last.move}${last.answered ? '' : ' (no answer in time)'} · payoff ${signed(last.payoff)}${fines !== 0 ? ` · fines ${formatNumber(fines)}` : ''}`;
  if (compact) {
    const partners = last.outcomes.map((outcome) => `${outcome.name} ${outcome.theirs}`).join(', ');
    return (
      <Box flexShrink={0} marginTop={1} width={width}>
        <Text wrap="truncate">
          <Title theme={theme}>{`round ${last.round} result: `}</Title>
          {`${head} · they: ${partners}`}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1} width={width}>
      <Text wrap="truncate">
        <Title theme={theme}>{`round ${last.round} result: `}</Title>
        {head}
      </Text>
      {last.outcomes.map((outcome) => (
        <Text key={outcome.name} wrap="truncate">
          {'  '}
          {fit(outcome.name, 16).padEnd(16)}
          {'  you '}
          <MoveLetter move={outcome.yours} theme={theme} />
          {'  they '}
          <MoveLetter move={outcome.theirs} theme={theme} />
          {`  ${outcome.activity.padEnd(20)}  ${signed(outcome.payoff).padStart(6)}`}
          {outcome.fine > 0 ? `  fined ${formatNumber(outcome.fine)}` : outcome.fine < 0 ? `  compensated ${formatNumber(-outcome.fine)}` : ''}
        </Text>
      ))}
    </Box>
  );
}
