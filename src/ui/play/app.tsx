import { Box, Text, useApp, useInput } from 'ink';
import { useState, type ReactNode } from 'react';
import type { Game } from '../../core/game.js';
import { placeInField, type FieldEntry, type InteractiveMatchState, type PlacedRow } from '../../core/interactive-match.js';
import type { Move, Strategy } from '../../core/strategy.js';
import type { Theme } from '../../theme/theme.js';
import { fit, formatScore, KeyHints, NARROW_COLUMNS, Paint, useTerminalSize } from '../shared/widgets.js';
import { condense, ordinal } from './model.js';

/** What play mode knows besides the state of the game. */
export interface PlayInfo {
  readonly opponent: Strategy;
  /** Drawn at random: its name stays hidden until the end. */
  readonly hidden: boolean;
  readonly game: Game;
  /** Probability of ending after each round; undefined for a fixed number of rounds. */
  readonly probEnd: number | undefined;
  /** The cluster activity being played, if any. */
  readonly activity?: { readonly name: string; readonly lowRisk: boolean; readonly description?: string | undefined } | undefined;
  readonly seed: number;
  /** How every other built-in fares against the opponent over the same rounds, best first. */
  readonly field: readonly FieldEntry[];
}

/** The game a person plays (InteractiveMatch is one). */
export interface PlaySource {
  readonly state: InteractiveMatchState;
  play(move: Move): unknown;
}

export interface PlayScreenProps {
  readonly state: InteractiveMatchState;
  readonly info: PlayInfo;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
}

function MoveGlyph({ move, theme }: { move: Move; theme: Theme }): ReactNode {
  return (
    <Paint theme={theme} color={move === 'C' ? theme.cooperate : theme.defect} bold>
      {move}
    </Paint>
  );
}

function opponentLabel(info: PlayInfo): string {
  return info.hidden ? 'a hidden strategy' : `${info.opponent.name} (${info.opponent.id})`;
}

function Header({ state, info, theme }: { state: InteractiveMatchState; info: PlayInfo; theme: Theme }): ReactNode {
  const round = state.finished
    ? `game over after ${state.played} round${state.played === 1 ? '' : 's'}`
    : state.lengthKnown
      ? `round ${state.played + 1} of ${state.length}`
      : `round ${state.played + 1} · the game may end after any round (p = ${info.probEnd})`;
  return (
    <Box flexDirection="column">
      <Text>
        <Paint theme={theme} color={theme.accent} bold>
          cooplab play
        </Paint>
        {`  ${round}`}
      </Text>
      <Text>
        {`against ${opponentLabel(info)}`}
        {info.activity === undefined ? '' : ` · activity ${info.activity.name} (${info.activity.lowRisk ? 'low-risk' : 'risky'}, trust 0.5, no sanctions)`}
      </Text>
    </Box>
  );
}

function Panel({ title, theme, children }: { title: string; theme: Theme; children?: ReactNode }): ReactNode {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.colour ? theme.muted : undefined} paddingX={1}>
      <Paint theme={theme} color={theme.accent} bold>
        {title}
      </Paint>
      {children}
    </Box>
  );
}

