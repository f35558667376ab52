import { CLASSIC_GAME, type Game } from '../../src/core/game.js';
import { playMatch, playMatchGeneral, prepareContestant, type MatchSettings } from '../../src/core/match.js';
import { deriveStream } from '../../src/core/random.js';
import { defineStrategy } from '../../src/authoring/define.js';
import type { ClusterContext, Move, Strategy } from '../../src/core/strategy.js';
import { findStrategy } from '../../strategies/registry.js';

/** A test opponent that plays `pattern` ('C'/'D' characters) over and over. */
export function cycle(pattern: string): Strategy {
  const moves = [...pattern] as Move[];
  return defineStrategy(
    {
      id: `cycle-${pattern.toLowerCase()}`,
      name: `Cycle ${pattern}`,
      description: `Plays ${pattern} repeatedly.`,
      provenance: 'test fixture',
      classifier: { memoryDepth: 0, stochastic: false },
    },
    () => ({ move: (view) => moves[(view.round - 1) % moves.length]! }),
  );
}

export function builtin(id: string): Strategy {
  const strategy = findStrategy(id);
  if (strategy === undefined) throw new Error(`no built-in strategy '${id}'`);
  return strategy;
}

export interface PlayOptions {
  readonly turns?: number;
  readonly noise?: number;
  readonly seed?: number | string;
  readonly game?: Game;
  /** Force the general move() path even when both sides have a finite-state form. */
  readonly general?: boolean;
  /** Play as a cluster relationship in this context (activity, trust, sanctions). */
  readonly cluster?: ClusterContext;
}

/** Plays `strategy` against `opponent` and returns both move sequences as strings, e.g. ['CCD…', 'DDC…']. */
export function play(strategy: Strategy | string, opponent: Strategy | string, options: PlayOptions = {}): [string, string] {
  const game = options.game ?? CLASSIC_GAME;
  const first = prepareContestant(typeof strategy === 'string' ? builtin(strategy) : strategy, game);
  const second = prepareContestant(typeof opponent === 'string' ? builtin(opponent) : opponent, game);
  const settings: MatchSettings = { game, turns: options.turns ?? 10, noise: options.noise ?? 0, cluster: options.cluster };
  const seed = options.seed ?? 0;
  const streams = (purpose: string) => deriveStream(seed, purpose);
  const result = options.general ? playMatchGeneral(first, second, settings, streams, true) : playMatch(first, second, settings, streams, true);
  return [result.moves![0].join(''), result.moves![1].join('')];
}

/** Just the first player's moves. */
export function movesOf(strategy: Strategy | string, opponent: Strategy | string, options: PlayOptions = {}): string {
  return play(strategy, opponent, options)[0];
}
