import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClassSnapshot } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { Paint } from '../../shared/widgets.js';
import { Countdown } from '../panels.js';

/** Where the round stands: its countdown and answers while open, what comes next once closed, the end. */
export function RoundLine({
  snapshot,
  holding,
  now,
  written,
  theme,
  width,
}: {
  snapshot: ClassSnapshot;
  holding: boolean;
  now: number;
  written: 'yes' | 'no' | 'failed';
  theme: Theme;
  width: number;
}): ReactNode {
  const round = `ROUND ${snapshot.round} / ${snapshot.rounds}`;
  if (snapshot.phase === 'open') {
    const totalMs = snapshot.timeLimit * 1000;
    // The clock only ticks while a round is open: clamp a stale `now` to the round's length.
    const remaining = Math.max(0, Math.min(totalMs, (snapshot.deadline ?? now) - now));
    const away = snapshot.seats.filter((seat) => seat.kind === 'student' && !seat.connected).length;
    const answered = `answered ${snapshot.answered}/${snapshot.students}${away > 0 ? ` (${away} away)` : ''}`;
    const barWidth = Math.max(12, Math.min(40, width - round.length - answered.length - 8));
    return (
      <Text wrap="truncate">
        <Paint theme={theme} color={theme.accent} bold>
          {round}
        </Paint>
        {'   '}
        <Countdown remainingMs={remaining} totalMs={totalMs} width={barWidth} theme={theme} />
        {'   '}
        <Paint theme={theme} bold>
          {answered}
        </Paint>
      </Text>
    );
  }
  if (snapshot.phase === 'closed') {
    return (
      <Text wrap="truncate">
        <Paint theme={theme} color={theme.accent} bold>
          {snapshot.round === 0 ? 'SESSION STARTED' : `${round} closed`}
        </Paint>
        {'   '}
        {holding ? (
          <Paint theme={theme} color={theme.warning} bold>
            {`ON HOLD: press space to open round ${snapshot.round + 1}`}
          </Paint>
        ) : (
          `round ${snapshot.round + 1} opens in a moment (space: now, p: hold)`
        )}
      </Text>
    );
  }
  return (
    <Paint theme={theme} color={theme.warning} bold>
      {`session over after ${snapshot.series.length} of ${snapshot.rounds} rounds — ${written === 'yes' ? 'results written' : written === 'failed' ? 'the results could not be written' : 'writing the results…'}`}
    </Paint>
  );
}
