import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClassSnapshot, SeatState } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { fit, Paint } from '../../shared/widgets.js';
import { abbreviate, sittingOut } from '../format.js';
import { MoveLetter, Title } from '../panels.js';

function pairLayout(snapshot: ClassSnapshot, width: number): { name: number; columns: number; entry: number } {
  const longest = Math.max(4, ...snapshot.seats.map((seat) => seat.name.length));
  const fitting = (name: number) => 2 * name + 9;
  let name = Math.min(14, longest);
  while (name > 4 && fitting(name) > width) name--;
  const entry = fitting(name);
  return { name, columns: Math.max(1, Math.floor((width + 3) / (entry + 3))), entry };
}

/** Rows the pairings panel takes within `rows`. */
export function pairsHeight(snapshot: ClassSnapshot, width: number, rows: number): number {
  const { columns } = pairLayout(snapshot, width);
  const needed = Math.ceil(snapshot.pairs.length / columns) + (sittingOut(snapshot).length > 0 ? 1 : 0);
  return 1 + Math.max(1, Math.min(needed, rows - 1));
}

/**
 * Who plays whom this round. While the round is open each side shows only whether it has
 * answered; once it closes, the moves played.
 */
export function Pairings({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
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
