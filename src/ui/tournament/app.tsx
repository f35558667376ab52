import { Box, Text, useApp, useInput } from 'ink';
import { useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { StrategySummary } from '../../core/tournament.js';
import { scaleColour, type Theme } from '../../theme/theme.js';
import { heatmapGeometry, matrixRange, progressBar, scoreBar, shadeGlyph, shareOf, type BarRole } from './model.js';
import { fit, formatDuration, formatScore, KeyHints, NARROW_COLUMNS, Paint, useTerminalSize } from '../shared/widgets.js';

/** What the view needs of a running tournament (ProgressiveTournament is one). */
export interface TournamentSource {
  readonly progress: TournamentProgress;
  subscribe(listener: (progress: TournamentProgress) => void): () => void;
  stop(): void;
}

export type TournamentPanel = 'table' | 'matrix';

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

function rankedSummaries(progress: TournamentProgress): StrategySummary[] {
  const byId = new Map(progress.result.summaries.map((summary) => [summary.id, summary]));
  return progress.result.ranking.map((id) => byId.get(id)!);
}

function lengthText(progress: TournamentProgress): string {
  const { settings } = progress.result;
  return settings.probEnd === undefined ? `${settings.turns} turns` : `prob-end ${settings.probEnd}`;
}

function gameText(progress: TournamentProgress): string {
  const { game } = progress.result.settings;
  return `${formatScore(game.R)},${formatScore(game.S)},${formatScore(game.T)},${formatScore(game.P)}`;
}

/** The settings in one line, as the wide title shows them. */
function settingsLine(progress: TournamentProgress): string {
  const { settings, strategies } = progress.result;
  return `${strategies.length} strategies · ${lengthText(progress)} · ${settings.repetitions} repetitions · noise ${settings.noise} · payoffs ${gameText(progress)} · seed ${settings.seed}`;
}

const TITLE = 'cooplab tournament';

/** The title takes one line when it fits, two otherwise. */
function titleFits(progress: TournamentProgress, columns: number): boolean {
  return TITLE.length + 2 + settingsLine(progress).length <= columns;
}

/**
 * The number of leaderboard or matrix rows that fit: the rest is title, progress, blanks,
 * column header and footer, the matrix's legend, a "more below" line when needed, and the
 * last terminal row, which Ink wants free (a full screen makes it redraw everything).
 */
export function bodyRows(rows: number, columns: number, panel: TournamentPanel, progress: TournamentProgress): number {
  const chrome = (titleFits(progress, columns) ? 1 : 2) + 5 + (panel === 'matrix' ? 1 : 0) + 1;
  const room = Math.max(3, rows - chrome);
  return progress.result.strategies.length > room ? Math.max(2, room - 1) : room;
}

/** The most useful scroll offset: within range for the rows shown. */
export function clampScroll(scroll: number, count: number, visible: number): number {
  return Math.max(0, Math.min(scroll, Math.max(0, count - visible)));
}

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

function Title({ progress, theme, oneLine }: { progress: TournamentProgress; theme: Theme; oneLine: boolean }): ReactNode {
  const { settings, strategies } = progress.result;
  const title = (
    <Paint theme={theme} color={theme.accent} bold>
      {TITLE}
    </Paint>
  );
  if (oneLine) {
    return (
      <Text>
        {title}
        {`  ${settingsLine(progress)}`}
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text>
        {title}
        {`  ${strategies.length} strategies · seed ${settings.seed}`}
      </Text>
      <Text>{`${lengthText(progress)} · ${settings.repetitions} reps · noise ${settings.noise} · payoffs ${gameText(progress)}`}</Text>
    </Box>
  );
}

function Progress({ progress, theme, width }: { progress: TournamentProgress; theme: Theme; width: number }): ReactNode {
  const percent = progress.total > 0 ? Math.floor((progress.played / progress.total) * 100) : 100;
  const counts = `${String(progress.played).padStart(String(progress.total).length)}/${progress.total} matches`;
  const status = progress.finished
    ? `done in ${formatDuration(progress.elapsedMs)}`
    : progress.stopped
      ? 'stopped'
      : `~${formatDuration(progress.remainingMs)} left`;
  // Fixed widths, so the bar does not jump about as the numbers change.
  const text = ` ${String(percent).padStart(3)}%  ${counts}  ${status.padEnd(16)}`;
  const bar = progressBar(progress.played, progress.total, Math.max(10, width - text.length - 1));
  return (
    <Text>
      <Paint theme={theme} color={progress.finished ? theme.cooperate : theme.accent}>
        {bar.filled}
      </Paint>
      <Paint theme={theme} color={theme.muted}>
        {bar.rest}
      </Paint>
      {text}
    </Text>
  );
}

function roleColour(theme: Theme, role: BarRole): string | undefined {
  if (role === 'bar' || role === 'interval') return theme.accent;
  if (role === 'whisker') return theme.muted;
  return undefined;
}

function Leaderboard({
  progress,
  theme,
  width,
  narrow,
  offset,
  visible,
}: {
  progress: TournamentProgress;
  theme: Theme;
  width: number;
  narrow: boolean;
  offset: number;
  visible: number;
}): ReactNode {
  const summaries = rankedSummaries(progress);
  const { game } = progress.result.settings;
  const low = Math.min(0, game.S, game.P);
  const high = Math.max(game.T, game.R);
  const idWidth = Math.min(narrow ? 16 : 24, Math.max(8, ...summaries.map((summary) => summary.id.length)));
  // rank, id, score and (wide) interval, co-operation and wins around the bar
  const fixed = narrow ? 4 + idWidth + 8 + 8 : 4 + idWidth + 8 + 28;
  const barWidth = narrow ? Math.max(6, Math.min(20, width - fixed)) : Math.max(10, Math.min(50, width - fixed));
  const header = narrow
    ? `${'#'.padStart(3)} ${'strategy'.padEnd(idWidth)} ${'score'.padStart(6)} ${'per turn'.padEnd(barWidth)} ${'±95%'.padStart(7)}`
    : `${'#'.padStart(3)} ${'strategy'.padEnd(idWidth)} ${'score'.padStart(6)} ${'per turn, 95% CI'.padEnd(barWidth)}  ${'95% CI'.padStart(13)} ${'coop'.padStart(6)} ${'wins'.padStart(5)}`;
  const shown = summaries.slice(offset, offset + visible);
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.muted}>
        {header}
      </Paint>
      {shown.map((summary) => {
        const started = Number.isFinite(summary.meanPerTurn);
        const segments = scoreBar(summary.meanPerTurn, summary.ci95, low, high, barWidth);
        const interval = summary.ci95;
        const score = started ? summary.meanPerTurn.toFixed(3) : '-';
        const rankText = started ? String(summary.rank) : '-';
        const leader = started && summary.rank === 1;
        const tail = narrow
          ? ` ${(interval === undefined ? '' : `±${((interval[1] - interval[0]) / 2).toFixed(3)}`).padStart(7)}`
          : `  ${(interval === undefined ? '–' : `${interval[0].toFixed(3)}–${interval[1].toFixed(3)}`).padStart(13)} ${(Number.isFinite(summary.cooperationRate) ? `${(summary.cooperationRate * 100).toFixed(1)}%` : '-').padStart(6)} ${String(summary.wins).padStart(5)}`;
        return (
          <Text key={summary.id}>
            {`${rankText.padStart(3)} `}
            <Paint theme={theme} bold={leader} color={leader ? theme.warning : undefined}>
              {fit(summary.id, idWidth).padEnd(idWidth)}
            </Paint>
            {` ${score.padStart(6)} `}
            {segments.map((segment, index) => (
              <Paint key={index} theme={theme} color={roleColour(theme, segment.role)}>
                {segment.text}
              </Paint>
            ))}
            {tail}
          </Text>
        );
      })}
      {summaries.length > offset + visible ? (
        <Paint theme={theme} color={theme.muted}>{`    … ${summaries.length - offset - visible} more below (↓)`}</Paint>
      ) : null}
    </Box>
  );
}

