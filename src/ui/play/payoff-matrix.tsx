import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Game } from '../../core/game.js';
import type { Theme } from '../../theme/theme.js';
import { formatScore } from '../shared/widgets.js';
import { MoveGlyph } from './move-glyph.js';
import { Panel } from './panel.js';

export function PayoffMatrix({ game, theme }: { game: Game; theme: Theme }): ReactNode {
  const cell = (mine: number, theirs: number) => `${formatScore(mine)}, ${formatScore(theirs)}`.padEnd(12);
  return (
    <Panel title="Payoffs per round (yours, theirs)" theme={theme}>
      <Text>
        {'          they '}
        <MoveGlyph move="C" theme={theme} />
        {'      they '}
        <MoveGlyph move="D" theme={theme} />
      </Text>
      <Text>
        {'you '}
        <MoveGlyph move="C" theme={theme} />
        {'     '}
        {cell(game.R, game.R)}
        {cell(game.S, game.T)}
      </Text>
      <Text>
        {'you '}
        <MoveGlyph move="D" theme={theme} />
        {'     '}
        {cell(game.T, game.S)}
        {cell(game.P, game.P)}
      </Text>
    </Panel>
  );
}
