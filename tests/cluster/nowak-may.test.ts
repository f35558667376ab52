import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/model.js';
import { DEFAULT_PARAMETERS, type ClusterParameters } from '../../src/cluster/parameters.js';
import { builtin } from '../support/play.js';

// Nowak, M. A. & May, R. M. (1992) Evolutionary games and spatial chaos. Nature 359:826-829.
// Moore neighbourhood with self-interaction, synchronous imitate-the-best, R = 1, T = b, S = P = 0.
const pool = [builtin('cooperator'), builtin('defector')];

function defectorCounts(b: number, generations: number, kernel = true): number[] {
  const parameters: ClusterParameters = { ...DEFAULT_PARAMETERS, width: 49, height: 49, temptation: b, init: 'single-defector' };
  const model = new ClusterModel({ parameters, seed: 1, strategies: pool, kernel });
  return Array.from({ length: generations }, () => Math.round(model.step().strategies[1]! * 49 * 49));
}

describe('Nowak & May (1992): a single defector among co-operators', () => {
  for (const kernel of [true, false]) {
    const path = kernel ? 'memory-less kernel' : 'relationship by relationship';
    it(`stays a single defector for b < 9/8 (${path})`, () => {
      expect(defectorCounts(1.1, 10, kernel)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    });

    it(`alternates 1, 9 for 9/8 < b < 7/5 (${path})`, () => {
      expect(defectorCounts(1.3, 10, kernel)).toEqual([1, 9, 1, 9, 1, 9, 1, 9, 1, 9]);
    });

    it(`cycles 1, 9, 5 for 7/5 < b < 8/5 (${path})`, () => {
      expect(defectorCounts(1.5, 9, kernel)).toEqual([1, 9, 5, 1, 9, 5, 1, 9, 5]);
    });

    it(`freezes at a 3×3 block for 8/5 < b < 9/5 (${path})`, () => {
      expect(defectorCounts(1.7, 10, kernel)).toEqual([1, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    });
  }

  it('grows as a symmetric kaleidoscope for 9/5 < b < 2', () => {
    const parameters: ClusterParameters = { ...DEFAULT_PARAMETERS, width: 99, height: 99, temptation: 1.9, init: 'single-defector' };
    const model = new ClusterModel({ parameters, seed: 1, strategies: pool });
    const counts: number[] = [];
    for (let generation = 0; generation < 30; generation++) {
      counts.push(Math.round(model.step().strategies[1]! * 99 * 99));
      // the pattern keeps the eight symmetries of the square around the centre
      const at = (x: number, y: number) => model.strategyOf[(49 + y) * 99 + 49 + x];
      for (let y = -49; y <= 49; y += 7) {
        for (let x = -49; x <= 49; x += 3) {
          expect(at(x, y)).toBe(at(-x, y));
          expect(at(x, y)).toBe(at(x, -y));
          expect(at(x, y)).toBe(at(y, x));
        }
      }
    }
    expect(counts.slice(0, 3)).toEqual([1, 9, 25]);
    expect(counts[29]).toBeGreaterThan(counts[5]!);
    expect(new Set(counts.slice(10)).size).toBeGreaterThan(10); // ever-changing, not frozen
  });
});

describe('Nowak & May (1992): spatial chaos from a random start', () => {
  it('settles around 0.318 co-operators for 1.8 < b < 2 from 90% co-operators', () => {
    const parameters: ClusterParameters = { ...DEFAULT_PARAMETERS, width: 100, height: 100, temptation: 1.85, cooperators: 0.9 };
    const model = new ClusterModel({ parameters, seed: 3, strategies: pool });
    let sum = 0;
    let samples = 0;
    for (let generation = 0; generation < 300; generation++) {
      const share = model.step().strategies[0]!;
      if (generation >= 100) {
        sum += share;
        samples++;
      }
    }
    expect(Math.abs(sum / samples - 0.318)).toBeLessThan(0.02);
  });
});

describe('the memory-less kernel', () => {
  it('gives exactly the same generations as playing every relationship', () => {
    const deal = { name: 'deal', lowRisk: false, R: 3, S: -1, P: 0.5, cost: 0.25, trustThreshold: 0, enabled: true };
    // Neighbours at trust 0.3 play low-risk training; with self-interaction, a firm's round with itself (full trust) is risky.
    const ladder = [
      { name: 'training', lowRisk: true, R: 1, S: -0.3, T: 1.3, P: 0, cost: 0.1, trustThreshold: 0, enabled: true },
      { name: 'tech', lowRisk: false, R: 3, S: -3, T: 5, P: 0, cost: 0, trustThreshold: 0.6, enabled: true },
    ];
    for (const [b, boundary, neighbourhood, selfInteraction, activities] of [
      [1.85, 'torus', 'moore', true, [deal]],
      [1.6, 'fixed', 'von-neumann', false, [deal]],
      [1.3, 'torus', 'von-neumann', true, [deal]],
      [1.3, 'torus', 'moore', true, ladder],
    ] as const) {
      const parameters: ClusterParameters = {
        ...DEFAULT_PARAMETERS,
        width: 23,
        height: 17,
        temptation: b,
        boundary,
        neighbourhood,
        selfInteraction,
        roundsPerGeneration: 2,
        activities: [...activities],
        trust: { ...DEFAULT_PARAMETERS.trust, initial: 0.3 },
      };
      const fast = new ClusterModel({ parameters, seed: 5, strategies: pool });
      const slow = new ClusterModel({ parameters, seed: 5, strategies: pool, kernel: false });
      for (let generation = 0; generation < 15; generation++) {
        const a = fast.step();
        const b2 = slow.step();
        expect(a.cooperation).toBeCloseTo(b2.cooperation, 12);
        expect(a.mutualCooperation).toBeCloseTo(b2.mutualCooperation, 12);
        expect(a.cooperationLowRisk).toBe(b2.cooperationLowRisk);
        expect(a.cooperationRisky).toBe(b2.cooperationRisky);
        expect(a.meanTrust).toBe(b2.meanTrust);
        expect(a.rungs).toEqual(b2.rungs);
        expect(a.noRung).toBe(b2.noRung);
        expect(a.activities).toEqual(b2.activities);
        expect(a.meanPayoff).toBeCloseTo(b2.meanPayoff, 9);
        expect(a.strategies).toEqual(b2.strategies);
        for (const [firm, value] of fast.payoff.entries()) expect(value).toBeCloseTo(slow.payoff[firm]!, 9);
      }
    }
  });
});
