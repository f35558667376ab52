import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClientStatus } from '../../classroom/client.js';
import type { SentView } from '../../classroom/protocol.js';
import type { Announcement, PartnerView } from '../../classroom/session.js';
import type { Move } from '../../core/strategy.js';
import { bar } from '../cluster/chart-rows.js';
import type { Theme } from '../../theme/theme.js';
import { fit, Paint } from '../shared/widgets.js';
import { formatNumber, sanctionsText, signed, wrapWords } from './format.js';
import { useStudentKeys } from './hooks.js';
import { Countdown, Keys, Screen, MoveLetter, StatusBar, Title } from './panels.js';

/**
 * A student's screen: one firm's round — who you play, what is at stake, how much you trust
 * them, the choice and its countdown, the last result and the rules — and, when the teacher
 * intervenes, what changed and why. It renders its props only; the launcher owns the client.
 */

export interface StudentAppProps {
  readonly view: SentView | undefined;
  /** When `view` arrived (ms since the epoch): its time left counts from then. */
  readonly receivedAt: number;
  readonly now: number;
  readonly status: ClientStatus;
  /** The host's latest notice (a refused move, for instance). */
  readonly notice: string | undefined;
  /** Why the connection is gone for good. */
  readonly closedReason: string | undefined;
  /** A move sent in the open round that the host has not confirmed yet. */
  readonly pending?: Move | undefined;
  /** Where the client connects, for the screen before the first view. */
  readonly address?: string | undefined;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly onChoose: (move: Move) => void;
  readonly onQuit: () => void;
}

export function StudentApp(props: StudentAppProps): ReactNode {
  const { view } = props;
  const chosen = view?.chosen ?? props.pending;
  const canChoose = view !== undefined && view.phase === 'open' && chosen === undefined && view.partners.length > 0 && props.status === 'joined';
  const selected = useStudentKeys({ canChoose, onChoose: props.onChoose, onQuit: props.onQuit });
  return <StudentScreen {...props} selected={selected} />;
}

/** The time left of the open round, counted down from when the view arrived. */
export function remainingOf(view: SentView, receivedAt: number, now: number): number {
  return Math.max(0, (view.remainingMs ?? 0) - Math.max(0, now - receivedAt));
}

/**
 * An announcement is new until the student has seen a round's result under it: made since
 * the last result, or during the round now open.
 */
export function isNew(announcement: Announcement, view: SentView): boolean {
  return announcement.round >= (view.last?.round ?? 0);
}

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

function Connecting({ status, closedReason, address, theme, columns }: StudentAppProps): ReactNode {
  if (closedReason !== undefined) {
    return (
      <Box flexShrink={0} flexDirection="column" width={columns}>
        <Paint theme={theme} color={theme.defect} bold>
          {`could not join: ${closedReason}`}
        </Paint>
        <Text>q quits</Text>
      </Box>
    );
  }
  return <Text>{`${status === 'reconnecting' ? 'reconnecting' : 'connecting'} to the class session${address === undefined ? '' : ` at ${address}`}…`}</Text>;
}

/** A lost connection is said plainly: the student must know their move may not arrive. */
function Connection({ status, closedReason, view, theme, columns }: StudentAppProps): ReactNode {
  if (view?.phase === 'ended') return null;
  if (closedReason !== undefined || status === 'closed') {
    return (
      <Paint theme={theme} color={theme.defect} bold>
        {fit(`disconnected: ${closedReason ?? 'the connection is closed'} — press q to quit`, columns)}
      </Paint>
    );
  }
  if (status === 'reconnecting' || status === 'connecting') {
    return (
      <Paint theme={theme} color={theme.warning} bold>
        {fit('connection lost — reconnecting… (your firm keeps its seat)', columns)}
      </Paint>
    );
  }
  return null;
}

