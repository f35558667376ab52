import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Game } from '../../core/game.js';
import type { InteractiveMatchState } from '../../core/interactive-match.js';
import type { Theme } from '../../theme/theme.js';
import { formatScore, Paint } from '../shared/widgets.js';
import { MoveGlyph } from './move-glyph.js';

/** Both histories and your points, round by round; the most recent rounds when they do not all fit. */
export function Histories({ state, game, theme, width }: { state: InteractiveMatchState; game: Game; theme: Theme; width: number }): ReactNode {
  const label = 11;
  const integral = [game.R, game.S, game.T, game.P].every(Number.isInteger);
  const cell = integral ? 4 : 6;
  const room = Math.max(1, Math.floor((width - label - 2) / cell));
  const first = Math.max(0, state.played - room);
  const rounds = Array.from({ length: state.played - first }, (_, offset) => first + offset);
  const gap = first > 0 ? '…' : ' ';
  const table = { CC: game.R, CD: game.S, DC: game.T, DD: game.P } as const;
  const pad = ' '.repeat(cell - 1);
  const moves = (who: 'human' | 'opponent', title: string) => (
    <Text>
      {`${title.padEnd(label)}${gap}`}
      {rounds.map((round) => (
        <Text key={round}>
          {pad}
          <MoveGlyph move={state[who][round]!} theme={theme} />
        </Text>
      ))}
    </Text>
  );
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.accent} bold>
        History
      </Paint>
      <Paint theme={theme} color={theme.muted}>
        {`${'   round'.padEnd(label)}${gap}${rounds.map((round) => String(round + 1).padStart(cell)).join('')}`}
      </Paint>
      {moves('human', '   you')}
      {moves('opponent', '   them')}
      <Paint theme={theme} color={theme.muted}>
        {`${'   points'.padEnd(label)}${gap}${rounds
          .map((round) => formatScore(table[`${state.human[round]!}${state.opponent[round]!}`]).padStart(cell))
          .join('')}`}
      </Paint>
    </Box>
  );
}
