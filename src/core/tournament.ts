import type { Game } from './game.js';
import {
  OUTCOME_DEFECTIONS,
  OUTCOME_SCORE,
  OUTCOME_SIZE,
  OUTCOME_TURNS,
  playMatchInto,
  prepareContestant,
  type Contestant,
  type MatchSettings,
  type PlaysRemotely,
  type RemoteMatch,
  type RemoteMatches,
} from './match.js';
import { InputError, StrategyFault } from './errors.js';
import { playMachineMatches } from './machine-wasm.js';
import { PathSwitch } from './path-switch.js';
import { KEY_SEPARATOR, StreamState, streamAfter } from './random.js';
import { meanWithInterval } from './stats.js';
import type { Strategy } from './strategy.js';

/** A round-robin tournament: match settings, repetitions, self-play and the root seed. */
export interface TournamentSettings extends MatchSettings {
  readonly repetitions: number;
  readonly selfPlay: boolean;
  readonly seed: number;
}

/** The CLI's defaults: 200 turns, 10 repetitions, no noise, self-play, seed 1. */
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
  /** A match of a disqualified strategy: not counted; scores are 0. */
  readonly forfeited: boolean;
}

/** One strategy's line of the ranking: mean score per turn with its 95% interval across repetitions, wins and co-operation rate. */
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

/** A tournament's ranking, score matrix and summaries; byte-identical for the same seed and inputs whatever the order or the number of workers. */
export interface TournamentResult {
  readonly strategies: readonly string[];
  readonly settings: TournamentSettings;
  /** Every match in play order: repetition by repetition, pairs in the order given. */
  readonly matches: readonly MatchRecord[];
  /** matrix[i][j]: mean total score of i against j per match; null on the diagonal without self-play. */
  readonly matrix: readonly (readonly (number | null)[])[];
  /** Per strategy, in the order given. */
  readonly summaries: readonly StrategySummary[];
  /** Ids by mean score per turn, best first; ties keep the order given; disqualified strategies last. */
  readonly ranking: readonly string[];
  /** Strategies disqualified for breaking the rules (their matches are forfeited), with the reason. */
  readonly disqualified: readonly { readonly id: string; readonly reason: string }[];
}

/** The most matches one tournament holds: its table keeps about 52 bytes a match (half a gigabyte at the cap). */
export const MAX_MATCHES = 10_000_000;

/**
 * The matches of a round robin, repetition by repetition (so partial results cover every
 * pair evenly), with their outcomes as they are played: struct-of-arrays, no object per match.
 */
/** The order of a table's matches: each match's repetition and its two strategies (indices into the tournament's list). */
export interface MatchPlan {
  readonly repetition: Int32Array;
  readonly first: Int32Array;
  readonly second: Int32Array;
}

export class MatchTable implements MatchPlan {
  readonly size: number;
  readonly repetition: Int32Array;
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** OUTCOME_SIZE numbers per match: turns, score of each seat, defections of each seat. */
  readonly outcomes: Float64Array;
  /** How many matches, from the start of the plan, have been played. */
  played = 0;
  /**
   * Strategies (by index) disqualified for breaking the rules, with the reason. Every match of a
   * disqualified strategy counts as forfeited, whichever match it failed in, so the result does
   * not depend on the order matches were played in.
   */
  readonly disqualified = new Map<number, string>();

