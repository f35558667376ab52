import type { ReactNode } from 'react';
import type { Move } from '../../core/strategy.js';
import type { Theme } from '../../theme/theme.js';
import { Paint } from '../shared/widgets.js';

export function MoveGlyph({ move, theme }: { move: Move; theme: Theme }): ReactNode {
  return (
    <Paint theme={theme} color={move === 'C' ? theme.cooperate : theme.defect} bold>
      {move}
    </Paint>
  );
}
