import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME, type Game } from '../../src/core/game.js';
import type { Move, Strategy } from '../../src/core/strategy.js';
import { resolveParameters } from '../../src/core/strategy.js';
import { builtinStrategies, classicStrategies, literatureStrategies } from '../../strategies/index.js';
import { builtin, cycle, movesOf, play, type PlayOptions } from '../support/play.js';
import { viewAfter } from '../support/views.js';

// Every expected sequence below was worked out by hand from the rule in the strategy's header.
// For stochastic strategies the hand derivation uses the first uniform numbers of the seat-0
// stream for seed 1 (the only stream such a strategy draws from in these matches), which are
//   u1..u10  = .5146 .3349 .4040 .3360 .9425 .1761 .7364 .8566 .8145 .2111
//   u11..u20 = .6779 .5162 .0621 .4111 .8376 .6206 .7202 .6196 .0847 .6724
//   u21..u30 = .0254 .6227 .4789 .0518 .5176 .9442 .4689 .0752 .9116 .9637
// and a strategy co-operates when its draw is below its co-operation probability.
const ALL_C = cycle('C');
const ALL_D = cycle('D');
const ALTERNATE = cycle('CD'); // C on odd rounds, D on even rounds
const PROBE = cycle('CCDDD');
const SEED = { seed: 1 } as const;

type Opponent = Strategy | string;
type Case = [opponent: Opponent, expected: string, options?: PlayOptions];

