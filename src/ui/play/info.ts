import type { Game } from '../../core/game.js';
import type { FieldEntry, InteractiveMatchState } from '../../core/interactive-match.js';
import type { Move, Strategy } from '../../core/strategy.js';

/** What play mode knows besides the state of the game. */
export interface PlayInfo {
  readonly opponent: Strategy;
  /** Drawn at random: its name stays hidden until the end. */
  readonly hidden: boolean;
  readonly game: Game;
  /** Probability of ending after each round; undefined for a fixed number of rounds. */
  readonly probEnd: number | undefined;
  /** The cluster activity being played, if any. */
  readonly activity?: { readonly name: string; readonly lowRisk: boolean; readonly description?: string | undefined } | undefined;
  readonly seed: number;
  /** How every other built-in fares against the opponent over the same rounds, best first. */
  readonly field: readonly FieldEntry[];
}

/** The game a person plays (InteractiveMatch is one). */
export interface PlaySource {
  readonly state: InteractiveMatchState;
  play(move: Move): unknown;
}
