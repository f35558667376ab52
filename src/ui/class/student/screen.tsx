import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import type { Move } from '../../../core/strategy.js';
import { fit, Paint } from '../../shared/widgets.js';
import { formatNumber } from '../format.js';
import { Keys, Screen, StatusBar } from '../panels.js';
import { AnnouncementBanner, isNew } from './announcement.js';
import { Connecting, Connection } from './connection.js';
import { Ended } from './ended.js';
import { LastRound } from './last-round.js';
import { Partners } from './partners.js';
import { Prompt } from './prompt.js';
import type { StudentAppProps } from './props.js';
import { RoundState } from './round-state.js';
import { RulesLine } from './rules-line.js';

/** The student's screen for the session's phase, top to bottom. */
export function StudentScreen(props: StudentAppProps & { selected: Move }): ReactNode {
  const { view, theme, columns, rows } = props;
  if (view === undefined) return <Connecting {...props} />;
  const compact = rows < 30;
  const keys: [string, string][] =
    view.phase === 'open' && view.chosen === undefined && props.pending === undefined && view.partners.length > 0
      ? [
          ['c', 'co-operate'],
          ['d', 'defect'],
          ['←→ enter', 'pick and send'],
          ['q', 'quit'],
        ]
      : [['q', 'quit']];
  const latest = view.announcements[view.announcements.length - 1];
  const right = view.phase === 'lobby' ? '' : `score ${formatNumber(view.score)} · rank ${view.rank} of ${view.firms}`;
  return (
    <Screen columns={columns} rows={rows} footer={<Keys keys={keys} theme={theme} width={columns} />}>
      <StatusBar theme={theme} left={`cooplab class · ${view.name} · ${roundLabel(view)}`} right={right} width={columns} />
      <Connection {...props} />
      {view.phase === 'lobby' ? (
        <Box flexShrink={0} flexDirection="column" marginTop={1}>
          <Paint theme={theme} color={theme.accent} bold>
            {`joined as ${view.name} — waiting for the teacher to start`}
          </Paint>
          <Text>{`${view.students} student${view.students === 1 ? '' : 's'} in the class so far. Each round you choose C (co-operate) or D (defect).`}</Text>
        </Box>
      ) : view.phase === 'ended' ? (
        <Ended view={view} theme={theme} />
      ) : (
        <RoundState {...props} />
      )}
      {latest === undefined ? null : (
        <AnnouncementBanner
          announcement={latest}
          fresh={isNew(latest, view)}
          // Several changes at once (crisis, then a fine): the earlier new ones keep a line each.
          earlier={view.announcements
            .slice(0, -1)
            .filter((announcement) => isNew(announcement, view))
            .slice(compact ? -1 : -2)}
          theme={theme}
          width={columns}
          compact={compact}
        />
      )}
      {view.phase === 'open' || view.phase === 'closed' ? <Partners view={view} theme={theme} width={columns} compact={compact} /> : null}
      {view.phase === 'open' ? <Prompt {...props} /> : null}
      {view.last === undefined || view.phase === 'lobby' ? null : <LastRound view={view} theme={theme} width={columns} compact={compact} />}
      <RulesLine view={view} theme={theme} width={columns} />
      {props.notice === undefined ? null : (
        <Paint theme={theme} color={theme.muted}>
          {fit(`host: ${props.notice}`, columns)}
        </Paint>
      )}
    </Screen>
  );
}

function roundLabel(view: SentView): string {
  if (view.phase === 'lobby') return `${view.rounds} rounds · lobby`;
  if (view.phase === 'ended') return 'session over';
  return `round ${view.round}/${view.rounds} · ${view.phase === 'open' ? 'choose now' : 'closed'}`;
}
