import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Move } from '../../../core/strategy.js';
import { fit, Paint } from '../../shared/widgets.js';
import type { StudentAppProps } from './props.js';

/** The choice: the arrows' pick marked before sending, the move sent highlighted after. */
export function Prompt({ view, pending, selected, theme, columns }: StudentAppProps & { selected: Move }): ReactNode {
  if (view === undefined || view.partners.length === 0) return null;
  const chosen = view.chosen ?? pending;
  const option = (move: Move, label: string) => {
    const isChosen = chosen === move;
    const pointed = chosen === undefined && selected === move;
    const text = `${isChosen ? '✓' : pointed ? '▶' : ' '} ${move} ${label} `;
    if (isChosen) {
      return (
        <Paint theme={theme} backgroundColor={move === 'C' ? theme.cooperate : theme.defect} color="#ffffff" bold>
          {theme.colour ? ` ${text}` : `[${text}]`}
        </Paint>
      );
    }
    return (
      <Paint theme={theme} color={move === 'C' ? theme.cooperate : theme.defect} bold={chosen === undefined} dim={chosen !== undefined}>
        {theme.colour ? ` ${text}` : ` ${text} `}
      </Paint>
    );
  };
  const waiting =
    chosen === undefined
      ? 'choose: c co-operate or d defect'
      : view.chosen === undefined
        ? `sending ${chosen}…`
        : `you chose ${chosen} — waiting for the others: ${view.answered}/${view.students} answered`;
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1} width={columns}>
      <Text>
        {option('C', 'co-operate')}
        {'   '}
        {option('D', 'defect')}
      </Text>
      <Paint theme={theme} bold={chosen !== undefined}>
        {fit(waiting, columns)}
      </Paint>
    </Box>
  );
}
