import { stringify } from 'csv-stringify/sync';
import type { TournamentResult } from '../core/tournament.js';
import { prettyJson } from './json.js';

/** The JSON document of a tournament: stable key order, so the same run gives the same bytes. */
/** A strategy that did not play or was disqualified: its file (for modules), id and the reason. */
export interface Disqualification {
  readonly file: string | null;
  readonly id: string | null;
  readonly reason: string;
}

export function tournamentJson(result: TournamentResult, version: string, disqualified: readonly Disqualification[] = []): string {
  const { settings } = result;
  const document = {
    cooplab: version,
    seed: settings.seed,
    settings: {
      turns: settings.probEnd === undefined ? settings.turns : null,
      probEnd: settings.probEnd ?? null,
      noise: settings.noise,
      repetitions: settings.repetitions,
      selfPlay: settings.selfPlay,
      payoffs: { R: settings.game.R, S: settings.game.S, T: settings.game.T, P: settings.game.P },
    },
    strategies: result.strategies,
    matrix: result.matrix,
    ranking: result.ranking,
    scores: Object.fromEntries(result.summaries.map((summary) => [summary.id, summary.meanPerTurn])),
    summary: result.ranking.map((id) => {
      const summary = result.summaries.find((candidate) => candidate.id === id)!;
      return {
        id,
        rank: summary.rank,
        meanPerTurn: summary.meanPerTurn,
        ci95: summary.ci95 ?? null,
        wins: summary.wins,
        cooperationRate: summary.cooperationRate,
      };
    }),
    disqualified,
  };
  return prettyJson(document);
}

export const TOURNAMENT_CSV_COLUMNS = [
  'repetition',
  'player',
  'opponent',
  'turns',
  'player_score',
  'opponent_score',
  'player_cooperations',
  'opponent_cooperations',
  'forfeited',
] as const;

/** Tidy CSV: one row per match played, ready for pandas or R. */
export function tournamentCsv(result: TournamentResult): string {
  const ids = result.strategies;
  const rows = result.matches.map((match) => [
    match.repetition,
    ids[match.first],
    ids[match.second],
    match.turns,
    match.scores[0],
    match.scores[1],
    match.cooperations[0],
    match.cooperations[1],
    match.forfeited ? 1 : 0,
  ]);
  return stringify(rows, { header: true, columns: [...TOURNAMENT_CSV_COLUMNS] });
}

function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** A ranking a person can read. */
export function tournamentTable(result: TournamentResult, disqualified: readonly Disqualification[] = []): string {
  const { settings } = result;
  const length = settings.probEnd === undefined ? `${settings.turns} turns` : `prob-end ${settings.probEnd}`;
  const game = settings.game;
  const header = [
    `Round-robin tournament: ${result.strategies.length} strategies, ${length}, ${settings.repetitions} repetitions, noise ${settings.noise}`,
    `payoffs R=${game.R} S=${game.S} T=${game.T} P=${game.P}, self-play ${settings.selfPlay ? 'on' : 'off'}, seed ${settings.seed}`,
    '',
  ];
  const rows = result.ranking.map((id) => {
    const summary = result.summaries.find((candidate) => candidate.id === id)!;
    const interval = summary.ci95 === undefined ? '-' : `${fixed(summary.ci95[0])} – ${fixed(summary.ci95[1])}`;
    return [
      String(summary.rank),
      id,
      fixed(summary.meanPerTurn),
      interval,
      String(summary.wins),
      Number.isFinite(summary.cooperationRate) ? `${(summary.cooperationRate * 100).toFixed(1)}%` : '-',
    ];
  });
  const titles = ['rank', 'strategy', 'score/turn', '95% CI', 'wins', 'cooperation'];
  const widths = titles.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const rightAligned = new Set([0, 2, 3, 4, 5]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const notes =
    disqualified.length === 0
      ? []
      : [
          '',
          'Disqualified (matches forfeited):',
          ...disqualified.map((entry) => `  ${entry.id ?? '?'}${entry.file === null ? '' : ` (${entry.file})`}: ${entry.reason}`),
        ];
  return [...header, line(titles), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line), ...notes, ''].join('\n');
}