  /**
   * `outcomes`, when given, is where the outcomes go (OUTCOME_SIZE numbers a match): memory shared
   * with worker threads that play parts of the table. `plan` is the plan of another table of the
   * same tournament, laid out already (a worker thread reads it instead of laying out its own), or
   * 'shared' to lay this one out in memory that can be shared so.
   */
  constructor(strategyCount: number, repetitions: number, selfPlay: boolean, outcomes?: Float64Array, plan?: MatchPlan | 'shared') {
    const pairs = (strategyCount * (strategyCount - 1)) / 2 + (selfPlay ? strategyCount : 0);
    this.size = pairs * repetitions;
    if (!(this.size <= MAX_MATCHES)) {
      throw new InputError(
        `${pairs} pairs of strategies × ${repetitions} repetitions: expected at most ${MAX_MATCHES.toLocaleString('en')} matches in one tournament (fewer repetitions or strategies)`,
      );
    }
    if (outcomes !== undefined && outcomes.length !== this.size * OUTCOME_SIZE) {
      throw new RangeError(`a table of ${this.size} matches keeps ${this.size * OUTCOME_SIZE} outcome numbers, not ${outcomes.length}`);
    }
    this.outcomes = outcomes ?? new Float64Array(this.size * OUTCOME_SIZE);
    if (typeof plan === 'object') {
      if ([plan.repetition, plan.first, plan.second].some((column) => column.length !== this.size)) {
        throw new RangeError(`a table of ${this.size} matches has a plan of ${this.size} matches, not ${plan.first.length}`);
      }
      this.repetition = plan.repetition;
      this.first = plan.first;
      this.second = plan.second;
      return;
    }
    const column = () => (plan === 'shared' ? new Int32Array(new SharedArrayBuffer(this.size * Int32Array.BYTES_PER_ELEMENT)) : new Int32Array(this.size));
    this.repetition = column();
    this.first = column();
    this.second = column();
    let index = 0;
    for (let repetition = 0; repetition < repetitions; repetition++) {
      for (let first = 0; first < strategyCount; first++) {
        for (let second = selfPlay ? first : first + 1; second < strategyCount; second++) {
          this.repetition[index] = repetition;
          this.first[index] = first;
          this.second[index] = second;
          index++;
        }
      }
    }
  }

  record(index: number): MatchRecord {
    const at = index * OUTCOME_SIZE;
    if (this.disqualified.has(this.first[index]!) || this.disqualified.has(this.second[index]!)) {
      return {
        repetition: this.repetition[index]!,
        first: this.first[index]!,
        second: this.second[index]!,
        turns: 0,
        scores: [0, 0],
        cooperations: [0, 0],
        forfeited: true,
      };
    }
    const turns = this.outcomes[at + OUTCOME_TURNS]!;
    return {
      repetition: this.repetition[index]!,
      first: this.first[index]!,
      second: this.second[index]!,
      turns,
      scores: [this.outcomes[at + OUTCOME_SCORE]!, this.outcomes[at + OUTCOME_SCORE + 1]!],
      cooperations: [turns - this.outcomes[at + OUTCOME_DEFECTIONS]!, turns - this.outcomes[at + OUTCOME_DEFECTIONS + 1]!],
      forfeited: false,
    };
  }

  records(count = this.played): MatchRecord[] {
    return Array.from({ length: count }, (_, index) => this.record(index));
  }
}

export function prepareContestants(strategies: readonly Strategy[], game: Game): Contestant[] {
  return strategies.map((strategy) => prepareContestant(strategy, game));
}

/**
 * Plays matches [from, to) of the table. A match's streams are keyed by (seed, the two ids
 * in sorted order, repetition, purpose) and the player whose id sorts first takes seat 0, so
 * a match plays out the same whatever order the strategies were listed in and whichever
 * worker plays it.
 */
