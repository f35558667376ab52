import { InputError } from './errors.js';
import { printable } from './printable.js';
/**
 * The stage game: a symmetric 2×2 payoff matrix in the usual R, S, T, P notation
 * (Rapoport & Chammah 1965; Axelrod 1984).
 */
export interface Game {
  /** Reward for mutual co-operation. */
  readonly R: number;
  /** Sucker's payoff: co-operating against a defector. */
  readonly S: number;
  /** Temptation: defecting against a co-operator. */
  readonly T: number;
  /** Punishment for mutual defection. */
  readonly P: number;
}

/** Axelrod's payoffs R=3, S=0, T=5, P=1: the default of every command. */
export const CLASSIC_GAME: Game = Object.freeze({ R: 3, S: 0, T: 5, P: 1 });

/** Whether the matrix is a prisoner's dilemma: T > R > P > S. */
export function isPrisonersDilemma(game: Game): boolean {
  return game.T > game.R && game.R > game.P && game.P > game.S;
}

/** What checkGame() found. */
export interface GameCheck {
  /** Problems that make the matrix unusable unless the caller allows any game. */
  readonly errors: string[];
  /** Legal but notable: e.g. alternating exploitation pays more than mutual co-operation. */
  readonly warnings: string[];
}

/** Checks a payoff matrix: errors unless it is a prisoner's dilemma (T > R > P > S), a warning when alternating exploitation pays more than mutual co-operation (2R ≤ T + S). */
export function checkGame(game: Game): GameCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const text = formatPayoffs(game);
  for (const key of ['R', 'S', 'T', 'P'] as const) {
    if (!Number.isFinite(game[key])) errors.push(`payoff ${key} must be a finite number, got ${game[key]}`);
  }
  if (errors.length === 0 && !isPrisonersDilemma(game)) {
    errors.push(`payoffs ${text} are not a prisoner's dilemma: expected T > R > P > S`);
  }
  if (errors.length === 0 && 2 * game.R <= game.T + game.S) {
    warnings.push(`payoffs ${text}: 2R <= T + S, so taking turns to exploit each other pays at least as well as mutual co-operation`);
  }
  return { errors, warnings };
}

export function formatPayoffs(game: Game): string {
  return `R=${game.R},S=${game.S},T=${game.T},P=${game.P}`;
}

/** The largest payoff magnitude a game may have: scores summed over billions of turns stay finite. */
export const GAME_PAYOFF_LIMIT = 1_000_000;

/** Parses "R,S,T,P" as given on the command line. */
export function parsePayoffs(text: string): Game {
  const parts = text.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => (part === '' ? Number.NaN : Number(part)));
  if (parts.length !== 4 || numbers.some((value) => !Number.isFinite(value))) {
    throw new InputError(`invalid --payoffs '${printable(text, 80)}': expected four numbers R,S,T,P such as 3,0,5,1`);
  }
  if (numbers.some((value) => Math.abs(value) > GAME_PAYOFF_LIMIT)) {
    throw new InputError(
      `invalid --payoffs '${printable(text, 80)}': expected each payoff from -${GAME_PAYOFF_LIMIT} to ${GAME_PAYOFF_LIMIT}, so that scores stay finite`,
    );
  }
  const [R, S, T, P] = numbers as [number, number, number, number];
  return { R, S, T, P };
}