function RoundState({ view, receivedAt, now, theme, columns }: StudentAppProps): ReactNode {
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

function AnnouncementBanner({
  announcement,
  fresh,
  earlier,
  theme,
  width,
  compact,
}: {
  announcement: Announcement;
  fresh: boolean;
  earlier: readonly Announcement[];
  theme: Theme;
  width: number;
  compact: boolean;
}): ReactNode {
  const when = (entry: Announcement) => (entry.round === 0 ? 'before round 1' : `from round ${entry.from}`);
  const label = `${fresh ? 'NEW · ' : ''}${when(announcement)}: ${announcement.label}`;
  const inner = compact ? width : width - 4;
  const why = wrapWords(announcement.why, inner, compact ? 2 : 4);
  const colour = fresh ? theme.warning : theme.muted;
  const body = (
    <>
      <Paint theme={theme} color={colour} bold>
        {fit(`${compact && fresh ? '▶ ' : ''}${label}`, inner)}
      </Paint>
      {why.map((line, index) => (
        <Text key={index}>{line}</Text>
      ))}
      {earlier.map((entry, index) => (
        <Paint key={`earlier-${index}`} theme={theme} color={theme.muted}>
          {fit(`also new · ${when(entry)}: ${entry.label}`, inner)}
        </Paint>
      ))}
    </>
  );
  if (compact) {
    return (
      <Box flexShrink={0} flexDirection="column" width={width} marginTop={1}>
        {body}
      </Box>
    );
  }
  return (
    <Box
      flexShrink={0}
      flexDirection="column"
      width={width}
      borderStyle={fresh ? 'double' : 'round'}
      borderColor={theme.colour ? colour : undefined}
      paddingX={1}
    >
      {body}
    </Box>
  );
}

function MoveRun({ moves, theme }: { moves: readonly Move[]; theme: Theme }): ReactNode {
  if (moves.length === 0)
    return (
      <Paint theme={theme} color={theme.muted}>
        –
      </Paint>
    );
  return moves.map((move, index) => (
    <Text key={index}>
      {index > 0 ? ' ' : ''}
      <MoveLetter move={move} theme={theme} />
    </Text>
  ));
}

function stakes(partner: PartnerView): string {
  const { R, S, T, P, cost } = partner.activity;
  const numbers = `R ${formatNumber(R)}  S ${formatNumber(S)}  T ${formatNumber(T)}  P ${formatNumber(P)}`;
  return cost > 0 ? `${numbers}  cost ${formatNumber(cost)}` : numbers;
}

/**
 * Each partner: the activity you play with them and its stakes, your trust in them and your
 * recent moves with them. On one line when it fits, else two.
 */
function Partners({ view, theme, width, compact }: { view: SentView; theme: Theme; width: number; compact: boolean }): ReactNode {
  const open = view.phase === 'open';
  const title = open
    ? view.partners.length === 1
      ? `your partner in round ${view.round}`
      : `your ${view.partners.length} partners in round ${view.round} (one choice plays them all)`
    : `your ${view.partners.length === 1 ? 'partner' : 'partners'} in round ${view.round}: your trust in them now`;
  if (view.partners.length === 0) {
    return (
      <Box flexShrink={0} marginTop={1}>
        <Text>{open ? 'you sit this round out: no partner is free' : ''}</Text>
      </Box>
    );
  }
  const name = Math.min(16, Math.max(...view.partners.map((partner) => partner.name.length)));
  const activity = Math.max(...view.partners.map((partner) => partner.activity.name.length + (partner.activity.lowRisk ? 11 : 8)));
  const stake = Math.max(...view.partners.map((partner) => stakes(partner).length));
  const history = Math.max(...view.partners.map((partner) => Math.max(1, partner.yours.length * 2 - 1)));
  const first = 2 + name + 2 + activity + 2 + stake;
  // 'trust ', the bar, ' 0.20', '  you ', the moves, '  they ', the moves.
  const second = 6 + 10 + 5 + 6 + history + 7 + history;
  // Between rounds the activity on screen would be the next round's: only trust and moves then.
  const oneLine = !open || first + 3 + second <= width;
  // Compact screens drop the stakes of a lattice's four partners to keep the prompt in view.
  const twoLines = !oneLine && !(compact && view.partners.length > 2);
  return (
    <Box flexShrink={0} flexDirection="column" width={width} marginTop={1}>
      <Title theme={theme}>{fit(title, width)}</Title>
      {view.partners.map((partner) => {
        const head = (
          <Text>
            {'  '}
            <Paint theme={theme} bold>
              {fit(partner.name, name).padEnd(name)}
            </Paint>
            {'  '}
            {open ? `${partner.activity.name} (${partner.activity.lowRisk ? 'low-risk' : 'risky'})`.padEnd(activity) : ''}
            {open && (twoLines || oneLine) ? `  ${stakes(partner).padEnd(stake)}` : ''}
          </Text>
        );
        const tail = (
          <Text>
            {'trust '}
            <Paint theme={theme} color={theme.accent}>
              {theme.colour ? bar(partner.trust, 10) : bar(partner.trust, 10).replaceAll(' ', '░')}
            </Paint>
            {` ${partner.trust.toFixed(2)}  you `}
            <MoveRun moves={partner.yours} theme={theme} />
            {'  they '}
            <MoveRun moves={partner.theirs} theme={theme} />
          </Text>
        );
        return oneLine || !twoLines ? (
          <Text key={partner.name} wrap="truncate">
            {head}
            {'   '}
            {tail}
          </Text>
        ) : (
          <Box flexShrink={0} key={partner.name} flexDirection="column">
            <Text wrap="truncate">{head}</Text>
            <Text wrap="truncate">
              {' '.repeat(4 + name)}
              {tail}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

/** The choice: the arrows' pick marked before sending, the move sent highlighted after. */
function Prompt({ view, pending, selected, theme, columns }: StudentAppProps & { selected: Move }): ReactNode {
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

/** The last round's result: your move, each partner's, what you earned and paid. */
function LastRound({ view, theme, width, compact }: { view: SentView; theme: Theme; width: number; compact: boolean }): ReactNode {
  const last = view.last!;
  const fines = last.outcomes.reduce((sum, outcome) => sum + outcome.fine, 0);
  const head = `you played ${last.move}${last.answered ? '' : ' (no answer in time)'} · payoff ${signed(last.payoff)}${fines !== 0 ? ` · fines ${formatNumber(fines)}` : ''}`;
  if (compact) {
    const partners = last.outcomes.map((outcome) => `${outcome.name} ${outcome.theirs}`).join(', ');
    return (
      <Box flexShrink={0} marginTop={1} width={width}>
        <Text wrap="truncate">
          <Title theme={theme}>{`round ${last.round} result: `}</Title>
          {`${head} · they: ${partners}`}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1} width={width}>
      <Text wrap="truncate">
        <Title theme={theme}>{`round ${last.round} result: `}</Title>
        {head}
      </Text>
      {last.outcomes.map((outcome) => (
        <Text key={outcome.name} wrap="truncate">
          {'  '}
          {fit(outcome.name, 16).padEnd(16)}
          {'  you '}
          <MoveLetter move={outcome.yours} theme={theme} />
          {'  they '}
          <MoveLetter move={outcome.theirs} theme={theme} />
          {`  ${outcome.activity.padEnd(20)}  ${signed(outcome.payoff).padStart(6)}`}
          {outcome.fine > 0 ? `  fined ${formatNumber(outcome.fine)}` : outcome.fine < 0 ? `  compensated ${formatNumber(-outcome.fine)}` : ''}
        </Text>
      ))}
    </Box>
  );
}

function RulesLine({ view, theme, width }: { view: SentView; theme: Theme; width: number }): ReactNode {
  const { rules } = view;
  const offered = `on offer: ${rules.activities
    .filter((activity) => activity.enabled)
    .map((activity) => `${activity.name}${activity.lowRisk ? ' (low-risk)' : ''}`)
    .join(', ')}`;
  const crisis = rules.crisis ? `CRISIS ×${formatNumber(rules.temptationFactor)}` : 'no crisis';
  const first = `rules ${sanctionsText(rules)} · ${crisis}`;
  // What is on offer moves to a line of its own rather than being cut off.
  const oneLine = first.length + 3 + offered.length <= width;
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1} width={width}>
      <Text wrap="truncate">
        <Title theme={theme}>rules </Title>
        {`${sanctionsText(rules)} · `}
        {rules.crisis ? (
          <Paint theme={theme} color={theme.warning} bold>
            {crisis}
          </Paint>
        ) : (
          crisis
        )}
        {oneLine ? ` · ${offered}` : ''}
      </Text>
      {oneLine ? null : <Text wrap="truncate">{`      ${offered}`}</Text>}
    </Box>
  );
}

function Ended({ view, theme }: { view: SentView; theme: Theme }): ReactNode {
  return (
    <Box flexShrink={0} flexDirection="column" marginTop={1}>
      <Paint theme={theme} color={theme.accent} bold>
        {`session over after ${view.round} of ${view.rounds} rounds`}
      </Paint>
      <Text>
        {'final score '}
        <Paint theme={theme} color={theme.warning} bold>
          {formatNumber(view.score)}
        </Paint>
        {' · rank '}
        <Paint theme={theme} color={theme.warning} bold>
          {`${view.rank} of ${view.firms}`}
        </Paint>
        {' firms'}
      </Text>
      <Text>Thank you for playing. q quits.</Text>
    </Box>
  );
}