export function playMatches(table: MatchTable, contestants: readonly Contestant[], settings: TournamentSettings, from = 0, to = table.size): void {
  from = playMachineMatches(table, contestants, settings, from, to); // WebAssembly plays what it can (machine-wasm.ts); this loop plays the rest
  const n = contestants.length;
  // Each pair's part of its keys, taken in once: a match then takes in only its repetition and purpose.
  const pairStates = new Array<StreamState | undefined>(n * n);
  const scratch = new Float64Array(OUTCOME_SIZE);
  const outcomes = table.outcomes;
  const disqualified = table.disqualified;
  const batches = remoteBatches.on ? RemoteBatcher.for(table, contestants, settings, pairStates) : undefined;
  for (let index = from; index < to; index++) {
    const i = table.first[index]!;
    const j = table.second[index]!;
    if (disqualified.size > 0 && (disqualified.has(i) || disqualified.has(j))) continue; // forfeited
    if (batches !== undefined) {
      const next = batches.play(index, to);
      if (next > index) {
        index = next - 1;
        continue;
      }
    }
    const first = contestants[i]!;
    const second = contestants[j]!;
    const swapped = first.strategy.id > second.strategy.id;
    const low = swapped ? second : first;
    const high = swapped ? first : second;
    const pair = i * n + j;
    const pairState = (pairStates[pair] ??= new StreamState().absorb([settings.seed, low.strategy.id, high.strategy.id, ''].join(KEY_SEPARATOR)));
    const matchState = new StreamState().copy(pairState).absorb(`${table.repetition[index]!}${KEY_SEPARATOR}`);
    try {
      playMatchInto(low, high, settings, (purpose) => streamAfter(matchState, purpose), scratch, 0);
    } catch (error) {
      // A strategy that breaks the rules is disqualified; the tournament goes on without it.
      if (!(error instanceof StrategyFault)) throw error;
      const culprit = error.strategyId === first.strategy.id ? i : j;
      if (!disqualified.has(culprit)) disqualified.set(culprit, error.reason);
      continue;
    }
    const at = index * OUTCOME_SIZE;
    outcomes[at + OUTCOME_TURNS] = scratch[OUTCOME_TURNS]!;
    outcomes[at + OUTCOME_SCORE] = scratch[OUTCOME_SCORE + (swapped ? 1 : 0)]!;
    outcomes[at + OUTCOME_SCORE + 1] = scratch[OUTCOME_SCORE + (swapped ? 0 : 1)]!;
    outcomes[at + OUTCOME_DEFECTIONS] = scratch[OUTCOME_DEFECTIONS + (swapped ? 1 : 0)]!;
    outcomes[at + OUTCOME_DEFECTIONS + 1] = scratch[OUTCOME_DEFECTIONS + (swapped ? 0 : 1)]!;
  }
  table.played = Math.max(table.played, to);
}

/** A pair's part of its matches' stream keys, taken in once (pairStates: by i × n + j), as playMatches's loop takes it. */
function pairStateOf(
  pairStates: (StreamState | undefined)[],
  n: number,
  i: number,
  j: number,
  low: Contestant,
  high: Contestant,
  settings: TournamentSettings,
): StreamState {
  return (pairStates[i * n + j] ??= new StreamState().absorb([settings.seed, low.strategy.id, high.strategy.id, ''].join(KEY_SEPARATOR)));
}

const remoteBatches = new PathSwitch();

/** Runs `body` with batches of remote matches switched off, so that each is played on its own (the tests compare the two). */
export function withoutRemoteBatches<T>(body: () => T): T {
  return remoteBatches.without(body);
}

/** The most matches one batch of remote matches holds: the live view's slices and a crash's replay stay short. */
const BATCH_MATCHES = 64;

/**
 * Plays consecutive matches of a table that are played remotely by the same RemoteMatches (a
 * sandboxed module against built-ins, in its process) as one batch: the same matches in the same
 * order with the same streams as playMatches's loop one by one, and a fault disqualifies as there.
 */
class RemoteBatcher {
  private readonly remotes: (RemoteMatches | undefined)[];
  private readonly matches: RemoteMatch[] = [];
  private readonly indices: number[] = [];
  private readonly swaps: boolean[] = [];
  private readonly outcomes = new Float64Array(BATCH_MATCHES * OUTCOME_SIZE);

  private constructor(
    private readonly table: MatchTable,
    private readonly contestants: readonly Contestant[],
    private readonly settings: TournamentSettings,
    private readonly pairStates: (StreamState | undefined)[],
  ) {
    this.remotes = contestants.map((contestant) => (contestant.strategy as PlaysRemotely).remoteMatches);
  }

