import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../../theme/theme.js';
import { Paint } from '../shared/widgets.js';

/** A framed box with a title. */
export function Panel({ title, theme, children }: { title: string; theme: Theme; children?: ReactNode }): ReactNode {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.colour ? theme.muted : undefined} paddingX={1}>
      <Paint theme={theme} color={theme.accent} bold>
        {title}
      </Paint>
      {children}
    </Box>
  );
}
