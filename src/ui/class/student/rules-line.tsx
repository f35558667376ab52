import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import type { Theme } from '../../../theme/theme.js';
import { Paint } from '../../shared/widgets.js';
import { formatNumber, sanctionsText } from '../format.js';
import { Title } from '../panels.js';

/** The rules in force and the activities on offer, on one line or two. */
export function RulesLine({ view, theme, width }: { view: SentView; theme: Theme; width: number }): ReactNode {
  const { rules } = view;
  const offered = `on offer: ${rules.activities
    .filter((activity) => activity.enabled)
    .map((activity) => `${activity.name}${activity.lowRisk ? ' (low-risk)' : ''}`)
    .join(', ')}`;
  const crisis = rules.crisis ? `CRISIS ×${formatNumber(rules.temptationFactor)}` : 'no crisis';
  const first = `rules ${sanctionsText(rules)} · ${crisis}`;
  // What is on offer moves to a line of its own rather than being cut off.
  const oneLine = first.length + 3 + offered.length <= width;
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1} width={width}>
      <Text wrap="truncate">
        <Title theme={theme}>rules </Title>
        {`${sanctionsText(rules)} · `}
        {rules.crisis ? (
          <Paint theme={theme} color={theme.warning} bold>
            {crisis}
          </Paint>
        ) : (
          crisis
        )}
        {oneLine ? ` · ${offered}` : ''}
      </Text>
      {oneLine ? null : <Text wrap="truncate">{`      ${offered}`}</Text>}
    </Box>
  );
}
