import { Text, useApp, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { LiveCommand, LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';
import { printable } from '../../core/printable.js';
import { useFramesPerSecond, useSnapshot, useTerminalSize } from './hooks.js';
import { nextView, type LatticeView } from './lattice-rows.js';
import { HelpOverlay } from './panels.js';
import { ClusterScreen } from './screen.js';
import type { SimulationSource } from './source.js';

export { WIDE } from './layout.js';

export interface ClusterAppProps {
  readonly source: SimulationSource;
  readonly theme: Theme;
  /** Writes a snapshot export; returns (or resolves to) what to show, such as the file names. */
  readonly onExport: (snapshot: LiveSnapshot) => string | Promise<string>;
  readonly size?: { columns: number; rows: number } | undefined;
  /** Start in projector mode (p switches). */
  readonly projector?: boolean | undefined;
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
  if (input === 'o') return { type: 'found-organiser' };
  if (input === 'O') return { type: 'select-organiser' };
  if (input === 'm') return { type: 'organiser-fee', delta: 1 };
  if (input === 'M') return { type: 'organiser-fee', delta: -1 };
  if (input === 'g') return { type: 'organiser-grant', delta: 1 };
  if (input === 'G') return { type: 'organiser-grant', delta: -1 };
  if (input === 'y') return { type: 'organiser-policy' };
  return undefined;
}

const exportFailed = (error: unknown) => `export failed: ${printable(error instanceof Error ? error.message : String(error))}`;

/**
 * Runs an export and shows how it went. A failed export (a folder that cannot be written, a full
 * disk) is a line in the view, never the end of a demonstration; pictures take a moment, so the
 * view says it is exporting and goes on meanwhile. `current` is false once the notice belongs to
 * another run (r, s): a late answer is then dropped.
 */
function startExport(onExport: ClusterAppProps['onExport'], snapshot: LiveSnapshot, show: (notice: string) => void, current: () => boolean): void {
  let result: string | Promise<string>;
  try {
    result = onExport(snapshot);
  } catch (error) {
    return show(exportFailed(error));
  }
  if (typeof result === 'string') return show(result);
  show(`exporting generation ${Math.max(0, snapshot.generation)}…`);
  result.then(
    (notice) => current() && show(notice),
    (error: unknown) => current() && show(exportFailed(error)),
  );
}

export function ClusterApp({ source, theme, onExport, size, projector: startProjector }: ClusterAppProps) {
  const snapshot = useSnapshot(source);
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const [view, setView] = useState<LatticeView>('strategy');
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [projector, setProjector] = useState(startProjector === true);
  const fps = useFramesPerSecond(snapshot);
  // Keys read the newest state, not that of the render that subscribed them: a key can beat a redraw.
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const helpOpen = useRef(false);
  const showHelp = (open: boolean): void => {
    helpOpen.current = open;
    setHelp(open);
  };
  const { exit } = useApp();
  // Which run a notice belongs to: r and s start another.
  const run = useRef(0);

  const handleKey = (input: string): void => {
    if (input === '?' || input === 'h') return showHelp(true);
    if (input === 'v') return setView((current) => (latest.current === undefined ? current : nextView(current, latest.current)));
    if (input === 'p') {
      setProjector((current) => !current);
      return;
    }
    // A new run starts with a clean slate: the last run's export notice goes with its log.
    if (input === 'r' || input === 's') {
      run.current += 1;
      setNotice(undefined);
    }
    if (input === 'e' && latest.current !== undefined) {
      const exportRun = run.current;
      return startExport(onExport, latest.current, setNotice, () => run.current === exportRun);
    }
    const command = commandForKey(input);
    if (command !== undefined) source.send(command);
  };

  useInput((input, key) => {
    if (helpOpen.current) {
      showHelp(false);
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

  return <ClusterScreen snapshot={snapshot} view={view} fps={fps} notice={notice} projector={projector} theme={theme} columns={columns} rows={rows} />;
}
