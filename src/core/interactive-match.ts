import type { Game } from './game.js';
import { appendMove, COOPERATE, DEFECT, History, MOVE_OF_CODE } from './history.js';
import { askMove, playMatch, prepareContestant, type MatchSettings, type StreamFactory, PlayerView } from './match.js';
import { StrategyFault } from './errors.js';
import { deriveStream, geometricTrials } from './random.js';
import type { ClusterContext, Move, ParameterValues, Player, Strategy } from './strategy.js';

/**
 * A match in which a person plays one seat, a move at a time (play mode). The person takes
 * seat 0 and the strategy seat 1, with the same seed-derived streams a match between them
 * would use, so the strategy plays exactly as it would against any strategy making the
 * person's moves. No UI here: the terminal only renders `state`.
 */
export interface InteractiveMatchSettings {
  readonly game: Game;
  /** Rounds of a fixed-length game; ignored when probEnd is set. */
  readonly rounds: number;
  /** Probability that the game ends after each round; the length is drawn up front and kept hidden. */
  readonly probEnd?: number | undefined;
  /** Play as a cluster relationship in a fixed context (an activity of a scenario). */
  readonly cluster?: ClusterContext | undefined;
  readonly seed: number;
}

export interface PlayedRound {
  /** From 1. */
  readonly round: number;
  readonly human: Move;
  readonly opponent: Move;
  /** What each side earned this round: the person's first. */
  readonly payoffs: readonly [number, number];
}

/** What the screen shows: a fresh object after every round. */
export interface InteractiveMatchState {
  /** Rounds played so far. */
  readonly played: number;
  /** Total rounds; with a probabilistic end, the UI should not show it before the end. */
  readonly length: number;
  readonly lengthKnown: boolean;
  readonly human: readonly Move[];
  readonly opponent: readonly Move[];
  /** Running totals: the person's first. */
  readonly scores: readonly [number, number];
  readonly last: PlayedRound | undefined;
  readonly finished: boolean;
}

/** The streams of play mode: one per purpose, derived from the seed alone. */
export function playStreams(seed: number): StreamFactory {
  return (purpose) => deriveStream(seed, 'play', purpose);
}

/** The match settings a strategy-vs-strategy replay of the same game uses. */
export function matchSettingsOf(settings: InteractiveMatchSettings): MatchSettings {
  return { game: settings.game, turns: settings.rounds, probEnd: settings.probEnd, noise: 0, cluster: settings.cluster };
}

/** A hidden opponent drawn from the seeded stream. */
export function pickOpponent(seed: number, strategies: readonly Strategy[]): Strategy {
  if (strategies.length === 0) throw new RangeError('pickOpponent: no strategies to choose from');
  const random = deriveStream(seed, 'play', 'opponent');
  return strategies[Math.min(strategies.length - 1, Math.floor(random() * strategies.length))]!;
}

export class InteractiveMatch {
  readonly opponentStrategy: Strategy;
  readonly settings: InteractiveMatchSettings;
  readonly length: number;
  private readonly humanHistory: History;
  private readonly opponentHistory: History;
  private readonly view: PlayerView;
  private readonly player: Player;
  private readonly rounds: PlayedRound[] = [];
  private scoreHuman = 0;
  private scoreOpponent = 0;
  private current: InteractiveMatchState;