const pinned: Record<string, Case[]> = {
  // Co-operates when u < 0.5, whatever the partner does.
  random: [
    [ALL_C, 'DCCCDCDDDCDDCCDDDDCD', SEED],
    [ALL_D, 'DCCCDCDDDCDDCCDDDDCD', SEED],
  ],
  // (1, 1/3, 1, 1/3): draws only after a partner's D; C when u < 1/3.
  'generous-tit-for-tat': [
    [ALL_C, 'CCCCCCCCCCCCCCCCCCCC', SEED],
    [ALL_D, 'CDDDDDCDDDCDDCDDDDDC', SEED],
    [ALTERNATE, 'CCDCDCDCDCDCCCDCDCDC', SEED],
  ],
  'hard-tit-for-tat': [
    [ALL_C, 'CCCCCCCCCC'],
    [ALL_D, 'CDDDDDDDDD'],
    [ALTERNATE, 'CCDDDDDDDD'],
    [cycle('DCCCC'), 'CDDDCCDDDCCDDDC', { turns: 15 }],
  ],
  // Copies the partner's last move only once its defection rate exceeds 10%.
  'forgiving-tit-for-tat': [
    [ALL_D, 'CDDDDDDDDD'],
    [cycle('CCCCD'), 'CCCCCDCCCCDCCCCDCCCC', { turns: 20 }],
    [cycle('CCCCCCCCCD'), 'CCCCCCCCCCCCCCCCCCCCCCCCC', { turns: 25 }],
  ],
  // Punishes the n-th defection (counting all of the partner's) with n D's, then C, C.
  gradual: [
    [ALL_C, 'CCCCCCCCCC'],
    [ALL_D, 'CDCCDDDDCCDDDDDDDDDD', { turns: 20 }],
    [ALTERNATE, 'CCDCCCDDDCCCDDDDDDCC', { turns: 20 }],
    [PROBE, 'CCCDCCCCDDDDCCDDDDDD', { turns: 20 }],
  ],
  'soft-grudger': [
    [ALL_C, 'CCCCCCCCCC'],
    [ALL_D, 'CDDDDCCDDDDCCDDDDCCD', { turns: 20 }],
    [ALTERNATE, 'CCDDDDCCDDDDCCDDDDCC', { turns: 20 }],
    [PROBE, 'CCCDDDDCCDDDDCCDDDDC', { turns: 20 }],
  ],
  // (1, 0, 1, 2/3): draws only after (D, D); C when u < 2/3.
  'firm-but-fair': [
    [ALL_C, 'CCCCCCCCCC', SEED],
    [ALL_D, 'CDCDCDCDCDDCDDDDCDDC', { turns: 20, seed: 1 }],
    [ALTERNATE, 'CCDCDCDCDC', SEED],
  ],
  'go-by-majority': [
    [ALL_D, 'CDDDDDDDDD'],
    [ALTERNATE, 'CCCCCCCCCC'],
    [PROBE, 'CCCCCDCCCDDDCDDDDDDD', { turns: 20 }],
  ],
  // Six C's and five D's, then whichever move has the larger total payoff (ties: D).
  adaptive: [
    [ALL_C, 'CCCCCCDDDDDDDDDDDDDD', { turns: 20 }],
    [ALL_D, 'CCCCCCDDDDDDDDDDDDDD', { turns: 20 }],
    [ALTERNATE, 'CCCCCCDDDDDDDDDDDDDD', { turns: 20 }],
    ['tit-for-tat', 'CCCCCCDDDDDCCCCCCCCC', { turns: 20 }],
  ],
  handshake: [
    [ALL_C, 'CDDDDDDDDD'],
    [ALL_D, 'CDDDDDDDDD'],
    [ALTERNATE, 'CDCCCCCCCC'],
    ['handshake', 'CDCCCCCCCC'],
  ],
  tester: [
    [ALL_C, 'DCCDCDCDCDCDCDCDCDCD', { turns: 20 }],
    [ALL_D, 'DCDDDDDDDD'],
    [ALTERNATE, 'DCCCDCDCDC'],
    [PROBE, 'DCCCDDCCDDDC', { turns: 12 }],
  ],
  'cycler-ccd': [
    [ALL_C, 'CCDCCDCCDC'],
    [ALL_D, 'CCDCCDCCDC'],
  ],
  'cycler-ddc': [
    [ALL_C, 'DDCDDCDDCD'],
    [ALL_D, 'DDCDDCDDCD'],
  ],
  'cycler-cccccd': [
    [ALL_C, 'CCCCCDCCCCCD', { turns: 12 }],
    [ALL_D, 'CCCCCDCCCCCD', { turns: 12 }],
  ],
  // (8/9, 1/2, 1/3, 0) in the classic game.
  'zd-extort-2': [
    [ALL_C, 'CCCCCDCCCCCCCCCCCCCC', { turns: 20, seed: 1 }],
    [ALL_D, 'CDDDDDDDDD', SEED],
    [ALTERNATE, 'CCCCCDDCDDDDDCDDDCCC', { turns: 20, seed: 1 }],
  ],
  davis: [
    [ALL_C, 'CCCCCCCCCCCCCCC', { turns: 15 }],
    [ALL_D, 'CCCCCCCCCCDDDDD', { turns: 15 }],
    [ALTERNATE, 'CCCCCCCCCCDDDDD', { turns: 15 }],
    [cycle('CCCCCCCCCCD'), 'CCCCCCCCCCCDDDD', { turns: 15 }],
  ],
  downing: [
    [ALL_C, 'DDCDDDDDDDDDDDD', { turns: 15 }],
    [ALL_D, 'DDDDDDDDDD'],
    ['tit-for-tat', 'DDCCCCCCCC'],
    [cycle('CCCCDD'), 'DDCDDCDCDCDD', { turns: 12 }],
  ],
  // Probability after a partner's C is max(1 - 0.0025 n, 0.5), n = moves played.
  feld: [
    [ALL_C, 'CCCCCCCCCCCCCCCCCCCCCCCCCCDCCC', { turns: 30, seed: 1 }],
    [ALL_D, 'CDDDDDDDDD', SEED],
    [ALTERNATE, 'CCDCDCDCDCDCDCDCDCDC', { turns: 20, seed: 1 }],
  ],
  // Memory-one (1, 2/7, 2/7, 1); C when u < 2/7.
  grofman: [
    [ALL_C, 'CCCCCCCCCC', SEED],
    [ALL_D, 'CDCDCDCDCDCCDCDCDCCD', { turns: 20, seed: 1 }],
    [ALTERNATE, 'CCDDCCDDCCDCDDCCDCDD', { turns: 20, seed: 1 }],
  ],
  // (0.9, 0, 0.9, 0); against tit-for-tat one sneaky D starts the C/D echo.
  joss: [
    [ALL_C, 'CCCCCDCCCCCCCCCCCCCCCCCCCCDCCD', { turns: 30, seed: 1 }],
    [ALL_D, 'CDDDDDDDDD', SEED],
    ['tit-for-tat', 'CCCCCDCDCDCDCDCDCDCD', { turns: 20, seed: 1 }],
  ],
  shubik: [
    [ALL_C, 'CCCCCCCCCC'],
    [ALL_D, 'CDCDDCDDDCDDDDCDDDDD', { turns: 20 }],
    [ALTERNATE, 'CCDCDDCCDDDCDDDDCCDD', { turns: 20 }],
    [cycle('DCDCCD'), 'CDCDDCDDDC'],
  ],
  // 11 C's, then C with probability max(0, c/10 - 0.1), c = partner's C's in its last 10 moves.
  tullock: [
    [ALL_C, 'CCCCCCCCCCCCCCCDCCCC', { turns: 20, seed: 1 }],
    [ALL_D, 'CCCCCCCCCCCDDDD', { turns: 15, seed: 1 }],
    [ALTERNATE, 'CCCCCCCCCCCDCDCDCDDD', { turns: 20, seed: 1 }],
  ],
};

