import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/model.js';
import { marketSchema, type MarketParameters } from '../../src/cluster/market-parameters.js';
import type { ActivitySpec } from '../../src/cluster/parameters.js';
import { builtin } from '../support/play.js';
import { clusterParameters, type DeepPartial } from '../support/cluster.js';

// Innovation, training and imitation of quality (src/cluster/innovation.ts).

const EXCHANGE: ActivitySpec = { name: 'exchange', lowRisk: false, R: 0.01, S: -0.01, T: 0.02, P: 0, cost: 0, trustThreshold: 0.6, enabled: true };

function model(overrides: DeepPartial<MarketParameters>, trust = 0.5, seed = 1) {
  const parameters = clusterParameters({
    width: 3,
    height: 3,
    boundary: 'torus',
    strategies: { 'tit-for-tat': 1 },
    activities: [EXCHANGE],
    trust: { initial: trust },
  });
  // A crowded basic product (demand 0.01): the margin is below the trigger, so firms want to innovate.
  const market = marketSchema.parse({ enabled: true, initialFirms: 0, growth: 0, demand: 0.01, entry: { rate: 0 }, exitWealth: -1000, ...overrides });
  return new ClusterModel({ parameters: { ...parameters, market }, seed, strategies: [builtin('tit-for-tat')] });
}

function addFirm(m: ClusterModel, site: number, quality = 0, education = 0): void {
  const market = m.market!;
  market.vacant[site] = 0;
  market.quality[site] = quality;
  market.size[site] = 1;
  market.education[site] = education;
}

describe('innovation', () => {
  it('a firm whose margin has gone pays cost × (1 − costCut × education) from its wealth and, with chance 1, rises one level', () => {
    const m = model({ innovation: { cost: 2, costCut: 0.5, base: 1, education: 0, exchange: 0 } });
    const firm = m.space.centre();
    m.market!.education[firm] = 0.4;
    m.wealth[firm] = 10;
    const record = m.step().market!;
    expect(record.innovations).toBe(1);
    expect(m.market!.quality[firm]).toBe(1);
    expect(m.wealth[firm]).toBeCloseTo(10 + m.payoff[firm]! - 2 * (1 - 0.5 * 0.4), 6);
  });

  it('is not tried without the wealth to pay for it, nor while the margin is still wide', () => {
    const poor = model({ innovation: { cost: 2, base: 1 } });
    expect(poor.step().market!.innovations).toBe(0);
    const comfortable = model({ demand: 100, innovation: { cost: 2, base: 1 } });
    comfortable.wealth[comfortable.space.centre()] = 10;
    expect(comfortable.step().market!.innovations).toBe(0);
  });

  it('succeeds by the share of partners trusted enough for technology exchange: trust below the threshold, no exchange', () => {
    const run = (trust: number) => {
      const m = model({ innovation: { cost: 0.1, base: 0, education: 0, exchange: 1 } }, trust);
      for (let site = 0; site < 9; site++) addFirm(m, site);
      for (let site = 0; site < 9; site++) m.wealth[site] = 10;
      m.step();
      return m.step().market!.innovations;
    };
    // At trust 0.7 tit-for-tat pairs co-operate on the exchange rung: every partner is trusted, the chance is 1.
    expect(run(0.7)).toBe(9);
    expect(run(0.5)).toBe(0);
  });
});

describe('management training', () => {
  it('moves a trained manager’s education boost of the way to 1', () => {
    const m = model({ training: { rate: 1, boost: 0.5 }, innovation: { cost: 1000 } });
    const firm = m.space.centre();
    m.market!.education[firm] = 0.2;
    m.step();
    expect(m.market!.education[firm]).toBeCloseTo(0.6);
  });
});

describe('imitation of quality', () => {
  it('copies one level of a better neighbour after seeing it for `lag` generations, not before', () => {
    const m = model({ imitation: { lag: 3, rate: 1 }, innovation: { cost: 1000 } });
    const leader = m.space.centre();
    const follower = (leader + 1) % 9;
    m.market!.quality[leader] = 3;
    addFirm(m, follower, 0);
    const levels: number[] = [];
    for (let generation = 0; generation < 5; generation++) {
      m.step();
      levels.push(m.market!.quality[follower]!);
    }
    // Seen from generation 0; copied at generation 3 (one level); seen again from 3, so the next copy is due at 6.
    expect(levels).toEqual([0, 0, 0, 1, 1]);
  });
});
