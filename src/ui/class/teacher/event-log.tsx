import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../../../theme/theme.js';
import { fit } from '../../shared/widgets.js';
import { Title } from '../panels.js';

/** The host's log, the latest `rows` lines. */
export function EventLog({ lines, theme, width, rows }: { lines: readonly string[]; theme: Theme; width: number; rows: number }): ReactNode {
  const shown = lines.slice(-rows);
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Title theme={theme}>events</Title>
      {shown.length === 0 ? <Text dimColor={theme.colour}>none yet</Text> : null}
      {shown.map((line, index) => (
        <Text key={lines.length - shown.length + index} wrap="truncate">
          {fit(line, width)}
        </Text>
      ))}
    </Box>
  );
}
