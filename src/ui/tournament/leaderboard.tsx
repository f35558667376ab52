import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import type { StrategySummary } from '../../core/tournament.js';
import type { Theme } from '../../theme/theme.js';
import { fit, Paint } from '../shared/widgets.js';
import { scoreBar, type BarRole } from './model.js';

function rankedSummaries(progress: TournamentProgress): StrategySummary[] {
  const byId = new Map(progress.result.summaries.map((summary) => [summary.id, summary]));
  return progress.result.ranking.map((id) => byId.get(id)!);
}

function roleColour(theme: Theme, role: BarRole): string | undefined {
  if (role === 'bar' || role === 'interval') return theme.accent;
  if (role === 'whisker') return theme.muted;
  return undefined;
}

export function Leaderboard({
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