  /** A batcher for these contestants, or undefined when none plays remotely in batches. */
  static for(
    table: MatchTable,
    contestants: readonly Contestant[],
    settings: TournamentSettings,
    pairStates: (StreamState | undefined)[],
  ): RemoteBatcher | undefined {
    const batching = contestants.some((contestant) => (contestant.strategy as PlaysRemotely).remoteMatches?.playBatch !== undefined);
    return batching ? new RemoteBatcher(table, contestants, settings, pairStates) : undefined;
  }

  /**
   * Plays the batch that starts at match `index` (not forfeited), up to `to`, and returns where the
   * loop carries on; `index` itself when that match is not one of a batch of two or more.
   */
  play(index: number, to: number): number {
    const table = this.table;
    const contestants = this.contestants;
    const settings = this.settings;
    const matches = this.matches;
    const indices = this.indices;
    const swaps = this.swaps;
    const disqualified = table.disqualified;
    const n = contestants.length;
    let remote: RemoteMatches | undefined;
    matches.length = 0;
    indices.length = 0;
    swaps.length = 0;
    for (let k = index; k < to && matches.length < BATCH_MATCHES; k++) {
      const i = table.first[k]!;
      const j = table.second[k]!;
      if (disqualified.size > 0 && (disqualified.has(i) || disqualified.has(j))) continue; // forfeited: nothing to play
      const first = contestants[i]!;
      const second = contestants[j]!;
      const swapped = first.strategy.id > second.strategy.id;
      const low = swapped ? second : first;
      const high = swapped ? first : second;
      // The RemoteMatches playMatchInto would ask (core/match.ts playRemotely).
      const plays = (swapped ? this.remotes[j] : this.remotes[i]) ?? (swapped ? this.remotes[i] : this.remotes[j]);
      if (plays === undefined || (remote !== undefined && plays !== remote) || plays.playBatch === undefined || plays.batchable?.(low, high, settings) !== true)
        break;
      remote = plays;
      const matchState = new StreamState().copy(pairStateOf(this.pairStates, n, i, j, low, high, settings)).absorb(`${table.repetition[k]!}${KEY_SEPARATOR}`);
      matches.push({ first: low, second: high, streams: (purpose) => streamAfter(matchState, purpose) });
      indices.push(k);
      swaps.push(swapped);
    }
    if (remote === undefined || matches.length < 2) return index;
    const { played, fault } = remote.playBatch!(matches, settings, this.outcomes);
    const outcomes = table.outcomes;
    for (let m = 0; m < played; m++) {
      const from = m * OUTCOME_SIZE;
      const at = indices[m]! * OUTCOME_SIZE;
      const swapped = swaps[m]!;
      outcomes[at + OUTCOME_TURNS] = this.outcomes[from + OUTCOME_TURNS]!;
      outcomes[at + OUTCOME_SCORE] = this.outcomes[from + OUTCOME_SCORE + (swapped ? 1 : 0)]!;
      outcomes[at + OUTCOME_SCORE + 1] = this.outcomes[from + OUTCOME_SCORE + (swapped ? 0 : 1)]!;
      outcomes[at + OUTCOME_DEFECTIONS] = this.outcomes[from + OUTCOME_DEFECTIONS + (swapped ? 1 : 0)]!;
      outcomes[at + OUTCOME_DEFECTIONS + 1] = this.outcomes[from + OUTCOME_DEFECTIONS + (swapped ? 0 : 1)]!;
    }
    if (fault === undefined) return played === 0 ? index : played === matches.length ? indices[played - 1]! + 1 : indices[played]!;
    // As the loop one by one: a strategy that breaks the rules is disqualified; the tournament goes on without it.
    if (!(fault instanceof StrategyFault)) throw fault;
    const faulted = indices[played]!;
    const first = table.first[faulted]!;
    const culprit = fault.strategyId === contestants[first]!.strategy.id ? first : table.second[faulted]!;
    if (!disqualified.has(culprit)) disqualified.set(culprit, fault.reason);
    return faulted + 1;
  }
}