function PayoffMatrix({ game, theme }: { game: Game; theme: Theme }): ReactNode {
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

function Scores({ state, theme, compact }: { state: InteractiveMatchState; theme: Theme; compact: boolean }): ReactNode {
  const [mine, theirs] = state.scores;
  if (compact) {
    return (
      <Text>
        <Paint theme={theme} color={theme.accent} bold>
          Score
        </Paint>
        {'  you '}
        <Paint theme={theme} bold>
          {formatScore(mine)}
        </Paint>
        {` · them ${formatScore(theirs)}`}
      </Text>
    );
  }
  const width = Math.max(formatScore(mine).length, formatScore(theirs).length);
  return (
    <Panel title="Score" theme={theme}>
      <Text>{`you    ${formatScore(mine).padStart(width)}`}</Text>
      <Text>{`them   ${formatScore(theirs).padStart(width)}`}</Text>
      <Text>{`rounds played ${state.played}`}</Text>
    </Panel>
  );
}

/** Both histories and your points, round by round; the most recent rounds when they do not all fit. */
function Histories({ state, game, theme, width }: { state: InteractiveMatchState; game: Game; theme: Theme; width: number }): ReactNode {
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

/** A round's payoff with its sign: +3, +0, -0.3. */
function signed(value: number): string {
  const text = formatScore(value);
  return text.startsWith('-') ? text : `+${text}`;
}

function describeMove(move: Move, subject: 'you' | 'they'): string {
  return `${subject} ${move === 'C' ? 'co-operated' : 'defected'}`;
}

function LastRound({ state, theme }: { state: InteractiveMatchState; theme: Theme }): ReactNode {
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

function Keys({ theme, finished }: { theme: Theme; finished: boolean }): ReactNode {
  const keys: [string, string][] = finished
    ? [['q', 'quit']]
    : [
        ['C', 'co-operate'],
        ['D', 'defect'],
        ['q', 'quit'],
      ];
  return (
    <Text>
      <KeyHints keys={keys} theme={theme} gap="   " />
    </Text>
  );
}

function Reveal({ state, info, theme, width, rows }: { state: InteractiveMatchState; info: PlayInfo; theme: Theme; width: number; rows: number }): ReactNode {
  const { opponent } = info;
  const [mine, theirs] = state.scores;
  const placed = placeInField(info.field, mine, theirs);
  const youIndex = placed.findIndex((row) => row.kind === 'you');
  const you = placed[youIndex]!;
  const title = `How the other built-in strategies would have fared against ${opponent.id} over the same ${state.played} rounds:`;
  // Header (2), blanks (4), scores, 'Your opponent was', the wrapped description, provenance
  // and title, the column header, the seed line, the keys and Ink's last row: the rest lists.
  // On a short screen the provenance gets one line, so the list keeps some room.
  const shortScreen = rows < 32;
  const provenance = shortScreen ? fit(opponent.provenance, width - 3) : opponent.provenance;
  const wrapped = wrappedLines(opponent.description, width - 3) + wrappedLines(provenance, width - 3) + wrappedLines(title, width + 3);
  const capacity = Math.max(3, rows - 11 - wrapped);
  const lines = condense(placed, youIndex, capacity);
  const idWidth = Math.min(26, Math.max(8, ...placed.map((row) => (row.kind === 'you' ? 3 : row.entry.strategy.id.length))));
  const rowText = (row: PlacedRow) => {
    const id = row.kind === 'you' ? 'you' : fit(row.entry.strategy.id, idWidth);
    const score = row.kind === 'you' ? row.score : row.entry.score;
    const other = row.kind === 'you' ? row.opponentScore : row.entry.opponentScore;
    return `${String(row.rank).padStart(5)}  ${id.padEnd(idWidth)}  ${formatScore(score).padStart(7)}  ${formatScore(other).padStart(9)}`;
  };
  const outcome = mine > theirs ? 'You out-scored it.' : mine < theirs ? 'It out-scored you.' : 'You drew.';
  return (
    <Box flexDirection="column">
      <Text>
        {`You scored `}
        <Paint theme={theme} bold>
          {formatScore(mine)}
        </Paint>
        {`, your opponent ${formatScore(theirs)}. ${outcome}`}
      </Text>
      <Text> </Text>
      <Text>
        {'Your opponent was '}
        <Paint theme={theme} color={theme.warning} bold>
          {opponent.name}
        </Paint>
        {` (${opponent.id})`}
      </Text>
      <Box paddingLeft={3} flexDirection="column" width={Math.max(20, width)}>
        <Text wrap="wrap">{opponent.description}</Text>
        <Paint theme={theme} color={theme.muted}>
          {provenance}
        </Paint>
      </Box>
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        {title}
      </Paint>
      <Paint theme={theme} color={theme.muted}>
        {`${'#'.padStart(5)}  ${'strategy'.padEnd(idWidth)}  ${'score'.padStart(7)}  ${'opponent'.padStart(9)}`}
      </Paint>
      {lines.map((line, index) =>
        line.kind === 'gap' ? (
          <Paint key={`gap-${index}`} theme={theme} color={theme.muted}>{`${''.padStart(5)}  … ${line.hidden} more`}</Paint>
        ) : line.item.kind === 'you' ? (
          <Paint key="you" theme={theme} color={theme.warning} bold>
            {`▶${rowText(line.item).slice(1)}   ← you, ${ordinal(you.rank)} of ${placed.length}`}
          </Paint>
        ) : (
          <Text key={line.item.entry.strategy.id}>{rowText(line.item)}</Text>
        ),
      )}
    </Box>
  );
}

/** How many lines `text` takes when wrapped at word boundaries to `width` columns. */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const length = word.length;
    if (used === 0) used = length;
    else if (used + 1 + length <= room) used += 1 + length;
    else {
      lines++;
      used = length;
    }
    while (used > room) {
      lines++;
      used -= room;
    }
  }
  return lines;
}

export function PlayScreen({ state, info, theme, columns, rows }: PlayScreenProps): ReactNode {
  const narrow = columns < NARROW_COLUMNS;
  if (state.finished) {
    return (
      <Box flexDirection="column" width={columns}>
        <Header state={state} info={info} theme={theme} />
        <Text> </Text>
        <Reveal state={state} info={info} theme={theme} width={columns - 3} rows={rows} />
        <Text> </Text>
        <Text>
          <Keys theme={theme} finished />
          <Paint theme={theme} color={theme.muted}>{`   · seed ${info.seed}: play the same game again with --seed ${info.seed}`}</Paint>
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={columns}>
      <Header state={state} info={info} theme={theme} />
      <Text> </Text>
      <Box flexDirection={narrow ? 'column' : 'row'} alignItems="flex-start">
        <PayoffMatrix game={info.game} theme={theme} />
        <Box marginLeft={narrow ? 1 : 2}>
          <Scores state={state} theme={theme} compact={narrow} />
        </Box>
      </Box>
      <Text> </Text>
      <Histories state={state} game={info.game} theme={theme} width={columns} />
      <Text> </Text>
      <LastRound state={state} theme={theme} />
      <Text> </Text>
      <Keys theme={theme} finished={false} />
    </Box>
  );
}

export interface PlayAppProps {
  readonly source: PlaySource;
  readonly info: PlayInfo;
  readonly theme: Theme;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  readonly onQuit?: () => void;
}

/** Play mode: C and D play a round through the source, q quits; renders PlayScreen. */
export function PlayApp({ source, info, theme, columns, rows, onQuit }: PlayAppProps): ReactNode {
  const { exit } = useApp();
  const size = useTerminalSize(columns, rows);
  const [state, setState] = useState<InteractiveMatchState>(() => source.state);
  useInput((input, key) => {
    if (input === 'q' || input === 'Q' || key.escape || (key.ctrl && input === 'c')) {
      onQuit?.();
      exit();
      return;
    }
    // The source's own state, not this render's: keys can arrive faster than frames.
    if (source.state.finished) return;
    const move: Move | undefined = input === 'c' || input === 'C' ? 'C' : input === 'd' || input === 'D' ? 'D' : undefined;
    if (move === undefined) return;
    source.play(move);
    setState(source.state);
  });
  return <PlayScreen state={state} info={info} theme={theme} columns={size.columns} rows={size.rows} />;
}
