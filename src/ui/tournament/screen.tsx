import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { Theme } from '../../theme/theme.js';
import { NARROW_COLUMNS } from '../shared/widgets.js';
import { Footer } from './footer.js';
import { Heatmap } from './heatmap.js';
import { bodyRows, clampScroll, type TournamentPanel } from './layout.js';
import { Leaderboard } from './leaderboard.js';
import { Progress } from './progress.js';
import { titleFits } from './settings-text.js';
import { SidePanel } from './side-panel.js';
import { Title } from './title.js';

export interface TournamentScreenProps {
  readonly progress: TournamentProgress;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly panel: TournamentPanel;
  /** First leaderboard or matrix row shown. */
  readonly scroll: number;
}

const SIDE_PANEL = 30;
/** Terminal width from which the settings panel sits beside the leaderboard. */
const SIDE_PANEL_FROM = 120;

export function TournamentScreen({ progress, theme, columns, rows, panel, scroll }: TournamentScreenProps): ReactNode {
  const narrow = columns < NARROW_COLUMNS;
  // The side panel needs room beside a full leaderboard, and gives way to the matrix,
  // which needs every column it can get.
  const sidePanel = columns >= SIDE_PANEL_FROM && panel === 'table';
  const mainWidth = sidePanel ? columns - SIDE_PANEL - 2 : columns;
  const visible = bodyRows(rows, columns, panel, progress);
  const strategyCount = progress.result.strategies.length;
  const offset = clampScroll(scroll, strategyCount, visible);
  return (
    <Box flexDirection="column" width={columns}>
      <Title progress={progress} theme={theme} oneLine={titleFits(progress, columns)} />
      <Progress progress={progress} theme={theme} width={mainWidth} />
      <Text> </Text>
      <Box flexDirection="row">
        <Box flexDirection="column" width={mainWidth}>
          {panel === 'matrix' ? (
            <Heatmap progress={progress} theme={theme} width={mainWidth} offset={offset} visible={visible} />
          ) : (
            <Leaderboard progress={progress} theme={theme} width={mainWidth} narrow={narrow} offset={offset} visible={visible} />
          )}
        </Box>
        {!sidePanel ? null : (
          <Box flexDirection="column" width={SIDE_PANEL} marginLeft={2}>
            <SidePanel progress={progress} theme={theme} />
          </Box>
        )}
      </Box>
      <Text> </Text>
      <Footer progress={progress} theme={theme} panel={panel} scrollable={strategyCount > visible} narrow={narrow} />
    </Box>
  );
}
