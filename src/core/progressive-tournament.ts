import { OUTCOME_SCORE, OUTCOME_SIZE, OUTCOME_TURNS } from './match.js';
import {
  MatchTable,
  playMatches,
  prepareContestants,
  summarizeTournament,
  type MatchRecord,
  type TournamentResult,
  type TournamentSettings,
} from './tournament.js';
import type { Strategy } from './strategy.js';

/**
 * A tournament played a slice of matches at a time, yielding to the event loop between
 * slices so a terminal UI stays responsive, and emitting its state as results come in.
 * The matches are exactly those of runTournament (same table, same streams): stopping early
 * leaves the first `played` matches of the full tournament.
 */
export interface TournamentProgress {
  /** Matches played so far, from the start of the plan. */
  readonly played: number;
  readonly total: number;
  /** Repetitions every pair has completed. */
  readonly repetitionsDone: number;
  readonly elapsedMs: number;
  /** Estimated time left from the pace so far; undefined before the first slice. */
  readonly remainingMs: number | undefined;
  /** All matches played. */
  readonly finished: boolean;
  /** Stopped before the end. */
  readonly stopped: boolean;
  /**
   * Ranking, summaries and matrix of the matches played so far. Its `matches` list is left
   * empty (a record per match at every update would cost more than playing them); the
   * table holds every match.
   */
  readonly result: TournamentResult;
  /** perTurn[i][j]: i's mean score per turn against j so far; null before they have met. */
  readonly perTurn: readonly (readonly (number | null)[])[];
}

export interface ProgressiveOptions {
  /** Work per slice before yielding, in milliseconds (default 12). */
  readonly sliceMs?: number;
  /** Least time between two emitted states while running (default 100 ms); the last is always emitted. */
  readonly emitEveryMs?: number;
  readonly now?: () => number;
  /** How to give the event loop a turn between slices (default setImmediate). */
  readonly yieldToEventLoop?: (resume: () => void) => void;
}

export type ProgressListener = (progress: TournamentProgress) => void;

export class ProgressiveTournament {
  readonly strategies: readonly Strategy[];
  readonly settings: TournamentSettings;
  readonly table: MatchTable;
  private readonly ids: readonly string[];
  private readonly listeners = new Set<ProgressListener>();
  private readonly now: () => number;
  private readonly yieldToEventLoop: (resume: () => void) => void;
  private readonly sliceMs: number;
  private readonly emitEveryMs: number;
  private readonly pairsPerRepetition: number;
  /** The live table, but listing no match records: what the running summaries read. */
  private readonly withoutRecords: MatchTable;
  private current: TournamentProgress;
  private startedAt: number | undefined;
  private stopRequested = false;
  private running: Promise<TournamentProgress> | undefined;

  constructor(strategies: readonly Strategy[], settings: TournamentSettings, options: ProgressiveOptions = {}) {
    this.strategies = strategies;
    this.settings = settings;
    this.ids = strategies.map((strategy) => strategy.id);
    this.table = new MatchTable(strategies.length, settings.repetitions, settings.selfPlay);
    this.pairsPerRepetition = this.table.size / settings.repetitions;
    this.withoutRecords = Object.assign(Object.create(this.table) as MatchTable, { records: (): MatchRecord[] => [] });
    this.now = options.now ?? (() => performance.now());
    this.yieldToEventLoop = options.yieldToEventLoop ?? ((resume) => setImmediate(resume));
    this.sliceMs = options.sliceMs ?? 12;
    this.emitEveryMs = options.emitEveryMs ?? 100;
    this.current = this.snapshot(0, false, false);
  }

  /** The latest emitted state (the same object until the next emission). */
  get progress(): TournamentProgress {
    return this.current;
  }

  subscribe(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops at the next slice boundary; run() then resolves with what has been played. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Plays the tournament to the end (or until stop()); resolves with the final state. */
  run(): Promise<TournamentProgress> {
    this.running ??= this.loop();
    return this.running;
  }

  private async loop(): Promise<TournamentProgress> {
    const contestants = prepareContestants(this.strategies, this.settings.game);
    const table = this.table;
    this.startedAt = this.now();
    let sliceSize = 1;
    let lastEmit = Number.NEGATIVE_INFINITY;
    while (table.played < table.size && !this.stopRequested) {
      const from = table.played;
      const to = Math.min(table.size, from + sliceSize);
      const sliceStart = this.now();
      playMatches(table, contestants, this.settings, from, to);
      const sliceEnd = this.now();
      // Aim each slice at sliceMs of work, growing at most fourfold at a time.
      const taken = Math.max(sliceEnd - sliceStart, 0.01);
      sliceSize = Math.max(1, Math.min(sliceSize * 4, Math.round((sliceSize * this.sliceMs) / taken)));
      if (table.played < table.size && sliceEnd - lastEmit >= this.emitEveryMs) {
        lastEmit = sliceEnd;
        this.emit(this.snapshot(sliceEnd - this.startedAt, false, false));
      }
      await new Promise<void>((resume) => this.yieldToEventLoop(resume));
    }
    const finished = table.played >= table.size;
    this.emit(this.snapshot(this.now() - this.startedAt, finished, !finished));
    return this.current;
  }

  private emit(progress: TournamentProgress): void {
    this.current = progress;
    for (const listener of this.listeners) listener(progress);
  }

  private snapshot(elapsedMs: number, finished: boolean, stopped: boolean): TournamentProgress {
    const { table } = this;
    const played = table.played;
    return {
      played,
      total: table.size,
      repetitionsDone: Math.floor(played / this.pairsPerRepetition),
      elapsedMs,
      remainingMs: played > 0 ? (elapsedMs / played) * (table.size - played) : undefined,
      finished,
      stopped,
      result: summarizeTournament(this.ids, this.settings, this.withoutRecords),
      perTurn: perTurnMatrix(table, this.ids.length),
    };
  }
}

/** Mean score per turn of i against j over the matches played so far (self-play: both seats). */
export function perTurnMatrix(table: MatchTable, strategyCount: number): (number | null)[][] {
  const n = strategyCount;
  const score = new Float64Array(n * n);
  const turns = new Float64Array(n * n);
  const outcomes = table.outcomes;
  for (let index = 0; index < table.played; index++) {
    const first = table.first[index]!;
    const second = table.second[index]!;
    const at = index * OUTCOME_SIZE;
    const length = outcomes[at + OUTCOME_TURNS]!;
    if (first === second) {
      score[first * n + first]! += outcomes[at + OUTCOME_SCORE]! + outcomes[at + OUTCOME_SCORE + 1]!;
      turns[first * n + first]! += 2 * length;
      continue;
    }
    score[first * n + second]! += outcomes[at + OUTCOME_SCORE];
    turns[first * n + second]! += length;
    score[second * n + first]! += outcomes[at + OUTCOME_SCORE + 1];
    turns[second * n + first]! += length;
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (turns[i * n + j]! > 0 ? score[i * n + j]! / turns[i * n + j]! : null)));
}
