import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import { wrapText } from '../shared/format.js';
import { FIGURE_ROWS } from './big-figures.js';
import { EventLog, eventsWithSummary, visibleEventRows } from './event-log.js';
import { Headline } from './headline.js';
import { InForce, inForceRows } from './in-force.js';
import { BIG_HEADLINE_ROWS, legendRows, SIDE, scenarioEndText, TALL_STACK, textRows, WIDE } from './layout.js';
import { bigLatticeRows, type LatticeView } from './lattice-rows.js';
import { MarketPanel, marketPanelRows } from './market-panel.js';
import { ActivityLadder, Chart, CooperationSplit, LatticeMap, Legend, StatusLine, StrategyShares } from './panels.js';
import { TiesPanel, tiesPanelRows } from './ties-panel.js';

export interface ClusterScreenProps {
  readonly snapshot: LiveSnapshot;
  readonly view: LatticeView;
  readonly fps: number;
  /** A line for the facilitator (an export's file names). */
  readonly notice: string | undefined;
  /** Fewer, bigger cells, bold headline figures and time axes, for a room. */
  readonly projector: boolean;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
}

/** The live view's frame for one snapshot: the standard layout or the projector's. */
export function ClusterScreen(props: ClusterScreenProps): ReactNode {
  return props.projector ? <ProjectorScreen {...props} /> : <StandardScreen {...props} />;
}

/** Under the map: the legend, the scenario's end when the run waits there, and the notice. */
function MapFooter({
  snapshot,
  view,
  notice,
  theme,
  width,
}: {
  snapshot: LiveSnapshot;
  view: LatticeView;
  notice: string | undefined;
  theme: Theme;
  width: number;
}) {
  const ended = scenarioEndText(snapshot);
  return (
    <>
      <Legend snapshot={snapshot} view={view} theme={theme} />
      {ended === undefined
        ? null
        : wrapText(ended, width).map((line, index) => (
            <Text key={`end-${index}`} bold color={theme.colour ? theme.warning : undefined}>
              {line}
            </Text>
          ))}
      {notice === undefined ? null : <Text color={theme.colour ? theme.accent : undefined}>{notice}</Text>}
    </>
  );
}

function mapFooterRows(snapshot: LiveSnapshot, view: LatticeView, notice: string | undefined, theme: Theme, width: number): number {
  const ended = scenarioEndText(snapshot);
  return legendRows(snapshot, view, theme, width) + (ended === undefined ? 0 : wrapText(ended, width).length) + textRows(notice, width);
}

function StandardScreen({ snapshot, view, fps, notice, theme, columns, rows }: ClusterScreenProps): ReactNode {
  const years = snapshot.scenario.years;
  const wide = columns >= WIDE;
  const side = wide ? SIDE : columns;
  const chartWidth = Math.max(10, side - 2);
  const mapColumns = wide ? columns - side - 2 : columns;
  const footer = mapFooterRows(snapshot, view, notice, theme, mapColumns);
  const inForce = inForceRows(snapshot, theme, side);
  // A short stacked screen keeps the map, co-operation, the rules and the story; the rest waits for more rows.
  const full = wide || rows >= TALL_STACK;
  const cooperationHeight = wide ? 4 : 3;
  const trustHeight = wide ? 3 : 2;
  // The co-operation chart with its split line; the ladder has a row per activity and one for the pairs on no rung.
  const fixed =
    1 +
    cooperationHeight +
    1 +
    tiesPanelRows(snapshot) +
    marketPanelRows(snapshot, theme, side, !full) +
    (full ? 1 + trustHeight + 1 + snapshot.strategies.length + 1 + snapshot.activities.length + 1 : 0) +
    1 +
    inForce.length +
    1;
  // Wide: the side column has the screen's height but the status line; stacked, the map takes what the panels leave.
  const minimumMap = 4;
  const eventRows = wide ? Math.max(3, rows - 2 - fixed) : Math.max(3, rows - 2 - footer - minimumMap - fixed);
  const shownEvents = visibleEventRows(eventsWithSummary(snapshot), side, eventRows, years).length;
  // Wide: the map column has every row but the status line's.
  const mapRows = wide ? rows - 1 - footer : Math.max(minimumMap, rows - 2 - footer - fixed - Math.max(1, shownEvents));
  const cooperation = snapshot.records.map((record) => record.cooperation);
  const trust = snapshot.records.map((record) => record.meanTrust);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <StatusLine snapshot={snapshot} view={view} fps={fps} theme={theme} columns={columns} />
      <Box flexDirection={wide ? 'row' : 'column'} columnGap={2} flexGrow={1}>
        <Box flexDirection="column" width={mapColumns} flexShrink={0}>
          <LatticeMap snapshot={snapshot} view={view} columns={mapColumns} rows={mapRows} theme={theme} />
          <MapFooter snapshot={snapshot} view={view} notice={notice} theme={theme} width={mapColumns} />
        </Box>
        <Box flexDirection="column" width={side} flexShrink={0}>
          <Chart title="co-operation" values={cooperation} width={chartWidth} height={cooperationHeight} colour={theme.cooperate} theme={theme} />
          <CooperationSplit snapshot={snapshot} />
          <TiesPanel snapshot={snapshot} theme={theme} />
          <MarketPanel snapshot={snapshot} theme={theme} width={side} compact={!full} />
          {full ? (
            <>
              <Chart title="mean trust" values={trust} width={chartWidth} height={trustHeight} colour={theme.accent} theme={theme} />
              <StrategyShares snapshot={snapshot} width={side} theme={theme} />
              <ActivityLadder snapshot={snapshot} width={side} theme={theme} />
            </>
          ) : null}
          <InForce rows={inForce} />
          <EventLog events={eventsWithSummary(snapshot)} width={side} rows={eventRows} years={years} />
        </Box>
      </Box>
    </Box>
  );
}

