import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { placeInField, type InteractiveMatchState, type PlacedRow } from '../../core/interactive-match.js';
import type { Theme } from '../../theme/theme.js';
import { wrappedLines } from '../shared/format.js';
import { fit, formatScore, Paint } from '../shared/widgets.js';
import type { PlayInfo } from './info.js';
import { condense, ordinal } from './model.js';

/** The end of the game: who the opponent was, and where your score places you among the built-ins. */
export function Reveal({
  state,
  info,
  theme,
  width,
  rows,
}: {
  state: InteractiveMatchState;
  info: PlayInfo;
  theme: Theme;
  width: number;
  rows: number;
}): ReactNode {
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