/** Plays a whole round-robin tournament in this thread and summarises it. */
export function runTournament(strategies: readonly Strategy[], settings: TournamentSettings): TournamentResult {
  const table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay);
  playMatches(table, prepareContestants(strategies, settings.game), settings);
  return summarizeTournament(
    strategies.map((strategy) => strategy.id),
    settings,
    table,
  );
}

/**
 * A tournament's running totals over some of its matches: what its summary is made of. Scores,
 * turns, wins and defections are added one match at a time in table order; totals over parts of a
 * table added together give the same numbers as one pass whenever every sum is exact (whole-number
 * payoffs: see totalsAreExact).
 */
export interface TournamentTotals {
  /** Per (own, other) strategy pair: the sum of own's scores, and how many matches. */
  readonly matrixSum: Float64Array;
  readonly matrixCount: Float64Array;
  /** Per (strategy, repetition): its score and turns in that repetition's matches with others. */
  readonly repetitionScore: Float64Array;
  readonly repetitionTurns: Float64Array;
  /** Per strategy: matches won, defections and moves against others. */
  readonly wins: Float64Array;
  readonly defections: Float64Array;
  readonly moves: Float64Array;
  /** [0]: every counted match's turns, self-play included (what bounds every sum). */
  readonly turns: Float64Array;
}

export function emptyTotals(strategyCount: number, repetitions: number): TournamentTotals {
  const n = strategyCount;
  return {
    matrixSum: new Float64Array(n * n),
    matrixCount: new Float64Array(n * n),
    repetitionScore: new Float64Array(n * repetitions),
    repetitionTurns: new Float64Array(n * repetitions),
    wins: new Float64Array(n),
    defections: new Float64Array(n),
    moves: new Float64Array(n),
    turns: new Float64Array(1),
  };
}

/** Adds matches [from, to) of `table` to `totals`, in table order; the matches of disqualified strategies are forfeited and count for nothing. */
export function addToTotals(totals: TournamentTotals, table: MatchTable, repetitions: number, from = 0, to = table.played): void {
  const n = totals.wins.length;
  const { matrixSum, matrixCount, repetitionScore, repetitionTurns, wins, defections, moves } = totals;
  const { outcomes, first: firsts, second: seconds, repetition: repetitionOf } = table;
  // A flag per strategy: the hot loop reads a byte, not the map, for each seat of a million matches.
  const out = new Uint8Array(n);
  for (const index of table.disqualified.keys()) out[index] = 1;
  let turnsTotal = totals.turns[0]!;
  for (let index = from; index < to; index++) {
    const first = firsts[index]!;
    const second = seconds[index]!;
    if (out[first]! + out[second]! !== 0) continue; // forfeited
    const at = index * OUTCOME_SIZE;
    const turns = outcomes[at + OUTCOME_TURNS]!;
    const firstScore = outcomes[at + OUTCOME_SCORE]!;
    const secondScore = outcomes[at + OUTCOME_SCORE + 1]!;
    turnsTotal += turns;
    if (first === second) {
      matrixSum[first * n + first]! += (firstScore + secondScore) / 2;
      matrixCount[first * n + first]! += 1;
      continue;
    }
    const repetition = repetitionOf[index]!;
    // Seat 0, then seat 1: each adds to its own strategy's totals.
    matrixSum[first * n + second]! += firstScore;
    matrixCount[first * n + second]! += 1;
    repetitionScore[first * repetitions + repetition]! += firstScore;
    repetitionTurns[first * repetitions + repetition]! += turns;
    if (firstScore > secondScore) wins[first]! += 1;
    defections[first]! += outcomes[at + OUTCOME_DEFECTIONS];
    moves[first]! += turns;
    matrixSum[second * n + first]! += secondScore;
    matrixCount[second * n + first]! += 1;
    repetitionScore[second * repetitions + repetition]! += secondScore;
    repetitionTurns[second * repetitions + repetition]! += turns;
    if (secondScore > firstScore) wins[second]! += 1;
    defections[second]! += outcomes[at + OUTCOME_DEFECTIONS + 1];
    moves[second]! += turns;
  }
  totals.turns[0] = turnsTotal;
}

