import type { Game } from './game.js';
import { playMatch, prepareContestant, type Contestant, type MatchSettings, type StreamFactory } from './match.js';
import { KEY_SEPARATOR, streamFromKey } from './random.js';
import { meanWithInterval } from './stats.js';
import type { Strategy } from '../strategies/api.js';

export interface TournamentSettings extends MatchSettings {
  readonly repetitions: number;
  readonly selfPlay: boolean;
  readonly seed: number;
}

export const DEFAULT_TOURNAMENT: Omit<TournamentSettings, 'game'> = {
  turns: 200,
  probEnd: undefined,
  noise: 0,
  repetitions: 10,
  selfPlay: true,
  seed: 1,
};

/** One match as played: indices into the tournament's strategy list, first seat first. */
export interface MatchRecord {
  readonly repetition: number;
  readonly first: number;
  readonly second: number;
  readonly turns: number;
  readonly scores: readonly [number, number];
  readonly cooperations: readonly [number, number];
}

export interface StrategySummary {
  readonly id: string;
  readonly rank: number;
  /** Mean score per turn over non-self matches: the mean across repetitions of each repetition's score per turn. */
  readonly meanPerTurn: number;
  readonly ci95: readonly [number, number] | undefined;
  /** Non-self matches with a strictly higher total than the opponent's. */
  readonly wins: number;
  /** Share of its moves in non-self matches that were C (as played, after noise). */
  readonly cooperationRate: number;
}

export interface TournamentResult {
  readonly strategies: readonly string[];
  readonly settings: TournamentSettings;
  /** Every match in play order: repetition by repetition, pairs in the order given. */
  readonly matches: readonly MatchRecord[];
  /** matrix[i][j]: mean total score of i against j per match; null on the diagonal without self-play. */
  readonly matrix: readonly (readonly (number | null)[])[];
  /** Per strategy, in the order given. */
  readonly summaries: readonly StrategySummary[];
  /** Ids by mean score per turn, best first; ties keep the order given. */
  readonly ranking: readonly string[];
}

export interface PlannedMatch {
  readonly repetition: number;
  readonly first: number;
  readonly second: number;
}

/** The matches of a round robin, repetition by repetition, so partial results cover every pair evenly. */
export function planTournament(strategyCount: number, repetitions: number, selfPlay: boolean): PlannedMatch[] {
  const plan: PlannedMatch[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (let first = 0; first < strategyCount; first++) {
      for (let second = selfPlay ? first : first + 1; second < strategyCount; second++) {
        plan.push({ repetition, first, second });
      }
    }
  }
  return plan;
}

/**
 * The identity of a pairing: the two ids in sorted order. The player whose id sorts first
 * always takes seat 0, and a match's streams are keyed by (seed, ids, repetition, purpose),
 * so a match plays out the same whatever the order the strategies were listed in and
 * whichever worker plays it.
 */
interface Pairing {
  readonly low: Contestant;
  readonly high: Contestant;
  readonly swapped: boolean;
  readonly keyPrefix: string;
}

function pairing(contestants: readonly Contestant[], first: number, second: number, seed: number): Pairing {
  const a = contestants[first]!;
  const b = contestants[second]!;
  const swapped = a.strategy.id > b.strategy.id;
  const [low, high] = swapped ? [b, a] : [a, b];
  return { low, high, swapped, keyPrefix: [seed, low.strategy.id, high.strategy.id, ''].join(KEY_SEPARATOR) };
}

export function matchStreams(seed: number, lowId: string, highId: string, repetition: number): StreamFactory {
  const prefix = [seed, lowId, highId, repetition, ''].join(KEY_SEPARATOR);
  return (purpose) => streamFromKey(prefix + purpose);
}

export function prepareContestants(strategies: readonly Strategy[], game: Game): Contestant[] {
  return strategies.map((strategy) => prepareContestant(strategy, game));
}

function playPairing(pair: Pairing, planned: PlannedMatch, settings: TournamentSettings): MatchRecord {
  const prefix = pair.keyPrefix + planned.repetition + KEY_SEPARATOR;
  const { turns, scores, cooperations } = playMatch(pair.low, pair.high, settings, (purpose) => streamFromKey(prefix + purpose));
  return pair.swapped
    ? { ...planned, turns, scores: [scores[1], scores[0]], cooperations: [cooperations[1], cooperations[0]] }
    : { ...planned, turns, scores, cooperations };
}

