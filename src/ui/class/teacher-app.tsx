import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClassCommand, ClassSnapshot, SeatState } from '../../classroom/session.js';
import type { Theme } from '../../theme/theme.js';
import { fit, Paint } from '../shared/widgets.js';
import { bigText, bigWidth, BIG_ROWS } from './big-text.js';
import { abbreviate, formatNumber, leaderboard, sittingOut, wrapCount } from './format.js';
import { useTeacherKeys } from './hooks.js';
import { Countdown, hintRows, Keys, Screen, MoveLetter, Rules, RoundChart, StatusBar, Title } from './panels.js';

/**
 * The teacher's screen, projected for the class: the room code, the round and its countdown,
 * the class (lattice or pairs), how co-operation and trust develop, the leaderboard, the rules
 * and what happened. It renders its props only; the launcher owns the host and the clock.
 */

export interface TeacherAppProps {
  readonly snapshot: ClassSnapshot;
  /** host:port where students reach the session; the first goes into the join line. */
  readonly addresses: readonly string[];
  readonly code: string;
  /** Rounds wait for the teacher instead of following each other. */
  readonly holding: boolean;
  /** The host's log (joins, leaves, dropped messages, interventions), oldest first. */
  readonly log: readonly string[];
  /** The time (ms since the epoch) the countdown is measured against. */
  readonly now: number;
  /** What was written when the session ended, one line each (undefined: not yet written). */
  readonly results?: readonly string[] | undefined;
  /** Why the results could not be written. */
  readonly resultsError?: string | undefined;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly onCommand: (command: ClassCommand) => void;
  readonly onStart: () => void;
  readonly onNext: () => void;
  readonly onHold: () => void;
  readonly onQuit: () => void;
}

/** From this width the panels sit beside the class instead of below it. */
const SIDE_WIDE = 46;
const SIDE_NARROW = 32;

export function TeacherApp(props: TeacherAppProps): ReactNode {
  useTeacherKeys({
    phase: props.snapshot.phase,
    activities: props.snapshot.rules.activities.length,
    onCommand: props.onCommand,
    onStart: props.onStart,
    onNext: props.onNext,
    onHold: props.onHold,
    onQuit: props.onQuit,
  });
  return <TeacherScreen {...props} />;
}

export function teacherKeys(snapshot: ClassSnapshot, holding: boolean): [string, string][] {
  if (snapshot.phase === 'ended') return [['q', 'quit']];
  const programmes = snapshot.rules.activities.length;
  const interventions: [string, string][] = [
    ['s', 'sanctions'],
    ['f/F', 'fine ±'],
    ['d/D', 'detection ±'],
    [programmes > 1 ? `1–${Math.min(9, programmes)}` : '1', 'programme'],
    ['c', 'crisis'],
    ['q', 'end session'],
  ];
  if (snapshot.phase === 'lobby') return [['space', 'start'], ...interventions];
  return [['space', 'next round now'], ['p', holding ? 'resume auto rounds' : 'hold after this round'], ...interventions];
}

export function TeacherScreen(props: TeacherAppProps): ReactNode {
  return props.snapshot.phase === 'lobby' ? <Lobby {...props} /> : <Session {...props} />;
}

function statusLeft(snapshot: ClassSnapshot): string {
  const timeLimit = snapshot.timeLimit;
  const mode = snapshot.mode === 'lattice' && snapshot.grid !== undefined ? `lattice ${snapshot.grid.width}×${snapshot.grid.height}` : snapshot.mode;
  const length = `${snapshot.rounds} rounds of ${timeLimit} s`;
  return `cooplab class · ${mode} · ${length}`;
}

function phaseText(snapshot: ClassSnapshot, holding: boolean): string {
  switch (snapshot.phase) {
    case 'lobby':
      return 'LOBBY';
    case 'open':
      return `ROUND ${snapshot.round}/${snapshot.rounds} OPEN`;
    case 'closed':
      return `ROUND ${snapshot.round}/${snapshot.rounds} CLOSED${holding ? ' · ON HOLD' : ''}`;
    case 'ended':
      return 'SESSION OVER';
  }
}

export function joinCommand(address: string | undefined, code: string): string {
  return `cooplab class join ${address ?? '<address>'} --code ${code} --name <your name>`;
}

