import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClassSnapshot } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { Paint } from '../../shared/widgets.js';
import { abbreviate, formatNumber, leaderboard } from '../format.js';
import { Title } from '../panels.js';

/** Scores, best first, flowing into columns when the class is larger than the panel is tall. */
export function Leaderboard({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
  const ranked = leaderboard(snapshot.seats);
  const name = Math.min(18, Math.max(4, ...snapshot.seats.map((seat) => seat.name.length)));
  const entry = name + 17;
  const columns = Math.max(1, Math.min(Math.ceil(ranked.length / Math.max(1, rows - 1)), Math.floor((width + 2) / (entry + 2))));
  const perColumn = Math.max(1, rows - 1);
  const shown = Math.min(ranked.length, perColumn * columns);
  const cut = shown < ranked.length;
  const visible = ranked.slice(0, cut ? shown - 1 : shown);
  const lines = Array.from({ length: Math.min(perColumn, Math.ceil(shown / columns)) }, (_, line) =>
    Array.from({ length: columns }, (_, column) => column * perColumn + line).filter((index) => index < visible.length),
  );
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Title theme={theme}>leaderboard</Title>
      {lines.map((indexes, line) => (
        <Text key={line} wrap="truncate">
          {indexes.map((index, column) => {
            const { rank, seat } = visible[index]!;
            return (
              <Text key={seat.index}>
                {column > 0 ? '  ' : ''}
                {`${String(rank).padStart(3)}. `}
                <Paint theme={theme} bold={rank === 1 && seat.score > 0} dim={seat.kind === 'bot'}>
                  {abbreviate(seat.name, name).padEnd(name)}
                </Paint>
                {` ${formatNumber(seat.score).padStart(7)} `}
                <Paint theme={theme} color={theme.muted}>
                  {seat.kind === 'bot' ? 'bot ' : seat.connected ? '    ' : 'away'}
                </Paint>
              </Text>
            );
          })}
        </Text>
      ))}
      {cut ? <Text>{`… ${ranked.length - visible.length} more`}</Text> : null}
    </Box>
  );
}
