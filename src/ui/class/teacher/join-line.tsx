import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../../../theme/theme.js';
import { fit, Paint } from '../../shared/widgets.js';

export function joinCommand(address: string | undefined, code: string): string {
  return `cooplab class join ${address ?? '<address>'} --code ${code} --name <your name>`;
}

/** The join command with the room code standing out; the web page's address after it when it fits (latecomers need it). */
export function JoinLine({
  address,
  code,
  theme,
  width,
  pageUrl,
}: {
  address: string | undefined;
  code: string;
  theme: Theme;
  width: number;
  pageUrl?: string | undefined;
}): ReactNode {
  const command = joinCommand(address, code);
  const prefix = command.length + 6 <= width ? 'join: ' : '';
  const web = pageUrl === undefined ? '' : ` · or open ${pageUrl}`;
  const [before, after] = command.split(`--code ${code}`) as [string, string];
  if (prefix.length + command.length > width) {
    const short = `join ${address ?? ''} · code ${code}`;
    return <Text wrap="truncate">{fit(short.length + web.length <= width ? `${short}${web}` : short, width)}</Text>;
  }
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
      {prefix.length + command.length + web.length <= width ? web : ''}
    </Text>
  );
}
