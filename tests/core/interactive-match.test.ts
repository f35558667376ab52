import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import {
  fieldAgainst,
  InteractiveMatch,
  matchSettingsOf,
  pickOpponent,
  placeInField,
  playStreams,
  type InteractiveMatchSettings,
} from '../../src/core/interactive-match.js';
import { playMatch, prepareContestant } from '../../src/core/match.js';
import type { ClusterContext, Move, Strategy } from '../../src/core/strategy.js';
import { builtinStrategies } from '../../strategies/registry.js';
import { builtin } from '../support/play.js';

const fixed = (rounds: number, seed = 3): InteractiveMatchSettings => ({ game: CLASSIC_GAME, rounds, seed });

const training: ClusterContext = {
  activity: { name: 'training', lowRisk: true, cost: 0 },
  trust: 0.5,
  sanctions: { detection: 0, fine: 0, compensate: false },
  generation: 0,
};

/** The moves `strategy` makes against `opponent` in the same game, and that match's outcome. */
function replay(strategy: Strategy, opponent: Strategy, settings: InteractiveMatchSettings) {
  const result = playMatch(
    prepareContestant(strategy, settings.game),
    prepareContestant(opponent, settings.game),
    matchSettingsOf(settings),
    playStreams(settings.seed),
    true,
  );
  return { moves: result.moves!, scores: result.scores, turns: result.turns };
}

describe('InteractiveMatch', () => {
  it('plays rounds against tit-for-tat, which answers the previous move, never the current one', () => {
    const match = new InteractiveMatch(builtin('tit-for-tat'), fixed(4));
    expect(match.state).toMatchObject({ played: 0, length: 4, lengthKnown: true, scores: [0, 0], finished: false });
    expect(match.play('D')).toEqual({ round: 1, human: 'D', opponent: 'C', payoffs: [5, 0] });
    expect(match.play('C')).toEqual({ round: 2, human: 'C', opponent: 'D', payoffs: [0, 5] });
    match.play('C');
    const last = match.play('D');
    expect(last.opponent).toBe('C');
    expect(match.state).toMatchObject({
      played: 4,
      human: ['D', 'C', 'C', 'D'],
      opponent: ['C', 'D', 'C', 'C'],
      scores: [5 + 0 + 3 + 5, 0 + 5 + 3 + 0],
      finished: true,
    });
    expect(() => match.play('C')).toThrow(/over after 4 rounds/);
  });

  it('gives a fresh state object after each round and keeps the old one unchanged', () => {
    const match = new InteractiveMatch(builtin('defector'), fixed(3));
    const before = match.state;
    match.play('C');
    expect(match.state).not.toBe(before);
    expect(before.played).toBe(0);
    expect(match.state.last).toEqual({ round: 1, human: 'C', opponent: 'D', payoffs: [0, 5] });
  });

  it('makes the opponent play exactly as in playMatch against the same moves, stochastic ones and probabilistic ends included', () => {
    const opponents = ['tit-for-tat', 'random', 'generous-tit-for-tat', 'joss', 'gradual', 'prober', 'zd-extort-2'].map(builtin);
    const players = ['alternator', 'random', 'win-stay-lose-shift', 'defector'].map(builtin);
    const variants: InteractiveMatchSettings[] = [fixed(30, 11), { game: CLASSIC_GAME, rounds: 10, probEnd: 0.05, seed: 12 }];
    for (const settings of variants) {
      for (const opponent of opponents) {
        for (const player of players) {
          const expected = replay(player, opponent, settings);
          const match = new InteractiveMatch(opponent, settings);
          expect(match.length).toBe(expected.turns);
          for (const move of expected.moves[0]) match.play(move);
          expect(match.state.opponent).toEqual(expected.moves[1]);
          expect(match.state.scores).toEqual(expected.scores);
        }
      }
    }
  });

  it('hides the length of a probabilistic game from the opponent and plays in a cluster context when given one', () => {
    const seen: (number | undefined)[] = [];
    const contexts: (string | undefined)[] = [];
    const spy: Strategy = {
      id: 'spy',
      name: 'Spy',
      description: 'Records what it sees.',
      provenance: 'test fixture',
      classifier: { memoryDepth: 0, stochastic: false },
      create: () => ({
        move: (view) => {
          seen.push(view.turns);
          contexts.push(view.cluster?.activity.name);
          return 'C';
        },
      }),
    };
    const match = new InteractiveMatch(spy, { game: CLASSIC_GAME, rounds: 10, probEnd: 0.2, cluster: training, seed: 5 });
    expect(match.state.lengthKnown).toBe(false);
    match.play('C');
    expect(seen).toEqual([undefined]);
    expect(contexts).toEqual(['training']);
  });

  it('lets a cluster-aware strategy read the activity: raise-the-stakes co-operates in low-risk training', () => {
    const game = { R: 1, S: -0.3, T: 1.3, P: 0 };
    const settings = { game, rounds: 3, seed: 1, cluster: training };
    const expected = replay(builtin('defector'), builtin('raise-the-stakes'), settings);
    const match = new InteractiveMatch(builtin('raise-the-stakes'), settings);
    for (const move of expected.moves[0]) match.play(move);
    expect(match.state.opponent).toEqual(expected.moves[1]);
    expect(match.state.scores[0]).toBeCloseTo(expected.scores[0], 12);
  });

  it('rejects anything but C or D', () => {
    const match = new InteractiveMatch(builtin('cooperator'), fixed(2));
    expect(() => match.play('X' as Move)).toThrow(/expected 'C' or 'D'/);
  });
});

describe('the field and the hidden opponent', () => {
  it('scores every other strategy against the opponent, best first, as playMatch would', () => {
    const opponent = builtin('tit-for-tat');
    const others = builtinStrategies.filter((strategy) => strategy.id !== opponent.id);
    const settings = fixed(10, 4);
    const field = fieldAgainst(opponent, others, settings);
    expect(field).toHaveLength(others.length);
    for (let i = 1; i < field.length; i++) expect(field[i - 1]!.score).toBeGreaterThanOrEqual(field[i]!.score);
    const defector = field.find((entry) => entry.strategy.id === 'defector')!;
    expect([defector.score, defector.opponentScore]).toEqual([5 + 9 * 1, 0 + 9 * 1]);
    expect(field[0]!.score).toBeGreaterThanOrEqual(30); // cooperator earns 30; an end-game defector more
  });

  it('places the person in the field: ties share a rank and the person goes first among equals', () => {
    const field = [30, 20, 20, 10].map((score, index) => ({ strategy: builtinStrategies[index]!, score, opponentScore: 0 }));
    const rows = placeInField(field, 20, 7);
    expect(rows.map((row) => (row.kind === 'you' ? `you:${row.rank}` : `${row.entry.score}:${row.rank}`))).toEqual(['30:1', 'you:2', '20:2', '20:2', '10:5']);
    expect(placeInField(field, 5, 0).at(-1)).toEqual({ kind: 'you', rank: 5, score: 5, opponentScore: 0 });
    expect(placeInField(field, 31, 0)[0]).toMatchObject({ kind: 'you', rank: 1 });
    expect(placeInField(field, 31, 0)[1]).toMatchObject({ kind: 'strategy', rank: 2 });
  });

  it('draws the hidden opponent from the seed', () => {
    const first = pickOpponent(42, builtinStrategies);
    expect(pickOpponent(42, builtinStrategies)).toBe(first);
    const drawn = new Set(Array.from({ length: 40 }, (_, seed) => pickOpponent(seed, builtinStrategies).id));
    expect(drawn.size).toBeGreaterThan(10);
  });
});
