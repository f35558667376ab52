import { Box, Text } from 'ink';
import type { LiveSnapshot } from '../../cluster/live.js';
import { type YearScale, yearOf } from '../../cluster/scenario.js';
import type { Theme } from '../../theme/theme.js';
import { bar, chartRows, timeAxis } from './chart-rows.js';
import { latticeRows, legend, type LatticeView } from './lattice-rows.js';

const percent = (value: number) => `${(value * 100).toFixed(0)}%`.padStart(4);
/** A share, or a dash before the first generation is played: no figure is better than a false 0%. */
const percentOrDash = (value: number | null | undefined) => (value === undefined || value === null ? '   —' : percent(value));

export function LatticeMap({
  snapshot,
  view,
  columns,
  rows,
  theme,
}: {
  snapshot: LiveSnapshot;
  view: LatticeView;
  columns: number;
  rows: number;
  theme: Theme;
}) {
  // One Text for the whole map: the renderer measures and lays out one node, not one per row.
  return <Text wrap="truncate">{latticeRows(snapshot, view, columns, rows, theme).join('\n')}</Text>;
}

export function Legend({ snapshot, view, theme }: { snapshot: LiveSnapshot; view: LatticeView; theme: Theme }) {
  return (
    <Box flexWrap="wrap" columnGap={2}>
      <Text bold>{`view: ${view}`}</Text>
      {legend(snapshot, view, theme).map((entry) => (
        <Text key={entry.label}>
          {theme.colour ? <Text color={entry.colour}>██</Text> : <Text>{`[${entry.glyph}]`}</Text>} {entry.label}
        </Text>
      ))}
    </Box>
  );
}

export function Chart({
  title,
  values,
  width,
  height,
  colour,
  theme,
  axis = false,
  years,
}: {
  title: string;
  values: readonly number[];
  width: number;
  height: number;
  colour: string;
  theme: Theme;
  /** A row of generation numbers (or years) under the chart. */
  axis?: boolean;
  years?: YearScale | undefined;
}) {
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title}</Text> <Text bold={axis}>{percentOrDash(values[values.length - 1])}</Text>
      </Text>
      {chartRows(values, width, height).map((line, index) => (
        <Text key={index} color={theme.colour ? colour : undefined}>
          {line}
        </Text>
      ))}
      {axis ? <Text dimColor={theme.colour}>{timeAxis(values.length, width, years) || ' '}</Text> : null}
    </Box>
  );
}

/**
 * One line under the co-operation chart: co-operation in the rounds of low-risk activities and
 * of risky ones (a dash where no such round was played), and the share of rounds where both co-operated.
 */
export function cooperationSplitText(snapshot: LiveSnapshot): string {
  const latest = snapshot.records[snapshot.records.length - 1];
  const part = (value: number | null | undefined) => percentOrDash(value).trim();
  return `low-risk ${part(latest?.cooperationLowRisk)} · risky ${part(latest?.cooperationRisky)} · mutual ${part(latest?.mutualCooperation)}`;
}

export function CooperationSplit({ snapshot }: { snapshot: LiveSnapshot }) {
  return <Text wrap="truncate">{cooperationSplitText(snapshot)}</Text>;
}

export function StrategyShares({ snapshot, width, theme }: { snapshot: LiveSnapshot; width: number; theme: Theme }) {
  const latest = snapshot.records[snapshot.records.length - 1];
  const label = Math.min(22, Math.max(...snapshot.strategies.map((id) => id.length)));
  return (
    <Box flexDirection="column">
      <Text bold>firms by strategy</Text>
      {snapshot.strategies.map((id, index) => {
        const share = latest?.strategies[index];
        const colour = theme.strategyColours[index % theme.strategyColours.length]!;
        return (
          <Text key={id} wrap="truncate">
            {theme.colour ? <Text color={colour}>■</Text> : theme.strategyGlyphs[index % theme.strategyGlyphs.length]} {id.slice(0, label).padEnd(label)}{' '}
            <Text color={theme.colour ? colour : undefined}>{bar(share ?? 0, Math.max(4, width - label - 10))}</Text>
            {percentOrDash(share)}
          </Text>
        );
      })}
    </Box>
  );
}

const NO_RUNG = 'no rung';

/** A share in a column six wide (a dash before there is a figure). */
const column = (value: number | null | undefined) => percentOrDash(value).padStart(6);

/**
 * The trust ladder, one row per activity: its programme switch, the share of rounds played in it
 * (bar and figure) and the share of pairs whose joint trust stands on its rung; then the pairs on no rung.
 */
