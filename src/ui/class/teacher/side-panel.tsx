import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { ClassSnapshot } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { RoundChart, Rules } from '../panels.js';
import { EventLog } from './event-log.js';

/** Charts, rules and the event log, sharing `rows`; the log gets what is left. */
export function SidePanel({
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
  const rulesRows = 3 + snapshot.rules.activities.length + snapshot.rules.pending.length;
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
