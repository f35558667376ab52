import { stringify } from 'csv-stringify/sync';
import type { z as zod } from 'zod';
import type { TournamentResult } from '../core/tournament.js';
import { parseOutputDocument, readJsonFile } from './document.js';
import { toFileFields, type KeyRules } from './field-names.js';
import { prettyJson } from './json.js';

/**
 * A tournament's documents (docs/formats.md): the JSON that `cooplab tournament -f json` writes
 * and `cooplab report` reads, the tidy CSV of its matches, and the ranking table a person reads.
 *
 * The schema is built on the first read, with zod loaded then: zod costs about 80 ms of
 * start-up, and every `cooplab tournament` writes a document but never reads one. The type
 * still comes from the schema alone (`TournamentDocument`).
 */
const tournamentSchema = (z: typeof zod) => {
  const score = z.number().nullable(); // null: not played, or a mean over nothing (NaN in memory)
  return z.object({
    cooplab: z.string(),
    seed: z.number(),
    settings: z.object({
      /** null when the match length is random (probEnd). */
      turns: z.number().int().min(1).nullable(),
      probEnd: z.number().nullable(),
      noise: z.number(),
      repetitions: z.number().int().min(1),
      selfPlay: z.boolean(),
      payoffs: z.object({ R: z.number(), S: z.number(), T: z.number(), P: z.number() }),
    }),
    strategies: z.array(z.string()),
    /** matrix[i][j]: mean total score of strategy i against j per match. */
    matrix: z.array(z.array(score)),
    ranking: z.array(z.string()),
    scores: z.record(z.string(), score),
    summary: z.array(
      z.object({
        id: z.string(),
        rank: z.number().int().min(1),
        meanPerTurn: score,
        ci95: z.tuple([z.number(), z.number()]).nullable(),
        wins: z.number().int().min(0),
        cooperationRate: score,
      }),
    ),
    disqualified: z.array(z.object({ file: z.string().nullable(), id: z.string().nullable(), reason: z.string() })),
  });
};

/** A tournament as its JSON holds it. */
export type TournamentDocument = zod.infer<ReturnType<typeof tournamentSchema>>;

/** A strategy that did not play or was disqualified: its file (for modules), id and the reason. */
export type Disqualification = TournamentDocument['disqualified'][number];

/** How a person reads a disqualified entry: its id and file, or only its file when it never built far enough to have an id. */
export function disqualifiedName(entry: Pick<Disqualification, 'file' | 'id'>): string {
  if (entry.id === null) return entry.file ?? 'a module';
  return entry.file === null ? entry.id : `${entry.id} (${entry.file})`;
}

/** The JSON document of a tournament: stable key order, so the same run gives the same bytes. */
export function tournamentDocument(result: TournamentResult, version: string, disqualified: readonly Disqualification[] = []): TournamentDocument {
  const { settings } = result;
  return {
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
    strategies: [...result.strategies],
    matrix: result.matrix.map((row) => [...row]),
    ranking: [...result.ranking],
    scores: Object.fromEntries(result.summaries.map((summary) => [summary.id, summary.meanPerTurn])),
    summary: result.ranking.map((id) => {
      const summary = result.summaries.find((candidate) => candidate.id === id)!;
      return {
        id,
        rank: summary.rank,
        meanPerTurn: summary.meanPerTurn,
        ci95: summary.ci95 === undefined ? null : [summary.ci95[0], summary.ci95[1]],
        wins: summary.wins,
        cooperationRate: summary.cooperationRate,
      };
    }),
    disqualified: [...disqualified],
  };
}

/** The strategy ids that key `scores` are data, not field names. */
const TOURNAMENT_KEYS: KeyRules = { scores: 'data' };

export function tournamentJson(result: TournamentResult, version: string, disqualified: readonly Disqualification[] = []): string {
  return prettyJson(toFileFields(tournamentDocument(result, version, disqualified), TOURNAMENT_KEYS));
}

/** A tournament's JSON (already parsed), checked; `file` names it in messages. */
export async function parseTournament(document: unknown, file: string): Promise<TournamentDocument> {
  const { z } = await import('zod');
  return parseOutputDocument(tournamentSchema(z), document, 'tournament', file, TOURNAMENT_KEYS);
}

/** Reads the JSON of `cooplab tournament -f json`; a bad file is refused in one line. */
export async function readTournament(file: string): Promise<TournamentDocument> {
  return parseTournament(readJsonFile(file, 'tournament'), file);
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
    disqualified.length === 0 ? [] : ['', 'Disqualified (matches forfeited):', ...disqualified.map((entry) => `  ${disqualifiedName(entry)}: ${entry.reason}`)];
  return [...header, line(titles), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line), ...notes, ''].join('\n');
}
