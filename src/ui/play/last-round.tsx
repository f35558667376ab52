import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { InteractiveMatchState } from '../../core/interactive-match.js';
import type { Move } from '../../core/strategy.js';
import type { Theme } from '../../theme/theme.js';
import { formatScore, Paint } from '../shared/widgets.js';

/** A round's payoff with its sign: +3, +0, -0.3. */
function signed(value: number): string {
  const text = formatScore(value);
  return text.startsWith('-') ? text : `+${text}`;
}

function describeMove(move: Move, subject: 'you' | 'they'): string {
  return `${subject} ${move === 'C' ? 'co-operated' : 'defected'}`;
}

/** What happened in the last round, or how to start. */
export function LastRound({ state, theme }: { state: InteractiveMatchState; theme: Theme }): ReactNode {
  const last = state.last;
  if (last === undefined) {
    return <Text>{'Choose your first move: co-operate (C) or defect (D). Your opponent chooses at the same time.'}</Text>;
  }
  return (
    <Text>
      {`Round ${last.round}: ${describeMove(last.human, 'you')}, ${describeMove(last.opponent, 'they')}: `}
      <Paint theme={theme} bold>{`you ${signed(last.payoffs[0])}`}</Paint>
      {`, them ${signed(last.payoffs[1])}.`}
    </Text>
  );
}