/** Plays one planned match (the unit of work a worker is given). */
export function playPlannedMatch(
  contestants: readonly Contestant[],
  planned: PlannedMatch,
  settings: TournamentSettings,
): MatchRecord {
  return playPairing(pairing(contestants, planned.first, planned.second, settings.seed), planned, settings);
}

/** Plays a whole round-robin tournament in this thread. */
export function runTournament(
  strategies: readonly Strategy[],
  settings: TournamentSettings,
  onMatch?: (record: MatchRecord, done: number, total: number) => void,
): TournamentResult {
  const contestants = prepareContestants(strategies, settings.game);
  const plan = planTournament(strategies.length, settings.repetitions, settings.selfPlay);
  const pairings = new Map<number, Pairing>();
  const records: MatchRecord[] = [];
  for (const planned of plan) {
    const key = planned.first * strategies.length + planned.second;
    let pair = pairings.get(key);
    if (pair === undefined) {
      pair = pairing(contestants, planned.first, planned.second, settings.seed);
      pairings.set(key, pair);
    }
    const record = playPairing(pair, planned, settings);
    records.push(record);
    onMatch?.(record, records.length, plan.length);
  }
  return summarizeTournament(
    strategies.map((strategy) => strategy.id),
    settings,
    records,
  );
}

/** Turns match records (complete or partial) into the matrix, the summaries and the ranking. */
export function summarizeTournament(
  ids: readonly string[],
  settings: TournamentSettings,
  records: readonly MatchRecord[],
): TournamentResult {
  const n = ids.length;
  const repetitions = settings.repetitions;
  const matrixSum = new Float64Array(n * n);
  const matrixCount = new Float64Array(n * n);
  const repetitionScore = new Float64Array(n * repetitions);
  const repetitionTurns = new Float64Array(n * repetitions);
  const wins = new Float64Array(n);
  const cooperations = new Float64Array(n);
  const moves = new Float64Array(n);
  for (const record of records) {
    const { first, second, repetition, turns, scores } = record;
    if (first === second) {
      matrixSum[first * n + first]! += (scores[0] + scores[1]) / 2;
      matrixCount[first * n + first]! += 1;
      continue;
    }
    const seats: ReadonlyArray<readonly [number, number, 0 | 1]> = [
      [first, second, 0],
      [second, first, 1],
    ];
    for (const [own, other, seat] of seats) {
      matrixSum[own * n + other]! += scores[seat];
      matrixCount[own * n + other]! += 1;
      repetitionScore[own * repetitions + repetition]! += scores[seat];
      repetitionTurns[own * repetitions + repetition]! += turns;
      if (scores[seat] > scores[1 - seat]!) wins[own]! += 1;
      cooperations[own]! += record.cooperations[seat];
      moves[own]! += turns;
    }
  }
  const matrix = ids.map((_, i) =>
    ids.map((__, j) => (matrixCount[i * n + j]! > 0 ? matrixSum[i * n + j]! / matrixCount[i * n + j]! : null)),
  );
  const unranked = ids.map((id, i) => {
    const perRepetition: number[] = [];
    for (let r = 0; r < repetitions; r++) {
      const turns = repetitionTurns[i * repetitions + r]!;
      if (turns > 0) perRepetition.push(repetitionScore[i * repetitions + r]! / turns);
    }
    const { mean, ci95 } = perRepetition.length > 0 ? meanWithInterval(perRepetition) : { mean: Number.NaN, ci95: undefined };
    return {
      id,
      meanPerTurn: mean,
      ci95,
      wins: wins[i]!,
      cooperationRate: moves[i]! > 0 ? cooperations[i]! / moves[i]! : Number.NaN,
    };
  });
  const order = unranked
    .map((summary, index) => ({ summary, index }))
    .sort((a, b) => rankValue(b.summary.meanPerTurn) - rankValue(a.summary.meanPerTurn) || a.index - b.index);
  const rankOf = new Map(order.map(({ summary }, position) => [summary.id, position + 1]));
  return {
    strategies: [...ids],
    settings,
    matches: records,
    matrix,
    summaries: unranked.map((summary) => ({ ...summary, rank: rankOf.get(summary.id)! })),
    ranking: order.map(({ summary }) => summary.id),
  };
}

function rankValue(value: number): number {
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}
