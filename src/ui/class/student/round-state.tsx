import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import { fit, Paint } from '../../shared/widgets.js';
import { Countdown } from '../panels.js';
import type { StudentAppProps } from './props.js';

/** The time left of the open round, counted down from when the view arrived. */
export function remainingOf(view: SentView, receivedAt: number, now: number): number {
  return Math.max(0, (view.remainingMs ?? 0) - Math.max(0, now - receivedAt));
}

/** The open round's countdown and what happens without an answer; between rounds, what comes next. */
export function RoundState({ view, receivedAt, now, theme, columns }: StudentAppProps): ReactNode {
  if (view === undefined) return null;
  if (view.phase === 'open') {
    const remaining = remainingOf(view, receivedAt, now);
    const fallback = view.defaultMove === 'C' ? 'C (co-operate)' : 'D (defect)';
    const hint = `no answer in time: you play ${fallback}`;
    const barWidth = Math.max(10, Math.min(50, columns - hint.length - 6));
    return (
      <Text wrap="truncate">
        <Countdown remainingMs={remaining} totalMs={view.timeLimit * 1000} width={barWidth} theme={theme} />
        {columns >= barWidth + hint.length + 4 ? (
          <Paint theme={theme} color={theme.muted}>
            {`   ${hint}`}
          </Paint>
        ) : null}
      </Text>
    );
  }
  return (
    <Paint theme={theme} color={theme.accent} bold>
      {fit(`round ${view.round} closed — round ${view.round + 1} of ${view.rounds} opens soon`, columns)}
    </Paint>
  );
}
