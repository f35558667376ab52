import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../../theme/theme.js';
import { KeyHints } from '../shared/widgets.js';

export function Keys({ theme, finished }: { theme: Theme; finished: boolean }): ReactNode {
  const keys: [string, string][] = finished
    ? [['q', 'quit']]
    : [
        ['C', 'co-operate'],
        ['D', 'defect'],
        ['q', 'quit'],
      ];
  return (
    <Text>
      <KeyHints keys={keys} theme={theme} gap="   " />
    </Text>
  );
}