function Heatmap({
  progress,
  theme,
  width,
  offset,
  visible,
}: {
  progress: TournamentProgress;
  theme: Theme;
  width: number;
  offset: number;
  visible: number;
}): ReactNode {
  const { result, perTurn } = progress;
  const ids = result.strategies;
  const order = result.ranking.map((id) => ids.indexOf(id));
  const labels = order.map((index, position) => `${String(position + 1).padStart(2)} ${ids[index]}`);
  const geometry = heatmapGeometry(ids.length, width, Math.max(...labels.map((label) => label.length)));
  const [low, high] = matrixRange(perTurn);
  const header =
    ' '.repeat(geometry.label + 1) +
    order
      .map((_, position) => (geometry.cell >= 3 ? String(position + 1).padStart(geometry.cell) : String((position + 1) % 10).padStart(geometry.cell)))
      .join('');
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.muted}>
        {header}
      </Paint>
      {order.slice(offset, offset + visible).map((rowIndex, shownPosition) => {
        const label = labels[offset + shownPosition]!;
        return (
          <Text key={ids[rowIndex]}>
            {`${fit(label, geometry.label).padEnd(geometry.label)} `}
            {order.map((columnIndex) => {
              const value = perTurn[rowIndex]![columnIndex]!;
              const key = `${rowIndex}-${columnIndex}`;
              // Not played (the diagonal without self-play): blank, never a shade.
              if (value === null) {
                return <Text key={key}>{geometry.digits === undefined ? ' '.repeat(geometry.cell) : `${'–'.padStart(geometry.cell - 1)} `}</Text>;
              }
              const share = shareOf(value, low, high);
              const number = geometry.digits === undefined ? '' : value.toFixed(geometry.digits);
              if (theme.colour) {
                const text = number === '' ? ' '.repeat(geometry.cell) : `${number.padStart(geometry.cell - 1)} `;
                return (
                  <Text key={key} color="#000000" backgroundColor={scaleColour(share)}>
                    {text}
                  </Text>
                );
              }
              const glyph = shadeGlyph(share);
              const text = number === '' ? glyph.repeat(geometry.cell) : `${number.padStart(geometry.cell - 1)}${glyph}`;
              return <Text key={key}>{text}</Text>;
            })}
          </Text>
        );
      })}
      {ids.length > offset + visible ? <Paint theme={theme} color={theme.muted}>{`    … ${ids.length - offset - visible} more below (↓)`}</Paint> : null}
      <Text>
        {`row’s score per turn against column · low ${formatScore(low)} `}
        {theme.colour
          ? [0, 0.25, 0.5, 0.75, 1].map((share) => (
              <Text key={share} backgroundColor={scaleColour(share)}>
                {'  '}
              </Text>
            ))
          : '·░▒▓█'}
        {` ${formatScore(high)} high`}
      </Text>
    </Box>
  );
}