  constructor(opponent: Strategy, settings: InteractiveMatchSettings, parameters?: ParameterValues) {
    this.opponentStrategy = opponent;
    this.settings = settings;
    const streams = playStreams(settings.seed);
    // As playMatch draws it: the 'length' stream's first geometric draw.
    this.length = settings.probEnd === undefined ? settings.rounds : geometricTrials(settings.probEnd, streams('length'));
    const capacity = Math.max(1, Math.min(this.length, 1 << 16));
    this.humanHistory = new History(capacity);
    this.opponentHistory = new History(capacity);
    const contestant = prepareContestant(opponent, settings.game, parameters);
    try {
      this.player = opponent.create(contestant.parameters);
    } catch (error) {
      throw new StrategyFault(opponent.id, `could not create a player: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.view = new PlayerView(
      this.opponentHistory,
      this.humanHistory,
      settings.game,
      settings.probEnd === undefined ? this.length : undefined,
      () => streams('seat1'),
      settings.cluster,
    );
    this.current = this.snapshot();
  }

  get state(): InteractiveMatchState {
    return this.current;
  }

  get finished(): boolean {
    return this.rounds.length >= this.length;
  }

  /**
   * Plays one round: the opponent chooses from the histories before this round (it never
   * sees the person's move first), then both moves are recorded and paid.
   */
  play(move: Move): PlayedRound {
    if (this.finished) throw new RangeError(`the game is over after ${this.length} rounds`);
    if (move !== 'C' && move !== 'D') throw new TypeError(`expected 'C' or 'D', got ${String(move)}`);
    const round = this.rounds.length + 1;
    this.view.round = round;
    const theirs = askMove(this.player, this.view, this.opponentStrategy.id);
    const mine = move === 'C' ? COOPERATE : DEFECT;
    const { R, S, T, P } = this.settings.game;
    const table = [R, S, T, P];
    const payoffs: [number, number] = [table[mine * 2 + theirs]!, table[theirs * 2 + mine]!];
    appendMove(this.humanHistory, mine);
    appendMove(this.opponentHistory, theirs);
    this.scoreHuman += payoffs[0];
    this.scoreOpponent += payoffs[1];
    const played: PlayedRound = { round, human: move, opponent: MOVE_OF_CODE[theirs]!, payoffs };
    this.rounds.push(played);
    this.current = this.snapshot();
    return played;
  }

  private snapshot(): InteractiveMatchState {
    return {
      played: this.rounds.length,
      length: this.length,
      lengthKnown: this.settings.probEnd === undefined,
      human: this.humanHistory.toArray(),
      opponent: this.opponentHistory.toArray(),
      scores: [this.scoreHuman, this.scoreOpponent],
      last: this.rounds[this.rounds.length - 1],
      finished: this.finished,
    };
  }
}

/** How one strategy fares against the opponent in the same game. */
export interface FieldEntry {
  readonly strategy: Strategy;
  /** Its total score against the opponent. */
  readonly score: number;
  /** The opponent's total score against it. */
  readonly opponentScore: number;
}

/**
 * How each of `others` would have fared against `opponent` over the same rounds, from the
 * same streams (the other strategy in the person's seat): best first, ties in the order given.
 */
export function fieldAgainst(opponent: Strategy, others: readonly Strategy[], settings: InteractiveMatchSettings): FieldEntry[] {
  const matchSettings = matchSettingsOf(settings);
  const second = prepareContestant(opponent, settings.game);
  const streams = playStreams(settings.seed);
  return others
    .map((strategy, order) => {
      const result = playMatch(prepareContestant(strategy, settings.game), second, matchSettings, streams);
      return { entry: { strategy, score: result.scores[0], opponentScore: result.scores[1] }, order };
    })
    .sort((a, b) => b.entry.score - a.entry.score || a.order - b.order)
    .map(({ entry }) => entry);
}

export type PlacedRow =
  | { readonly kind: 'strategy'; readonly rank: number; readonly entry: FieldEntry }
  | { readonly kind: 'you'; readonly rank: number; readonly score: number; readonly opponentScore: number };

/**
 * The field with the person placed in it: ranks count the entries that scored strictly more
 * (so ties share a rank), and the person goes first among equals.
 */
export function placeInField(field: readonly FieldEntry[], score: number, opponentScore: number): PlacedRow[] {
  const rows: PlacedRow[] = [];
  let placed = false;
  const epsilon = 1e-9;
  field.forEach((entry, index) => {
    if (!placed && score >= entry.score - epsilon) {
      rows.push({ kind: 'you', rank: index + 1, score, opponentScore });
      placed = true;
    }
    const above = field.filter((other) => other.score > entry.score + epsilon).length + (placed && score > entry.score + epsilon ? 1 : 0);
    rows.push({ kind: 'strategy', rank: above + 1, entry });
  });
  if (!placed) rows.push({ kind: 'you', rank: field.length + 1, score, opponentScore });
  return rows;
}
