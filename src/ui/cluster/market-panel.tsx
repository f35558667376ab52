import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import { type MarketLine, marketLines, marketLineText } from './market-lines.js';

/** Rows the market panel takes: a title and a row per figure, or one row when compact; none without the market layer. */
export function marketPanelRows(snapshot: LiveSnapshot, theme: Theme, width: number, compact = false): number {
  const lines = marketLines(snapshot, theme, width);
  return lines.length === 0 ? 0 : compact ? 1 : 1 + lines.length;
}

/**
 * With the market layer, its panel (issue 17 item 6): firms, the mean price, mean quality with its
 * spread, entries and exits now and as sparklines over the run. One row per figure, cut rather
 * than wrapped so the panel keeps the height the layout gave it. `compact` (a short stacked
 * screen): the figures now in one row, without their courses.
 */
export function MarketPanel({
  snapshot,
  theme,
  width,
  compact = false,
}: {
  snapshot: LiveSnapshot;
  theme: Theme;
  width: number;
  compact?: boolean;
}): ReactNode {
  const lines = marketLines(snapshot, theme, width);
  if (lines.length === 0) return null;
  if (compact) {
    return (
      <Text wrap="truncate">
        <Text bold>market </Text>
        {lines.map((line) => `${line.label} ${line.value}`).join(' · ')}
      </Text>
    );
  }
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold>market</Text>
      {lines.map((line) => (
        <MarketRow key={line.label} line={line} />
      ))}
    </Box>
  );
}

function MarketRow({ line }: { line: MarketLine }): ReactNode {
  return (
    <Text wrap="truncate" color={line.colour}>
      {marketLineText(line)}
    </Text>
  );
}
