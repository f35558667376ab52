import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { playMatch, playMatchGeneral, prepareContestant, type MatchSettings } from '../../src/core/match.js';
import { StrategyFault } from '../../src/core/errors.js';
import { deriveStream } from '../../src/core/random.js';
import { defineStrategy, memoryOneStrategy } from '../../src/authoring/define.js';
import { builtinStrategies } from '../../strategies/registry.js';
import type { Strategy } from '../../src/core/strategy.js';
import { builtin, cycle, play } from '../support/play.js';

function match(a: Strategy, b: Strategy, settings: Partial<MatchSettings> = {}, seed = 1, general = false) {
  const full: MatchSettings = { game: CLASSIC_GAME, turns: 200, noise: 0, ...settings };
  const streams = (purpose: string) => deriveStream(seed, purpose);
  const first = prepareContestant(a, full.game);
  const second = prepareContestant(b, full.game);
  return general ? playMatchGeneral(first, second, full, streams, true) : playMatch(first, second, full, streams, true);
}

describe('match scores', () => {
  it('totals the payoffs of a 200-turn match', () => {
    expect(match(builtin('tit-for-tat'), builtin('defector')).scores).toEqual([199, 204]);
    expect(match(builtin('cooperator'), builtin('defector')).scores).toEqual([0, 1000]);
    expect(match(builtin('tit-for-tat'), builtin('tit-for-tat')).scores).toEqual([600, 600]);
    // Alternator against TFT: (C,C), then (D,C) on the 100 even rounds and (C,D) on the 99 odd ones.
    expect(match(builtin('alternator'), builtin('tit-for-tat')).scores).toEqual([3 + 100 * 5, 3 + 99 * 5]);
  });

  it('uses the given payoffs', () => {
    const game = { R: 1, S: 0, T: 1.9, P: 0 };
    expect(match(builtin('cooperator'), builtin('defector'), { game, turns: 10 }).scores).toEqual([0, 19]);
  });

  it('counts co-operations as played', () => {
    const result = match(builtin('grudger'), cycle('CCCD'), { turns: 20 });
    expect(result.cooperations).toEqual([4, 15]);
  });
});

describe('noise', () => {
  it('flips each chosen move with the given probability, and both players see the flipped move', () => {
    const noise = 0.1;
    const turns = 20_000;
    const result = match(builtin('cooperator'), builtin('cooperator'), { noise, turns });
    for (const seat of [0, 1] as const) {
      const flipped = turns - result.cooperations[seat];
      // binomial: mean 2000, sd ≈ 42.4; allow four standard deviations
      expect(Math.abs(flipped - noise * turns)).toBeLessThan(170);
    }
    // TFT copies the flipped move it saw: its move k+1 equals the opponent's played move k.
    const [tft, opponent] = play('tit-for-tat', 'cooperator', { noise: 0.2, turns: 400, seed: 3 });
    let agreements = 0;
    for (let k = 1; k < 400; k++) if (tft[k] === opponent[k - 1]) agreements++;
    // only TFT's own flips (about 20%) break the copy
    expect(agreements / 399).toBeGreaterThan(0.72);
    expect(agreements / 399).toBeLessThan(0.88);
  });

  it('leaves moves alone at noise 0 and flips every move at noise 1', () => {
    expect(match(builtin('cooperator'), builtin('defector'), { noise: 1, turns: 50 }).cooperations).toEqual([0, 50]);
  });
});

describe('probabilistic ending', () => {
  it('draws geometric match lengths with mean 1/p', () => {
    const p = 0.05;
    let total = 0;
    const matches = 3000;
    for (let seed = 0; seed < matches; seed++) {
      total += match(builtin('tit-for-tat'), builtin('tit-for-tat'), { probEnd: p }, seed).turns;
    }
    // mean 20, sd of one length ≈ 19.5: four standard errors ≈ 1.42
    expect(Math.abs(total / matches - 20)).toBeLessThan(1.42);
  });

  it('hides the length from strategies when it is not fixed', () => {
    const seen: (number | undefined)[] = [];
    const spy = defineStrategy({ id: 'spy', name: 'Spy', description: '', provenance: 'test', classifier: { memoryDepth: 0, stochastic: false } }, () => ({
      move: (view) => (seen.push(view.turns), 'C'),
    }));
    match(spy, builtin('cooperator'), { turns: 3 });
    match(spy, builtin('cooperator'), { probEnd: 0.5 }, 9);
    expect(seen.slice(0, 3)).toEqual([3, 3, 3]);
    expect(seen.slice(3).every((turns) => turns === undefined)).toBe(true);
  });
});

describe('fast path', () => {
  const machines = builtinStrategies.filter((strategy) => strategy.finiteState !== undefined);

  it('plays exactly like the general path for every finite-state strategy, with noise and randomness', () => {
    expect(machines.length).toBeGreaterThanOrEqual(12);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: machines.length - 1 }),
        fc.integer({ min: 0, max: machines.length - 1 }),
        fc.constantFrom(0, 0.01, 0.1, 0.5),
        fc.integer({ min: 0, max: 1_000_000 }),
        (i, j, noise, seed) => {
          const fast = match(machines[i]!, machines[j]!, { noise, turns: 60 }, seed);
          const general = match(machines[i]!, machines[j]!, { noise, turns: 60 }, seed, true);
          expect(fast).toEqual(general);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('draws from the player stream only for fractional probabilities', () => {
    const coin = memoryOneStrategy(
      { id: 'coin', name: 'Coin', description: '', provenance: 'test', classifier: { memoryDepth: 0, stochastic: true } },
      { first: 0.5, CC: 0.5, CD: 0.5, DC: 0.5, DD: 0.5 },
    );
    const [moves] = play(coin, 'cooperator', { turns: 2000, seed: 11 });
    const share = [...moves].filter((move) => move === 'C').length / 2000;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    expect(play(coin, 'cooperator', { turns: 50, seed: 11 })).toEqual(play(coin, 'cooperator', { turns: 50, seed: 11, general: true }));
  });
});

describe('misbehaving strategies', () => {
  const broken = (move: () => unknown): Strategy =>
    defineStrategy({ id: 'broken', name: 'Broken', description: '', provenance: 'test', classifier: { memoryDepth: 0, stochastic: false } }, () => ({
      move: move as () => 'C',
    }));

  it('turns a bad return value into a StrategyFault that names the strategy and the round', () => {
    expect(() =>
      match(
        broken(() => 'X'),
        builtin('cooperator'),
      ),
    ).toThrow(new StrategyFault('broken', "returned 'X' on round 1, expected 'C' or 'D'"));
    expect(() =>
      match(
        broken(() => Promise.resolve('C')),
        builtin('cooperator'),
      ),
    ).toThrow(/returned a Promise/);
  });

  it('turns an exception into a StrategyFault', () => {
    expect(() =>
      match(
        broken(() => {
          throw new Error('boom');
        }),
        builtin('cooperator'),
      ),
    ).toThrow("strategy 'broken' threw on round 1: boom");
  });
});
