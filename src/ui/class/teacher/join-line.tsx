import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../../../theme/theme.js';
import { fit, Paint } from '../../shared/widgets.js';

export function joinCommand(address: string | undefined, code: string): string {
  return `cooplab class join ${address ?? '<address>'} --code ${code} --name <your name>`;
}

/** The join command with the room code standing out. */
export function JoinLine({ address, code, theme, width }: { address: string | undefined; code: string; theme: Theme; width: number }): ReactNode {
  const command = joinCommand(address, code);
  const prefix = command.length + 6 <= width ? 'join: ' : '';
  const [before, after] = command.split(`--code ${code}`) as [string, string];
  if (prefix.length + command.length > width) return <Text wrap="truncate">{fit(`join ${address ?? ''} · code ${code}`, width)}</Text>;
  return (
    <Text wrap="truncate">
      {prefix}
      <Paint theme={theme} bold>
        {before}--code{' '}
      </Paint>
      <Paint theme={theme} color={theme.warning} bold>
        {code}
      </Paint>
      <Paint theme={theme} bold>
        {after}
      </Paint>
    </Text>
  );
}
