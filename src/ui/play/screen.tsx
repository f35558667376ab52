import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { InteractiveMatchState } from '../../core/interactive-match.js';
import type { Theme } from '../../theme/theme.js';
import { NARROW_COLUMNS, Paint } from '../shared/widgets.js';
import { Header } from './header.js';
import { Histories } from './histories.js';
import type { PlayInfo } from './info.js';
import { Keys } from './keys.js';
import { LastRound } from './last-round.js';
import { PayoffMatrix } from './payoff-matrix.js';
import { Reveal } from './reveal.js';
import { Scores } from './scores.js';

export interface PlayScreenProps {
  readonly state: InteractiveMatchState;
  readonly info: PlayInfo;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
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