/** The join command with the room code standing out. */
function JoinLine({ address, code, theme, width }: { address: string | undefined; code: string; theme: Theme; width: number }): ReactNode {
  const command = joinCommand(address, code);
  const prefix = command.length + 6 <= width ? 'join: ' : '';
  const [before, after] = command.split(`--code ${code}`) as [string, string];
  if (prefix.length + command.length > width) return <Text wrap="truncate">{fit(`join ${address ?? ''} · code ${code}`, width)}</Text>;
  return (
    <Text wrap="truncate">
      {prefix}
      <Paint theme={theme} bold>
        {before}--code{' '}
      </Paint>
      <Paint theme={theme} color={theme.warning} bold>
        {code}
      </Paint>
      <Paint theme={theme} bold>
        {after}
      </Paint>
    </Text>
  );
}

function Lobby(props: TeacherAppProps): ReactNode {
  const { snapshot, addresses, code, theme, columns, rows } = props;
  const keys = teacherKeys(snapshot, props.holding);
  const rulesRows = 3 + snapshot.rules.activities.length;
  const students = snapshot.seats.filter((seat) => seat.kind === 'student');
  // Status, blank, title, join line(s), blank, [code], names, blank, prompt, blank, …, keys, Ink's last row.
  const base = 5 + (addresses.length > 1 ? 1 : 0) + 3 + hintRows(keys, columns).length + 1;
  // Wide: the rules and the event log side by side; narrow: the log below the rules.
  const wide = columns >= 100;
  const bottomMin = wide ? rulesRows : rulesRows + 3;
  const big = rows - base - BIG_ROWS - 1 >= bottomMin + 1 && bigWidth(code) + 2 <= columns;
  const room = rows - base - (big ? BIG_ROWS + 1 : 0);
  const nameRows = Math.max(1, Math.min(wrapCount(joinedText(students, students.length), columns), room - bottomMin));
  const logRows = Math.max(1, wide ? room - nameRows - 1 : room - nameRows - rulesRows - 2);
  const rulesWidth = wide ? SIDE_WIDE : columns;
  return (
    <Screen columns={columns} rows={rows} footer={<Keys keys={keys} theme={theme} width={columns} />}>
      <StatusBar theme={theme} left={statusLeft(snapshot)} right={`${phaseText(snapshot, props.holding)} · room ${code}`} width={columns} />
      <Text> </Text>
      <Title theme={theme}>Students, join from your own terminal:</Title>
      <Box flexShrink={0} paddingLeft={2} flexDirection="column">
        <JoinLine address={addresses[0]} code={code} theme={theme} width={columns - 2} />
        {addresses.length > 1 ? <Text wrap="truncate">{`or use the address ${addresses.slice(1).join(' or ')}`}</Text> : null}
      </Box>
      {big ? (
        <Box flexShrink={0} flexDirection="column" paddingLeft={2} marginTop={1}>
          {bigText(code).map((line, index) => (
            <Paint key={index} theme={theme} color={theme.warning} bold>
              {line}
            </Paint>
          ))}
        </Box>
      ) : null}
      <Text> </Text>
      <JoinedList students={students} theme={theme} width={columns} rows={nameRows} />
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        {students.length === 0 ? 'waiting for students to join… press space to start with bots only' : 'press space to start'}
      </Paint>
      <Text> </Text>
      <Box flexShrink={0} flexDirection={wide ? 'row' : 'column'} columnGap={4} rowGap={1}>
        <Rules rules={snapshot.rules} theme={theme} width={rulesWidth} keys />
        <EventLog lines={props.log} theme={theme} width={wide ? columns - rulesWidth - 4 : columns} rows={logRows} />
      </Box>
    </Screen>
  );
}

function joinedText(students: readonly SeatState[], shown: number): string {
  const label = (seat: SeatState) => (seat.connected ? seat.name : `${seat.name} (away)`);
  const more = shown < students.length ? ` … and ${students.length - shown} more` : '';
  return `joined (${students.length}): ${students.length === 0 ? 'nobody yet' : students.slice(0, shown).map(label).join(' · ')}${more}`;
}

