import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ClassSnapshot } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { ClassLattice, latticeHeight } from './class-lattice.js';
import { Leaderboard } from './leaderboard.js';
import { Pairings, pairsHeight } from './pairings.js';

/** The class (lattice or pairs) above the leaderboard, sharing `rows`. */
export function ClassPanel({ snapshot, theme, width, rows }: { snapshot: ClassSnapshot; theme: Theme; width: number; rows: number }): ReactNode {
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