/** Adds `part`'s totals into `into`, number by number. */
export function mergeTotals(into: TournamentTotals, part: TournamentTotals): void {
  for (const key of Object.keys(into) as (keyof TournamentTotals)[]) {
    const target = into[key];
    const source = part[key];
    for (let i = 0; i < target.length; i++) target[i]! += source[i];
  }
}

/**
 * Whether totals added up in parts equal one pass in table order, bit for bit: they do when every
 * addend and every partial sum is a whole number or a half (self-play's mean of two scores) well
 * inside the 53 bits of a double, for then no addition rounds, whatever the order. That holds for
 * whole-number payoffs as long as the largest payoff times all the turns played stays below 2^51.
 */
export function totalsAreExact(game: Game, totals: TournamentTotals): boolean {
  const payoffs = [game.R, game.S, game.T, game.P];
  if (!payoffs.every(Number.isInteger)) return false;
  const largest = Math.max(...payoffs.map(Math.abs));
  return largest * totals.turns[0]! < 2 ** 51;
}

/** Turns the matches played so far into the matrix, the summaries and the ranking. */
export function summarizeTournament(ids: readonly string[], settings: TournamentSettings, table: MatchTable): TournamentResult {
  const totals = emptyTotals(ids.length, settings.repetitions);
  addToTotals(totals, table, settings.repetitions);
  return summaryFromTotals(ids, settings, table, totals);
}

/** The matrix, the summaries and the ranking from the totals of every match `table` has played. */
export function summaryFromTotals(ids: readonly string[], settings: TournamentSettings, table: MatchTable, totals: TournamentTotals): TournamentResult {
  const n = ids.length;
  const repetitions = settings.repetitions;
  const { matrixSum, matrixCount, repetitionScore, repetitionTurns, wins, defections, moves } = totals;
  const matrix = ids.map((_, i) => ids.map((__, j) => (matrixCount[i * n + j]! > 0 ? matrixSum[i * n + j]! / matrixCount[i * n + j]! : null)));
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
      cooperationRate: moves[i]! > 0 ? 1 - defections[i]! / moves[i]! : Number.NaN,
    };
  });
  const order = unranked
    .map((summary, index) => ({ summary, index }))
    .sort((a, b) => rankValue(b.summary.meanPerTurn) - rankValue(a.summary.meanPerTurn) || a.index - b.index);
  const rankOf = new Map(order.map(({ summary }, position) => [summary.id, position + 1]));
  // A big tournament's records are a million objects (a third of a second on one thread, after the workers are done) and only the
  // CSV reads them: they are built on first read, from the table as it stands now (a live table goes on playing and disqualifying).
  const asSummarized = Object.assign(Object.create(table) as MatchTable, { played: table.played, disqualified: new Map(table.disqualified) });
  let matches: MatchRecord[] | undefined;
  return {
    strategies: [...ids],
    settings,
    get matches() {
      matches ??= asSummarized.records();
      return matches;
    },
    matrix,
    summaries: unranked.map((summary) => ({ ...summary, rank: rankOf.get(summary.id)! })),
    ranking: order.map(({ summary }) => summary.id),
    disqualified: [...table.disqualified].sort(([a], [b]) => a - b).map(([index, reason]) => ({ id: ids[index]!, reason })),
  };
}

function rankValue(value: number): number {
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}
