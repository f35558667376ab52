import { Box, Text, useApp, useInput } from 'ink';
import { useState } from 'react';
import type { LiveCommand, LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import { useFramesPerSecond, useSnapshot, useTerminalSize } from './hooks.js';
import { VIEWS, type LatticeView } from './lattice-rows.js';
import { ActivityLadder, Chart, EventLog, HelpOverlay, LatticeMap, Legend, Parameters, StatusLine, StrategyShares } from './panels.js';
import type { SimulationSource } from './source.js';

/** Below this width the view stacks into one column. */
export const WIDE = 100;
const SIDE = 46;

export interface ClusterAppProps {
  readonly source: SimulationSource;
  readonly theme: Theme;
  /** Writes a snapshot export; returns what to log (e.g. the file names). */
  readonly onExport: (snapshot: LiveSnapshot) => string;
  readonly size?: { columns: number; rows: number } | undefined;
}

/** Keys to commands: everything the facilitator can do. */
export function commandForKey(input: string): LiveCommand | undefined {
  if (input === ' ') return { type: 'toggle-pause' };
  if (input === 'n') return { type: 'step' };
  if (input === '+' || input === '=') return { type: 'speed', delta: 1 };
  if (input === '-' || input === '_') return { type: 'speed', delta: -1 };
  if (/^[1-9]$/.test(input)) return { type: 'toggle-activity', index: Number(input) - 1 };
  if (input === 'f') return { type: 'fine', delta: 1 };
  if (input === 'F') return { type: 'fine', delta: -1 };
  if (input === 'd') return { type: 'detection', delta: 1 };
  if (input === 'D') return { type: 'detection', delta: -1 };
  if (input === 'c') return { type: 'crisis' };
  if (input === 'r') return { type: 'reset' };
  if (input === 's') return { type: 'reseed' };
  return undefined;
}

export function ClusterApp({ source, theme, onExport, size }: ClusterAppProps) {
  const snapshot = useSnapshot(source);
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const [view, setView] = useState<LatticeView>('strategy');
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const fps = useFramesPerSecond(snapshot);
  const { exit } = useApp();

  const handleKey = (input: string): void => {
    if (input === '?' || input === 'h') return setHelp(true);
    if (input === 'v') return setView((current) => VIEWS[(VIEWS.indexOf(current) + 1) % VIEWS.length]!);
    if (input === 'e' && snapshot !== undefined) return setNotice(onExport(snapshot));
    const command = commandForKey(input);
    if (command !== undefined) source.send(command);
  };

  useInput((input, key) => {
    if (help) {
      setHelp(false);
      return;
    }
    if (input === 'q' || key.escape) {
      exit();
      return;
    }
    // Keys typed quickly (or pasted) arrive together: each one counts.
    for (const character of input) handleKey(character);
  });

  if (snapshot === undefined) return <Text>starting the cluster…</Text>;
  if (help) return <HelpOverlay snapshot={snapshot} theme={theme} />;

  const wide = columns >= WIDE;
  const side = wide ? SIDE : columns;
  const chartWidth = Math.max(10, side - 2);
  const cooperation = snapshot.records.map((record) => record.cooperation);
  const trust = snapshot.records.map((record) => record.meanTrust);
  const panels = (
    <Box flexDirection="column" width={side} flexShrink={0}>
      <Chart title="co-operation" values={cooperation} width={chartWidth} height={wide ? 4 : 3} colour={theme.cooperate} theme={theme} />
      <Chart title="mean trust" values={trust} width={chartWidth} height={wide ? 3 : 2} colour={theme.accent} theme={theme} />
      <StrategyShares snapshot={snapshot} width={side} theme={theme} />
      <ActivityLadder snapshot={snapshot} width={side} theme={theme} />
      <Parameters snapshot={snapshot} theme={theme} />
      <EventLog events={snapshot.log} lines={wide ? Math.max(3, rows - 30) : 4} />
    </Box>
  );
  // Narrow: the panels below the map take about 26 rows; the map gets the rest.
  const mapRows = wide ? rows - 3 : Math.max(6, rows - 28);
  const mapColumns = wide ? columns - side - 2 : columns;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <StatusLine snapshot={snapshot} view={view} fps={fps} theme={theme} />
      <Box flexDirection={wide ? 'row' : 'column'} columnGap={2} flexGrow={1}>
        <Box flexDirection="column" width={mapColumns} flexShrink={0}>
          <LatticeMap snapshot={snapshot} view={view} columns={mapColumns} rows={mapRows} theme={theme} />
          <Legend snapshot={snapshot} view={view} theme={theme} />
          {notice === undefined ? null : <Text color={theme.colour ? theme.accent : undefined}>{notice}</Text>}
        </Box>
        {panels}
      </Box>
    </Box>
  );
}
