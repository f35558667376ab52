import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClassSnapshot, SeatState } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { fit, Paint } from '../../shared/widgets.js';
import { abbreviate } from '../format.js';
import { Title } from '../panels.js';

/** Rows of the lattice panel: a title, the grid (spaced when there is room) and a legend. */
export function latticeHeight(snapshot: ClassSnapshot, rows: number): number {
  const height = snapshot.grid?.height ?? 0;
  const room = rows - 2;
  if (height * 2 - 1 <= room) return height * 2 - 1 + 2;
  return Math.min(height, room) + 2;
}

/**
 * The class lattice: one cell per firm, the last closed round's move as its colour and letter.
 * An open round shows only who has answered (✓): its choices stay secret until it closes.
 */
export function ClassLattice({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
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