/** Who has joined, as many names as fit; one who left is shown as away. */
function JoinedList({ students, theme, width, rows }: { students: readonly SeatState[]; theme: Theme; width: number; rows: number }): ReactNode {
  let shown = students.length;
  while (shown > 0 && wrapCount(joinedText(students, shown), width) > rows) shown--;
  const hidden = students.length - shown;
  return (
    <Box flexShrink={0} width={width}>
      <Text wrap="wrap">
        <Title theme={theme}>{`joined (${students.length}):`}</Title>
        {students.length === 0 ? ' nobody yet' : ' '}
        {students.slice(0, shown).map((seat, index) => (
          <Text key={seat.index}>
            {index > 0 ? ' · ' : ''}
            <Paint theme={theme} dim={!seat.connected}>
              {seat.connected ? seat.name : `${seat.name} (away)`}
            </Paint>
          </Text>
        ))}
        {hidden > 0 ? ` … and ${hidden} more` : ''}
      </Text>
    </Box>
  );
}

function RoundLine({
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

function Session(props: TeacherAppProps): ReactNode {
  const { snapshot, theme, columns, rows } = props;
  const keys = teacherKeys(snapshot, props.holding);
  const keyLines = hintRows(keys, columns).length;
  const results = snapshot.phase === 'ended' ? (props.resultsError !== undefined ? [props.resultsError] : (props.results ?? [])).slice(0, 4) : [];
  const written = props.resultsError !== undefined ? 'failed' : props.results !== undefined ? 'yes' : 'no';
  // Status, join line, round line, a blank, the keys, and Ink's last row.
  const body = Math.max(6, rows - 4 - results.length - keyLines - 1);
  const side = columns >= 100 ? SIDE_WIDE : columns >= 70 ? SIDE_NARROW : columns;
  const stacked = side === columns;
  const main = stacked ? columns : columns - side - 2;
  return (
    <Screen columns={columns} rows={rows} footer={<Keys keys={keys} theme={theme} width={columns} />}>
      <StatusBar theme={theme} left={statusLeft(snapshot)} right={`${phaseText(snapshot, props.holding)} · room ${props.code}`} width={columns} />
      <JoinLine address={props.addresses[0]} code={props.code} theme={theme} width={columns} />
      <RoundLine snapshot={snapshot} holding={props.holding} now={props.now} written={written} theme={theme} width={columns} />
      {results.map((line, index) => (
        <Text key={index} wrap="truncate">{`  ${line}`}</Text>
      ))}
      <Text> </Text>
      <Box flexShrink={0} flexDirection={stacked ? 'column' : 'row'} columnGap={2} height={body} overflow="hidden">
        <ClassPanel snapshot={snapshot} theme={theme} width={main} rows={stacked ? Math.ceil(body / 2) : body} />
        <SidePanel snapshot={snapshot} log={props.log} theme={theme} width={side} rows={stacked ? Math.floor(body / 2) : body} />
      </Box>
    </Screen>
  );
}

/** The class (lattice or pairs) above the leaderboard, sharing `rows`. */
function ClassPanel({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
  const boardMin = 1 + Math.min(3, snapshot.seats.length);
  const classRows = Math.max(3, rows - 1 - boardMin);
  const lattice = snapshot.mode === 'lattice' && snapshot.grid !== undefined;
  const used = lattice ? latticeHeight(snapshot, classRows) : pairsHeight(snapshot, width, classRows);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lattice ? (
        <ClassLattice snapshot={snapshot} theme={theme} width={width} rows={classRows} />
      ) : (
        <Pairings snapshot={snapshot} theme={theme} width={width} rows={classRows} />
      )}
      <Text> </Text>
      <Leaderboard snapshot={snapshot} theme={theme} width={width} rows={Math.max(2, rows - used - 1)} />
    </Box>
  );
}

/** Rows of the lattice panel: a title, the grid (spaced when there is room) and a legend. */
function latticeHeight(snapshot: ClassSnapshot, rows: number): number {
  const height = snapshot.grid?.height ?? 0;
  const room = rows - 2;
  if (height * 2 - 1 <= room) return height * 2 - 1 + 2;
  return Math.min(height, room) + 2;
}

/**
 * The class lattice: one cell per firm, the last closed round's move as its colour and letter.
 * An open round shows only who has answered (✓): its choices stay secret until it closes.
 */
function ClassLattice({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
  const grid = snapshot.grid!;
  const cell = Math.max(2, Math.min(16, Math.floor((width + 1) / grid.width) - 1));
  const room = rows - 2;
  const spaced = grid.height * 2 - 1 <= room;
  const shownRows = spaced ? grid.height : Math.min(grid.height, room);
  const cut = shownRows < grid.height;
  const open = snapshot.phase === 'open';
  const colourRound = open ? snapshot.round - 1 : snapshot.round;
  const lines: ReactNode[] = [];
  for (let row = 0; row < (cut ? shownRows - 1 : shownRows); row++) {
    if (spaced && row > 0) lines.push(<Text key={`gap-${row}`}> </Text>);
    const seats = snapshot.seats.slice(row * grid.width, (row + 1) * grid.width);
    lines.push(
      <Text key={row} wrap="truncate">
        {seats.map((seat, column) => (
          <Text key={seat.index}>
            {column > 0 ? ' ' : ''}
            <LatticeCell seat={seat} open={open} width={cell} theme={theme} />
          </Text>
        ))}
      </Text>,
    );
  }
  if (cut) lines.push(<Text key="cut">{`… ${grid.height - shownRows + 1} more rows of the lattice (a larger terminal shows them)`}</Text>);
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Title theme={theme}>{`class lattice ${grid.width}×${grid.height}`}</Title>
        {colourRound > 0 ? ` · moves of round ${colourRound}` : ' · no round played yet'}
      </Text>
      {lines}
      <Text wrap="truncate">
        <Paint theme={theme} color={theme.muted}>
          {fit(
            width >= 64
              ? `C co-operated  D defected  · not played${open ? '  ✓ answered' : ''}  × away  * bot`
              : `C/D moves  · none${open ? '  ✓ answered' : ''}  × away  * bot`,
            width,
          )}
        </Paint>
      </Text>
    </Box>
  );
}

export function latticeCellText(seat: SeatState, open: boolean, width: number): string {
  const glyph = seat.lastMove ?? '·';
  const mark = seat.kind === 'bot' ? '*' : !seat.connected ? '×' : open && seat.answered ? '✓' : ' ';
  if (width < 5) return `${glyph}${mark}`.slice(0, width).padEnd(width);
  return `${glyph}${mark} ${abbreviate(seat.name, width - 3)}`.padEnd(width);
}

function LatticeCell({ seat, open, width, theme }: { seat: SeatState; open: boolean; width: number; theme: Theme }): ReactNode {
  const background = seat.lastMove === 'C' ? theme.cooperate : seat.lastMove === 'D' ? theme.defect : theme.muted;
  return (
    <Paint theme={theme} backgroundColor={background} color="#ffffff" bold={seat.connected} dim={!seat.connected}>
      {latticeCellText(seat, open, width)}
    </Paint>
  );
}

function pairLayout(snapshot: ClassSnapshot, width: number): { name: number; columns: number; entry: number } {
  const longest = Math.max(4, ...snapshot.seats.map((seat) => seat.name.length));
  const fitting = (name: number) => 2 * name + 9;
  let name = Math.min(14, longest);
  while (name > 4 && fitting(name) > width) name--;
  const entry = fitting(name);
  return { name, columns: Math.max(1, Math.floor((width + 3) / (entry + 3))), entry };
}

function pairsHeight(snapshot: ClassSnapshot, width: number, rows: number): number {
  const { columns } = pairLayout(snapshot, width);
  const needed = Math.ceil(snapshot.pairs.length / columns) + (sittingOut(snapshot).length > 0 ? 1 : 0);
  return 1 + Math.max(1, Math.min(needed, rows - 1));
}

/**
 * Who plays whom this round. While the round is open each side shows only whether it has
 * answered; once it closes, the moves played.
 */
function Pairings({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
  const { name, columns } = pairLayout(snapshot, width);
  const open = snapshot.phase === 'open';
  const out = sittingOut(snapshot);
  const room = Math.max(1, rows - 1 - (out.length > 0 ? 1 : 0));
  const lineCount = Math.ceil(snapshot.pairs.length / columns);
  const shownLines = lineCount <= room ? lineCount : room - 1;
  const lines: ReactNode[] = [];
  for (let line = 0; line < shownLines; line++) {
    const pairs = snapshot.pairs.slice(line * columns, (line + 1) * columns);
    lines.push(
      <Text key={line} wrap="truncate">
        {pairs.map(([a, b], index) => (
          <Text key={`${a}-${b}`}>
            {index > 0 ? '   ' : ''}
            <PairEntry a={snapshot.seats[a]!} b={snapshot.seats[b]!} open={open} name={name} theme={theme} />
          </Text>
        ))}
      </Text>,
    );
  }
  if (shownLines < lineCount) lines.push(<Text key="more">{`… ${snapshot.pairs.length - shownLines * columns} more pairs`}</Text>);
  const title = snapshot.round === 0 ? 'pairs' : open ? `pairs of round ${snapshot.round} · ✓ answered` : `moves of round ${snapshot.round}`;
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Title theme={theme}>{fit(title, width)}</Title>
      {snapshot.pairs.length === 0 ? <Text>no pairs yet</Text> : lines}
      {out.length > 0 ? <Text wrap="truncate">{`sits this round out: ${out.map((seat) => seat.name).join(', ')}`}</Text> : null}
    </Box>
  );
}

function PairEntry({ a, b, open, name, theme }: { a: SeatState; b: SeatState; open: boolean; name: number; theme: Theme }): ReactNode {
  const side = (seat: SeatState, left: boolean) => {
    const label = abbreviate(seat.name, name);
    const colour = open || seat.lastMove === undefined ? undefined : seat.lastMove === 'C' ? theme.cooperate : theme.defect;
    const mark = open ? (
      <Text>{seat.kind === 'bot' ? '*' : !seat.connected ? '×' : seat.answered ? '✓' : ' '}</Text>
    ) : (
      <MoveLetter move={seat.lastMove} theme={theme} />
    );
    const text = (
      <Paint theme={theme} color={colour} bold={!open} dim={!seat.connected}>
        {label}
      </Paint>
    );
    // The mark sits beside its name; the padding goes on the outside, so the arrows line up.
    const padding = ' '.repeat(name - label.length);
    return left ? (
      <Text>
        {padding}
        {mark} {text}
      </Text>
    ) : (
      <Text>
        {text} {mark}
        {padding}
      </Text>
    );
  };
  return (
    <Text>
      {side(a, true)}
      {' ↔ '}
      {side(b, false)}
    </Text>
  );
}

/** Scores, best first, flowing into columns when the class is larger than the panel is tall. */
function Leaderboard({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
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

/** Charts, rules and the event log, sharing `rows`; the log gets what is left. */
function SidePanel({
  snapshot,
  log,
  theme,
  width,
  rows,
}: {
  snapshot: ClassSnapshot;
  log: readonly string[];
  theme: Theme;
  width: number;
  rows: number;
}): ReactNode {
  const rulesRows = 3 + snapshot.rules.activities.length;
  const chartRows = (height: number) => 1 + height + (height > 1 ? 1 : 0);
  // Rules, the gaps between the four panels and a log of at least two lines come first; the charts get the rest.
  const forCharts = rows - rulesRows - 3 - 3;
  const [cooperationHeight, trustHeight] = (
    [
      [5, 4],
      [4, 3],
      [3, 3],
      [3, 2],
      [2, 2],
      [1, 1],
    ] as const
  ).find(([a, b]) => chartRows(a) + chartRows(b) <= forCharts) ?? [1, 1];
  const logRows = Math.max(1, rows - chartRows(cooperationHeight) - chartRows(trustHeight) - rulesRows - 3 - 1);
  const percent = (value: number) => `${Math.round(value * 100)}%`;
  return (
    <Box flexDirection="column" width={width} flexShrink={0} rowGap={1} overflow="hidden">
      <RoundChart
        title="co-operation"
        values={snapshot.series.map((round) => round.cooperation)}
        rounds={snapshot.rounds}
        width={width}
        height={cooperationHeight}
        colour={theme.cooperate}
        format={percent}
        theme={theme}
      />
      <RoundChart
        title="mean trust"
        values={snapshot.series.map((round) => round.meanTrust)}
        rounds={snapshot.rounds}
        width={width}
        height={trustHeight}
        colour={theme.accent}
        format={(value) => value.toFixed(2)}
        theme={theme}
      />
      <Rules rules={snapshot.rules} theme={theme} width={width} keys />
      <EventLog lines={log} theme={theme} width={width} rows={logRows} />
    </Box>
  );
}

function EventLog({ lines, theme, width, rows }: { lines: readonly string[]; theme: Theme; width: number; rows: number }): ReactNode {
  const shown = lines.slice(-rows);
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Title theme={theme}>events</Title>
      {shown.length === 0 ? <Text dimColor={theme.colour}>none yet</Text> : null}
      {shown.map((line, index) => (
        <Text key={lines.length - shown.length + index} wrap="truncate">
          {fit(line, width)}
        </Text>
      ))}
    </Box>
  );
}