function SidePanel({ progress, theme }: { progress: TournamentProgress; theme: Theme }): ReactNode {
  const { settings } = progress.result;
  const rate = progress.elapsedMs > 0 ? Math.round((progress.played / progress.elapsedMs) * 1000) : undefined;
  const line = (key: string, value: string) => `${key.padEnd(12)}${value}`;
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.accent} bold>
        Settings
      </Paint>
      <Text>{line('strategies', String(progress.result.strategies.length))}</Text>
      <Text>{line('length', lengthText(progress))}</Text>
      <Text>{line('repetitions', String(settings.repetitions))}</Text>
      <Text>{line('noise', String(settings.noise))}</Text>
      <Text>{line('payoffs', gameText(progress))}</Text>
      <Text>{line('self-play', settings.selfPlay ? 'on' : 'off')}</Text>
      <Text>{line('seed', String(settings.seed))}</Text>
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        Progress
      </Paint>
      <Text>{line('repetition', `${Math.min(progress.repetitionsDone + (progress.finished ? 0 : 1), settings.repetitions)} of ${settings.repetitions}`)}</Text>
      <Text>{line('elapsed', formatDuration(progress.elapsedMs))}</Text>
      <Text>{line('left', progress.finished ? '–' : formatDuration(progress.remainingMs))}</Text>
      <Text>{line('matches/s', rate === undefined ? '–' : rate.toLocaleString('en-US'))}</Text>
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        Reading the bars
      </Paint>
      <Text>{'█ score per turn'}</Text>
      <Text>{'▓──┤ its 95% interval,'}</Text>
      <Text>{'  narrowing as repetitions'}</Text>
      <Text>{'  come in'}</Text>
    </Box>
  );
}

function Footer({
  progress,
  theme,
  panel,
  scrollable,
  narrow,
}: {
  progress: TournamentProgress;
  theme: Theme;
  panel: TournamentPanel;
  scrollable: boolean;
  narrow: boolean;
}): ReactNode {
  const keys: [string, string][] = [
    ['m', panel === 'matrix' ? 'leaderboard' : 'score matrix'],
    ...(scrollable ? ([['↑↓', 'scroll']] as [string, string][]) : []),
    ['q', 'quit'],
  ];
  const state = progress.finished
    ? 'final table'
    : progress.stopped
      ? 'stopped'
      : `repetition ${Math.min(progress.repetitionsDone + 1, progress.result.settings.repetitions)} of ${progress.result.settings.repetitions}`;
  return (
    <Text>
      <KeyHints keys={keys} theme={theme} gap="  " />
      <Paint theme={theme} color={theme.muted}>{`${narrow ? '  · ' : '    · '}${state}`}</Paint>
    </Text>
  );
}

export interface TournamentAppProps {
  readonly source: TournamentSource;
  readonly theme: Theme;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  readonly onQuit?: () => void;
}

/** The tournament view: follows the source's state, handles keys, renders TournamentScreen. */
export function TournamentApp({ source, theme, columns, rows, onQuit }: TournamentAppProps): ReactNode {
  const { exit } = useApp();
  const size = useTerminalSize(columns, rows);
  const subscribe = useMemo(() => (listener: () => void) => source.subscribe(listener), [source]);
  const progress = useSyncExternalStore(subscribe, () => source.progress);
  const [panel, setPanel] = useState<TournamentPanel>('table');
  const [scroll, setScroll] = useState(0);
  const visible = bodyRows(size.rows, size.columns, panel, progress);
  const count = progress.result.strategies.length;
  useInput((input, key) => {
    if (input === 'q' || input === 'Q' || key.escape || (key.ctrl && input === 'c')) {
      source.stop();
      onQuit?.();
      exit();
      return;
    }
    if (input === 'm' || input === 'M') {
      setPanel((current) => (current === 'matrix' ? 'table' : 'matrix'));
      return;
    }
    const step = key.pageDown || key.pageUp ? visible : 1;
    if (key.downArrow || key.pageDown || input === 'j') setScroll((current) => clampScroll(current + step, count, visible));
    if (key.upArrow || key.pageUp || input === 'k') setScroll((current) => clampScroll(current - step, count, visible));
  });
  return <TournamentScreen progress={progress} theme={theme} columns={size.columns} rows={size.rows} panel={panel} scroll={scroll} />;
}
