import { Box, Text } from 'ink';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { LoggedEvent } from '../../cluster/model.js';
import type { Theme } from '../../theme/theme.js';
import { bar, chartRows } from './chart-rows.js';
import { latticeRows, legend, type LatticeView } from './lattice-rows.js';

/** The last `width` values as a one-row chart scaled to their own maximum. */
function sparkline(values: readonly number[], width: number): string {
  const recent = values.slice(-width);
  const top = Math.max(0, ...recent);
  return chartRows(top > 0 ? recent.map((value) => value / top) : recent.map(() => 0), Math.min(width, Math.max(1, recent.length)), 1)[0] ?? '';
}

const percent = (value: number) => `${(value * 100).toFixed(0)}%`.padStart(4);

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
}: {
  title: string;
  values: readonly number[];
  width: number;
  height: number;
  colour: string;
  theme: Theme;
}) {
  const last = values.length > 0 ? values[values.length - 1]! : 0;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title}</Text> {percent(last)}
      </Text>
      {chartRows(values, width, height).map((line, index) => (
        <Text key={index} color={theme.colour ? colour : undefined}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

export function StrategyShares({ snapshot, width, theme }: { snapshot: LiveSnapshot; width: number; theme: Theme }) {
  const latest = snapshot.records[snapshot.records.length - 1];
  const label = Math.min(22, Math.max(...snapshot.strategies.map((id) => id.length)));
  return (
    <Box flexDirection="column">
      <Text bold>firms by strategy</Text>
      {snapshot.strategies.map((id, index) => {
        const share = latest?.strategies[index] ?? 0;
        const colour = theme.strategyColours[index % theme.strategyColours.length]!;
        return (
          <Text key={id} wrap="truncate">
            {theme.colour ? <Text color={colour}>■</Text> : theme.strategyGlyphs[index % theme.strategyGlyphs.length]} {id.slice(0, label).padEnd(label)}{' '}
            <Text color={theme.colour ? colour : undefined}>{bar(share, Math.max(4, width - label - 10))}</Text>
            {percent(share)}
          </Text>
        );
      })}
    </Box>
  );
}

export function ActivityLadder({ snapshot, width, theme }: { snapshot: LiveSnapshot; width: number; theme: Theme }) {
  const latest = snapshot.records[snapshot.records.length - 1];
  const label = Math.min(20, Math.max(...snapshot.activities.map((activity) => activity.name.length)));
  return (
    <Box flexDirection="column">
      <Text bold>
        trust ladder: rounds by activity <Text dimColor>(keys 1–{snapshot.activities.length})</Text>
      </Text>
      {snapshot.activities.map((activity, index) => {
        const share = latest?.activities[index] ?? 0;
        return (
          <Text key={activity.name} wrap="truncate">
            <Text
              color={theme.colour ? (activity.enabled ? theme.cooperate : theme.muted) : undefined}
            >{`${index + 1}:${activity.enabled ? 'on ' : 'off'}`}</Text>{' '}
            {activity.name.slice(0, label).padEnd(label)} {bar(share, Math.max(4, width - label - 15))}
            {percent(share)}
          </Text>
        );
      })}
    </Box>
  );
}

export function Parameters({ snapshot, theme }: { snapshot: LiveSnapshot; theme: Theme }) {
  const { settings } = snapshot;
  const latest = snapshot.records[snapshot.records.length - 1];
  const warn = theme.colour ? theme.warning : undefined;
  return (
    <Box flexDirection="column">
      <Text bold>in force</Text>
      <Text wrap="truncate">
        fine {settings.fine} · detection {percent(settings.detection).trim()}
        {settings.compensate ? ' · victims compensated' : ''} ·{' '}
        <Text color={settings.crisis ? warn : undefined}>{settings.crisis ? 'CRISIS' : 'no crisis'}</Text>
      </Text>
      <Text wrap="truncate">
        subsidy {percent(settings.subsidy).trim()} · trust +{settings.trustGain}/−{settings.trustLoss} · noise {settings.noise} · {settings.updateRule}
      </Text>
      <Text wrap="truncate">
        fines paid {latest === undefined ? 0 : latest.fines.toFixed(1)}{' '}
        <Text color={warn}>
          {sparkline(
            snapshot.records.map((record) => record.fines),
            12,
          )}
        </Text>{' '}
        · exits {latest?.exits ?? 0}{' '}
        <Text color={warn}>
          {sparkline(
            snapshot.records.map((record) => record.exits),
            12,
          )}
        </Text>
      </Text>
      <Text wrap="truncate">mean payoff per firm {latest === undefined ? '-' : latest.meanPayoff.toFixed(2)}</Text>
    </Box>
  );
}

export function EventLog({ events, lines }: { events: readonly LoggedEvent[]; lines: number }) {
  const shown = events.slice(-lines);
  return (
    <Box flexDirection="column">
      <Text bold>events</Text>
      {shown.length === 0 ? <Text dimColor>none yet</Text> : null}
      {shown.map((event, index) => (
        <Text key={index} wrap="truncate">
          gen {event.generation}: {event.label}
        </Text>
      ))}
    </Box>
  );
}

export function StatusLine({ snapshot, view, fps, theme }: { snapshot: LiveSnapshot; view: LatticeView; fps: number; theme: Theme }) {
  const speed = snapshot.speed === Infinity ? 'max' : `${snapshot.speed} gen/s`;
  return (
    <Text wrap="truncate" inverse={theme.colour}>
      {` ${snapshot.scenario.name} · gen ${Math.max(0, snapshot.generation)} · seed ${snapshot.seed} · ${snapshot.running ? speed : 'PAUSED'} · ${fps} fps · view ${view} · ? help · q quit `}
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
  ['v', 'next view: strategy, last move, trust, activity'],
  ['r', 'reset with the same seed'],
  ['s', 'new run with a new seed'],
  ['e', 'export a snapshot (CSV of the series and the lattice)'],
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
