import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import type { Theme } from '../../../theme/theme.js';
import { Paint } from '../../shared/widgets.js';
import { formatNumber } from '../format.js';

/** The end of the session: the final score and rank. */
export function Ended({ view, theme }: { view: SentView; theme: Theme }): ReactNode {
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1}>
      <Paint theme={theme} color={theme.accent} bold>
        {`session over after ${view.round} of ${view.rounds} rounds`}
      </Paint>
      <Text>
        {'final score '}
        <Paint theme={theme} color={theme.warning} bold>
          {formatNumber(view.score)}
        </Paint>
        {' · rank '}
        <Paint theme={theme} color={theme.warning} bold>
          {`${view.rank} of ${view.firms}`}
        </Paint>
        {' firms'}
      </Text>
      <Text>Thank you for playing. q quits.</Text>
    </Box>
  );
}