export function ActivityLadder({ snapshot, width, theme }: { snapshot: LiveSnapshot; width: number; theme: Theme }) {
  const latest = snapshot.records[snapshot.records.length - 1];
  const label = Math.min(20, Math.max(NO_RUNG.length, ...snapshot.activities.map((activity) => activity.name.length)));
  // Each row: the switch (6), the name, a space, the bar, and two figures six wide; one column spare.
  const barWidth = Math.max(4, width - label - 20);
  const figures = 'rounds pairs';
  const title = 'trust ladder';
  const keys = `(keys 1–${snapshot.activities.length})`;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{title}</Text> <Text dimColor>{keys}</Text>
        {' '.repeat(Math.max(1, 6 + label + 1 + barWidth + 12 - figures.length - title.length - 1 - keys.length))}
        <Text dimColor>{figures}</Text>
      </Text>
      {snapshot.activities.map((activity, index) => {
        const share = latest?.activities[index];
        return (
          <Text key={activity.name} wrap="truncate">
            <Text
              color={theme.colour ? (activity.enabled ? theme.cooperate : theme.muted) : undefined}
            >{`${index + 1}:${activity.enabled ? 'on ' : 'off'}`}</Text>{' '}
            {activity.name.slice(0, label).padEnd(label)} {bar(share ?? 0, barWidth)}
            {column(share)}
            {column(latest?.rungs[index])}
          </Text>
        );
      })}
      <Text wrap="truncate">
        {' '.repeat(6)}
        {NO_RUNG.padEnd(label)} {' '.repeat(barWidth + 6)}
        {column(latest?.noRung)}
      </Text>
    </Box>
  );
}

/** The status line's parts, the optional ones dropped when the terminal is too narrow for all. */
export function statusText(snapshot: LiveSnapshot, view: LatticeView, fps: number, columns: number): string {
  const speed = snapshot.speed === Infinity ? 'max' : `${snapshot.speed} gen/s`;
  const state = snapshot.running ? speed : snapshot.ended ? 'PAUSED · scenario ended' : 'PAUSED';
  const generation = Math.max(0, snapshot.generation);
  const year = snapshot.scenario.years === undefined ? '' : ` · ${yearOf(snapshot.scenario.years, generation)}`;
  const head = `${snapshot.scenario.name} · gen ${generation}${year} · seed ${snapshot.seed} · ${state}`;
  const full = ` ${head} · ${fps} fps · view ${view} · ? help · q quit `;
  return full.length <= columns ? full : ` ${head} · ? help · q quit `;
}

export function StatusLine({ snapshot, view, fps, theme, columns }: { snapshot: LiveSnapshot; view: LatticeView; fps: number; theme: Theme; columns: number }) {
  return (
    <Text wrap="truncate" inverse={theme.colour}>
      {statusText(snapshot, view, fps, columns)}
    </Text>
  );
}

export const KEYS: readonly [string, string][] = [
  ['space', 'pause / resume'],
  ['n', 'one generation (pauses)'],
  ['+ / -', 'faster / slower'],
  ['1 … 9', 'switch a joint-activity programme on or off'],
  ['f / F', 'raise / lower the fine'],
  ['d / D', 'raise / lower the detection of cheaters'],
  ['c', 'start / end a crisis'],
  ['o / O', 'found an organiser (an association) / select the next one'],
  ['m g y', "organiser's fee, grant (M, G lower them), next policy"],
  ['v', 'next view: strategy, last move, trust, activity (and network, with partner choice)'],
  ['r', 'reset with the same seed'],
  ['s', 'new run with a new seed'],
  ['e', 'export a snapshot: CSV, and pictures (SVG, PNG) of the lattice and the charts'],
  ['p', 'projector mode: bigger cells, bold figures, time axes'],
  ['? / h', 'this help'],
  ['q / Ctrl-C', 'quit'],
];

export function HelpOverlay({ snapshot, theme }: { snapshot: LiveSnapshot; theme: Theme }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.colour ? theme.accent : undefined} paddingX={2}>
      <Text bold>{snapshot.scenario.title}</Text>
      <Text>
        Each cell is a firm (two per character, one above the other). Every generation each firm plays its neighbours; firms then copy strategies that did well.
        Joint activities with low stakes let trust grow until firms dare the risky, rewarding ones.
      </Text>
      <Text> </Text>
      {KEYS.map(([key, what]) => (
        <Text key={key}>
          <Text bold>{key.padEnd(12)}</Text>
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor>any key closes this help</Text>
    </Box>
  );
}