/** A machine's co-operation probabilities (all plain numbers for these strategies). */
const probabilities = (strategy: Strategy, game: Game = CLASSIC_GAME, given = {}): number[] =>
  strategy.finiteState!(resolveParameters(strategy, given), game).cooperate.map((p) => {
    const value: unknown = p;
    return typeof value === 'number' ? value : Number.NaN;
  });

/** Partners that between them reach many histories: constant, periodic, reactive and random. */
const PARTNERS: readonly Opponent[] = [ALL_C, ALL_D, ALTERNATE, PROBE, 'tit-for-tat', 'random'];

/** The strategy played through move() only, reporting each random number it draws. */
function watchDraws(strategy: Strategy, drew: () => void): Strategy {
  return {
    ...strategy,
    finiteState: undefined,
    create(parameters) {
      const player = strategy.create(parameters);
      return {
        move: (view) =>
          player.move({
            own: view.own,
            opponent: view.opponent,
            round: view.round,
            game: view.game,
            turns: view.turns,
            cluster: view.cluster,
            random: () => {
              drew();
              return view.random();
            },
          }),
      };
    },
  };
}

const rate = (moves: string): number => [...moves].filter((move) => move === 'C').length / moves.length;

describe('literature strategies', () => {
  // Every list below comes from the registry: adding a strategy is its file, its line in
  // strategies/index.ts and its pinned moves here.
  it('registers the literature after the classic dozen, with unique kebab-case ids', () => {
    expect(builtinStrategies.slice(0, classicStrategies.length + literatureStrategies.length)).toEqual([...classicStrategies, ...literatureStrategies]);
    const ids = builtinStrategies.map((strategy) => strategy.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('documents each strategy', () => {
    for (const strategy of literatureStrategies) {
      expect(strategy.name.length, strategy.id).toBeGreaterThan(0);
      expect(strategy.description.length, strategy.id).toBeGreaterThan(40);
      expect(strategy.provenance, strategy.id).toMatch(/\(\d{4}\)/);
      for (const spec of Object.values(strategy.parameters ?? {})) expect(spec.description.length).toBeGreaterThan(0);
    }
  });

  it('declare themselves stochastic exactly when they draw random numbers', () => {
    for (const strategy of literatureStrategies) {
      let drew = false;
      const watched = watchDraws(strategy, () => (drew = true));
      for (const partner of PARTNERS) for (const seed of [1, 2]) play(watched, partner, { turns: 60, seed, general: true });
      expect(drew, strategy.id).toBe(strategy.classifier.stochastic);
    }
  });

  it('keep to their declared memory depth: the same last rounds, the same move', () => {
    const bounded = literatureStrategies.filter((strategy) => !strategy.classifier.stochastic && Number.isFinite(strategy.classifier.memoryDepth));
    expect(bounded.length).toBeGreaterThan(0);
    for (const strategy of bounded) {
      const depth = strategy.classifier.memoryDepth;
      const moveAfter = new Map<string, string>();
      for (const partner of PARTNERS) {
        const [mine, theirs] = play(strategy, partner, { turns: 200, seed: 3 });
        for (let round = depth; round < mine.length; round++) {
          const window = `${mine.slice(round - depth, round)}/${theirs.slice(round - depth, round)}`;
          const earlier = moveAfter.get(window);
          if (earlier === undefined) moveAfter.set(window, mine[round]!);
          else expect(mine[round], `${strategy.id} after ${window} against ${String(partner)}`).toBe(earlier);
        }
      }
    }
  });

  it('pins every literature strategy against at least two opponents', () => {
    expect(Object.keys(pinned).sort()).toEqual(literatureStrategies.map((strategy) => strategy.id).sort());
    for (const cases of Object.values(pinned)) expect(cases.length).toBeGreaterThanOrEqual(2);
  });

  for (const [id, cases] of Object.entries(pinned)) {
    describe(id, () => {
      for (const [opponent, expected, options] of cases) {
        const name = typeof opponent === 'string' ? opponent : opponent.name;
        it(`plays ${expected} against ${name}`, () => {
          const settings = { turns: expected.length, ...options };
          expect(movesOf(id, opponent, settings)).toBe(expected);
          // And the same when every move goes through move(), whichever path the pair took first.
          expect(movesOf(id, opponent, { ...settings, general: true })).toBe(expected);
        });
      }
    });
  }
});

describe('finite-state forms', () => {
  const machines = literatureStrategies.filter((strategy) => strategy.finiteState !== undefined);

  it('exist for every strategy whose memory is finite', () => {
    for (const strategy of literatureStrategies.filter((candidate) => Number.isFinite(candidate.classifier.memoryDepth)))
      expect(strategy.finiteState, strategy.id).toBeDefined();
  });

  it('play exactly like their move() players, with noise', () => {
    const partners = ['tit-for-tat', 'win-stay-lose-shift', 'random', 'joss'];
    for (const strategy of machines) {
      for (const partner of partners) {
        for (const seed of [1, 2]) {
          const options = { turns: 120, noise: 0.1, seed };
          expect(play(strategy, partner, { ...options, general: true }), `${strategy.id} v ${partner}`).toEqual(play(strategy, partner, options));
        }
      }
    }
  });

  it('derive the four-vectors from the game and the parameters', () => {
    const vector = (id: string, game = CLASSIC_GAME, given = {}) => probabilities(builtin(id), game, given);
    const close = (actual: readonly number[], expected: number[]) => {
      for (const [i, value] of expected.entries()) expect(actual[i]).toBeCloseTo(value, 12);
    };
    close(vector('generous-tit-for-tat'), [1, 1, 1 / 3, 1, 1 / 3]);
    // R=4, S=0, T=5, P=1: min(1 - 1/4, 3/4) = 3/4.
    close(vector('generous-tit-for-tat', { R: 4, S: 0, T: 5, P: 1 }), [1, 1, 0.75, 1, 0.75]);
    close(vector('generous-tit-for-tat', CLASSIC_GAME, { generosity: 0.1 }), [1, 1, 0.1, 1, 0.1]);
    close(vector('zd-extort-2'), [1, 8 / 9, 1 / 2, 1 / 3, 0]);
    close(vector('joss', CLASSIC_GAME, { p: 0.7 }), [1, 0.7, 0, 0.7, 0]);
    close(vector('firm-but-fair'), [1, 1, 0, 1, 2 / 3]);
    close(vector('grofman'), [1, 1, 2 / 7, 2 / 7, 1]);
  });

  it('honour numeric parameters', () => {
    const withDefaults = (id: string, defaults: Record<string, number>): Strategy => {
      const strategy = builtin(id);
      const parameters = Object.fromEntries(
        Object.entries(strategy.parameters ?? {}).map(([key, spec]) => [key, { ...spec, default: defaults[key] ?? spec.default }]),
      );
      return { ...strategy, parameters };
    };
    expect(movesOf(withDefaults('random', { p: 0 }), ALL_C, { turns: 50, seed: 1 })).toBe('D'.repeat(50));
    expect(movesOf(withDefaults('random', { p: 1 }), ALL_C, { turns: 50, seed: 1 })).toBe('C'.repeat(50));
    expect(movesOf(withDefaults('davis', { roundsToCooperate: 3 }), ALL_D, { turns: 6 })).toBe('CCCDDD');
    expect(movesOf(withDefaults('davis', { roundsToCooperate: 0 }), ALTERNATE, { turns: 4 })).toBe('CCDD');
    // start 1, end 0.5 over 4 moves: 0.875 after 1 move, 0.75, 0.625, then 0.5 for ever.
    expect(probabilities(builtin('feld'), CLASSIC_GAME, { roundsOfDecay: 4 })).toEqual([1, 0.875, 0, 0.75, 0, 0.625, 0, 0.5, 0, 0.5, 0]);
  });
});

describe('statistical behaviour', () => {
  it('random co-operates about half the time', () => {
    const moves = movesOf('random', ALL_C, { turns: 2000, seed: 1 });
    expect(rate(moves)).toBeGreaterThan(0.45);
    expect(rate(moves)).toBeLessThan(0.55);
  });

  it('generous tit-for-tat forgives a constant defector a third of the time', () => {
    const moves = movesOf('generous-tit-for-tat', ALL_D, { turns: 3001, seed: 1 }).slice(1);
    expect(rate(moves)).toBeGreaterThan(0.3);
    expect(rate(moves)).toBeLessThan(0.37);
  });

  it('firm but fair co-operates 2/5 of the time against a defector (one C per 1 + 3/2 moves)', () => {
    const moves = movesOf('firm-but-fair', ALL_D, { turns: 3000, seed: 1 });
    expect(rate(moves)).toBeGreaterThan(0.37);
    expect(rate(moves)).toBeLessThan(0.43);
  });

  it('joss co-operates 90% of the time with a co-operator', () => {
    const moves = movesOf('joss', ALL_C, { turns: 3000, seed: 1 });
    expect(rate(moves)).toBeGreaterThan(0.87);
    expect(rate(moves)).toBeLessThan(0.93);
  });

  it("grofman answers a defector's exploitation with C 2/7 of the time", () => {
    // After (C,D) it co-operates w.p. 2/7, after (D,D) always: pi_D = pi_C * 5/7, so pi_C = 7/12.
    const moves = movesOf('grofman', ALL_D, { turns: 3000, seed: 1 });
    expect(rate(moves)).toBeGreaterThan(7 / 12 - 0.03);
    expect(rate(moves)).toBeLessThan(7 / 12 + 0.03);
  });

  it('feld decays to co-operating half the time after 200 moves', () => {
    const moves = movesOf('feld', ALL_C, { turns: 2200, seed: 1 });
    expect(rate(moves.slice(0, 20))).toBeGreaterThan(0.9);
    expect(rate(moves.slice(200))).toBeGreaterThan(0.47);
    expect(rate(moves.slice(200))).toBeLessThan(0.53);
  });

  it("tullock co-operates 0.1 less often than its partner's recent rate", () => {
    const moves = movesOf('tullock', ALL_C, { turns: 2011, seed: 1 }).slice(11);
    expect(rate(moves)).toBeGreaterThan(0.87);
    expect(rate(moves)).toBeLessThan(0.93);
    const againstAlternator = movesOf('tullock', ALTERNATE, { turns: 2011, seed: 1 }).slice(11);
    expect(rate(againstAlternator)).toBeGreaterThan(0.37);
    expect(rate(againstAlternator)).toBeLessThan(0.43);
  });

  it('zd-extort-2 enforces (own - P) = 2 (partner - P) on average, whatever the partner', () => {
    // The per-round gap (own - P) - 2 (partner - P) ranges over about T - S either way, so
    // over 100 000 rounds its mean is within a few hundredths of 0; a non-ZD rule misses by far more.
    const check = (partner: Strategy, game: Game, tolerance: number) => {
      const [mine, theirs] = play('zd-extort-2', partner, { turns: 100_000, seed: 1, game });
      const payoff = (a: string, b: string) => (a === 'C' ? (b === 'C' ? game.R : game.S) : b === 'C' ? game.T : game.P);
      let gap = 0;
      for (let i = 0; i < mine.length; i++) {
        gap += payoff(mine[i]!, theirs[i]!) - game.P - 2 * (payoff(theirs[i]!, mine[i]!) - game.P);
      }
      expect(Math.abs(gap / mine.length), `${partner.id} in ${JSON.stringify(game)}`).toBeLessThan(tolerance);
    };
    for (const partner of [ALL_C, builtin('random'), builtin('generous-tit-for-tat')]) check(partner, CLASSIC_GAME, 0.1);
    // With T = 10 the default phi = 1/9 is infeasible; the largest feasible phi (2/19) is used:
    // (1 - phi (1 - s)(R - P), 1 - phi (s (P - S) + T - P), phi (P - S + s (T - P)), 0) = (17/19, 0, 11/19, 0).
    const greedy = { R: 3, S: 0, T: 10, P: 1 };
    const cooperate = probabilities(builtin('zd-extort-2'), greedy);
    for (const [i, value] of [1, 17 / 19, 0, 11 / 19, 0].entries()) expect(cooperate[i]).toBeCloseTo(value, 12);
    check(builtin('random'), greedy, 0.2);
  });
});

describe('relationships that already have a history', () => {
  const deterministic = literatureStrategies.filter((strategy) => !strategy.classifier.stochastic);

  it('take up the rule where the history leaves off', () => {
    for (const strategy of deterministic) {
      for (const partner of ['random', 'tit-for-tat', 'alternator']) {
        const [mine, theirs] = play(strategy, partner, { turns: 40, seed: 3 });
        for (const played of [0, 1, 2, 5, 11, 12, 17, 30, 39]) {
          const player = strategy.create(resolveParameters(strategy));
          const move: Move = player.move(viewAfter(mine.slice(0, played), theirs.slice(0, played)));
          expect(move, `${strategy.id} v ${partner} after ${played}`).toBe(mine[played]);
        }
      }
    }
  });
});
