import { CLASSIC_GAME, type Game } from '../src/core/game.js';
import { InputError } from '../src/core/errors.js';
import { playMatch, prepareContestant } from '../src/core/match.js';
import { deriveStream } from '../src/core/random.js';
import type { Strategy } from '../src/core/strategy.js';
import { builtinStrategies } from './registry.js';

/** How playAgainst() plays: length, noise, seed and the game. */
export interface PlayAgainstOptions {
  readonly turns?: number;
  readonly noise?: number;
  readonly seed?: number;
  readonly game?: Game;
}

/**
 * Plays a strategy against an opponent (a built-in id or a strategy) and returns both move
 * sequences as strings — for a module's own tests: `expect(playAgainst(s, 'defector').moves).toBe('CDDD…')`.
 */
export function playAgainst(
  strategy: Strategy,
  opponent: Strategy | string,
  options: PlayAgainstOptions = {},
): { moves: string; opponentMoves: string; scores: readonly [number, number] } {
  const other = typeof opponent === 'string' ? builtinStrategies.find((candidate) => candidate.id === opponent) : opponent;
  if (other === undefined) throw new InputError(`unknown strategy '${String(opponent)}': expected a built-in id`);
  const game = options.game ?? CLASSIC_GAME;
  const seed = options.seed ?? 1;
  const result = playMatch(
    prepareContestant(strategy, game),
    prepareContestant(other, game),
    { game, turns: options.turns ?? 10, noise: options.noise ?? 0 },
    (purpose) => deriveStream(seed, 'play-against', purpose),
    true,
  );
  return { moves: result.moves![0].join(''), opponentMoves: result.moves![1].join(''), scores: result.scores };
}
