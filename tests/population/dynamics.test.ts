import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { deriveStream } from '../../src/core/random.js';
import { ecological, generational, moranGame, moranProcess } from '../../src/population/dynamics.js';
import { classicStrategies } from '../../strategies/registry.js';
import { builtin } from '../support/play.js';

describe('the Moran process', () => {
  it('fixes a single mutant of constant fitness r with probability (1 − 1/r)/(1 − 1/r^N)', () => {
    for (const [N, r] of [
      [10, 2],
      [8, 1.5],
    ] as const) {
      const runs = 3000;
      let fixed = 0;
      for (let k = 0; k < runs; k++) {
        const run = moranProcess([1, ...new Array<number>(N - 1).fill(0)], 2, { ofType: (type) => (type === 1 ? r : 1) }, deriveStream(11, N, r, k), 100_000);
        expect(run.fixated).toBeDefined();
        if (run.fixated === 1) fixed++;
      }
      const expected = (1 - 1 / r) / (1 - 1 / r ** N);
      // within four standard errors of a binomial share
      expect(Math.abs(fixed / runs - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / runs));
    }
  });

  it('plays the game: defectors take over a well-mixed population of co-operators', () => {
    const run = moranGame([builtin('cooperator'), builtin('defector')], [15, 5], { game: CLASSIC_GAME, turns: 20, noise: 0, seed: 3 }, 500);
    expect(run.fixated).toBe(1);
    expect(run.shares[0]).toEqual([0.75, 0.25]);
  });
});

describe('the ecological tournament (Axelrod 1984)', () => {
  it('grows tit-for-tat and lets the exploiters die out among the classic dozen', () => {
    const run = ecological(
      classicStrategies,
      classicStrategies.map(() => 1),
      { game: CLASSIC_GAME, turns: 200, noise: 0, seed: 1 },
      500,
    );
    const final = run.shares[run.shares.length - 1]!;
    const share = (id: string) => final[classicStrategies.findIndex((strategy) => strategy.id === id)]!;
    expect(share('tit-for-tat')).toBeGreaterThan(2 / 12);
    for (const exploiter of ['defector', 'bully', 'suspicious-tit-for-tat', 'alternator', 'prober']) expect(share(exploiter)).toBe(0);
    expect(final.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('the generational dynamics of "The Evolution of Trust"', () => {
  const game = { R: 2, S: -1, T: 3, P: 0 };
  const population = [builtin('cooperator'), builtin('defector'), builtin('tit-for-tat')];

  it('with 10 rounds a match, tit-for-tat takes over 23 co-operators and a defector', () => {
    const run = generational(population, [23, 1, 1], { game, turns: 10, noise: 0, seed: 1 }, 100, 5);
    expect(run.fixated).toBe(2);
  });

  it('with 5 rounds or fewer, the defector takes over', () => {
    for (const turns of [5, 4, 3]) {
      const run = generational(population, [23, 1, 1], { game, turns, noise: 0, seed: 1 }, 100, 5);
      expect(run.fixated).toBe(1);
    }
  });
});