function ProjectorScreen({ snapshot, view, fps, notice, theme, columns, rows }: ClusterScreenProps): ReactNode {
  const years = snapshot.scenario.years;
  const wide = columns >= WIDE;
  const side = wide ? SIDE : columns;
  const chartWidth = Math.max(10, side - 2);
  const mapColumns = wide ? columns - side - 2 : columns;
  const big = rows >= BIG_HEADLINE_ROWS && columns >= 60;
  const headline = big ? FIGURE_ROWS + 1 : 1;
  const footer = mapFooterRows(snapshot, view, notice, theme, mapColumns);
  const inForce = inForceRows(snapshot, theme, side, true);
  const body = rows - 2 - headline;
  // Charts with their time axes: title, rows, axis; the co-operation chart has its split line.
  const [cooperationHeight, trustHeight] = wide ? (body >= 30 ? [6, 4] : [4, 2]) : [3, 0];
  const charts = 2 + cooperationHeight + 1 + (trustHeight > 0 ? 2 + trustHeight : 0);
  const fixed = charts + tiesPanelRows(snapshot) + marketPanelRows(snapshot, theme, side, !wide) + 1 + inForce.length + 1;
  const minimumMap = 4;
  const eventRows = wide ? Math.max(3, body - fixed) : Math.max(3, body - footer - minimumMap - fixed);
  const shownEvents = visibleEventRows(eventsWithSummary(snapshot), side, eventRows, years).length;
  const mapRows = wide ? body - footer : Math.max(minimumMap, body - footer - fixed - Math.max(1, shownEvents));
  const lattice = bigLatticeRows(snapshot, view, mapColumns, mapRows, theme);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <StatusLine snapshot={snapshot} view={view} fps={fps} theme={theme} columns={columns} />
      <Headline snapshot={snapshot} theme={theme} big={big} />
      <Box flexDirection={wide ? 'row' : 'column'} columnGap={2} flexGrow={1}>
        <Box flexDirection="column" width={mapColumns} flexShrink={0}>
          <Text wrap="truncate">{lattice.join('\n')}</Text>
          <MapFooter snapshot={snapshot} view={view} notice={notice} theme={theme} width={mapColumns} />
        </Box>
        <Box flexDirection="column" width={side} flexShrink={0}>
          <Chart
            title="co-operation"
            values={snapshot.records.map((record) => record.cooperation)}
            width={chartWidth}
            height={cooperationHeight}
            colour={theme.cooperate}
            theme={theme}
            axis
            years={years}
          />
          <CooperationSplit snapshot={snapshot} />
          <TiesPanel snapshot={snapshot} theme={theme} />
          <MarketPanel snapshot={snapshot} theme={theme} width={side} compact={!wide} />
          {trustHeight > 0 ? (
            <Chart
              title="mean trust"
              values={snapshot.records.map((record) => record.meanTrust)}
              width={chartWidth}
              height={trustHeight}
              colour={theme.accent}
              theme={theme}
              axis
              years={years}
            />
          ) : null}
          <InForce rows={inForce} />
          <EventLog events={eventsWithSummary(snapshot)} width={side} rows={eventRows} years={years} />
        </Box>
      </Box>
    </Box>
  );
}
