import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/model.js';
import { marketSchema, type MarketParameters } from '../../src/cluster/market-parameters.js';
import { builtin } from '../support/play.js';
import { clusterParameters, trustOf, type DeepPartial } from '../support/cluster.js';

// Entry and exit in the market layer (src/cluster/market-turnover.ts): spin-offs take their
// parent's quality and its wariness, imitators make the basic product, firms out of wealth exit,
// and a larger neighbour of higher quality absorbs them.

function model(width: number, overrides: DeepPartial<MarketParameters>, trust: { initial: number } = { initial: 0.5 }) {
  const parameters = clusterParameters({
    width,
    height: width,
    boundary: 'torus',
    strategies: { 'tit-for-tat': 1 },
    trust,
    exit: { threshold: null, spinoffTrust: 0.1 },
  });
  const market = marketSchema.parse({ enabled: true, initialFirms: 0, growth: 0, ...overrides });
  return new ClusterModel({ parameters: { ...parameters, market }, seed: 2, strategies: [builtin('tit-for-tat')] });
}

const neighboursOf = (m: ClusterModel, site: number) =>
  Array.from(m.space.neighbourList.subarray(m.space.neighbourOffsets[site]!, m.space.neighbourOffsets[site + 1]!));

describe('entry into empty sites', () => {
  it('by spin-offs: a profitable firm’s empty neighbours are taken by spin-offs at its quality, and the parent is wary of them', () => {
    const m = model(5, { entry: { rate: 1, threshold: -1000, spinoffs: 1 } });
    const parent = m.space.centre();
    m.market!.quality[parent] = 2;
    const record = m.step().market!;
    expect(record.entries).toBe(8);
    expect(record.spinoffs).toBe(8);
    for (const child of neighboursOf(m, parent)) {
      expect(m.market!.vacant[child]).toBe(0);
      expect(m.market!.quality[child]).toBe(2);
      expect(trustOf(m, parent, child)).toBeCloseTo(0.1);
      expect(m.wealth[child]).toBe(0);
    }
    // Sites two steps away have no firm beside them yet.
    expect(record.firms).toBe(9);
  });

  it('by imitators: empty sites anywhere are taken by firms making the basic product, the more the more firms prosper by it', () => {
    // The left half of a 10 × 10 torus holds firms making quality 0, all earning more than the threshold:
    // each empty site is entered with probability rate × (profitable basic firms ÷ sites) = 0.5.
    const m = model(10, { entry: { rate: 1, threshold: -1000, spinoffs: 0 } });
    const market = m.market!;
    market.vacant.fill(1);
    for (let site = 0; site < 100; site++) if (site % 10 < 5) market.vacant[site] = 0;
    const record = m.step().market!;
    expect(record.spinoffs).toBe(0);
    expect(record.entries).toBeGreaterThan(10);
    expect(record.entries).toBeLessThan(40);
    expect(record.firms).toBe(50 + record.entries);
    // Columns 6 to 8 have no firm beside them: imitators came there all the same.
    const far = Array.from({ length: 100 }, (_, site) => site).filter((site) => [6, 7, 8].includes(site % 10) && market.vacant[site] === 0);
    expect(far.length).toBeGreaterThan(0);
    expect(market.quality.every((level) => level === 0)).toBe(true);
    // An entrant in column 5 meets the incumbent beside it (column 4) with the usual trust.
    const entrant = Array.from({ length: 10 }, (_, row) => row * 10 + 5).find((site) => market.vacant[site] === 0);
    expect(entrant).toBeDefined();
    expect(trustOf(m, entrant! - 1, entrant!)).toBeCloseTo(0.5);
    expect(trustOf(m, entrant!, entrant! - 1)).toBeCloseTo(0.5);
  });

  it('stops when no firm earns more than the threshold', () => {
    const m = model(5, { entry: { rate: 1, threshold: 1000, spinoffs: 0.5 } });
    expect(m.step().market!.entries).toBe(0);
  });
});

describe('exit and absorption', () => {
  it('a firm whose wealth falls below exitWealth leaves an empty site; its larger neighbour of higher quality takes over a share of its output', () => {
    const m = model(3, { entry: { rate: 0 }, exitWealth: -1, absorption: 0.5, size: { median: 2, sigma: 0 }, maxSize: 10 });
    const leader = m.space.centre();
    const laggard = neighboursOf(m, leader)[0]!;
    const market = m.market!;
    market.quality[leader] = 1;
    market.vacant[laggard] = 0;
    market.quality[laggard] = 0;
    market.size[laggard] = 1;
    m.wealth[laggard] = -100;
    const record = m.step().market!;
    expect(record.exits).toBe(1);
    expect(record.absorbed).toBe(1);
    expect(market.vacant[laggard]).toBe(1);
    expect(m.wealth[laggard]).toBe(0);
    expect(market.size[leader]).toBeCloseTo(2.5);
    expect(record.firms).toBe(1);
  });

  it('no one absorbs a firm whose neighbours make no better product', () => {
    const m = model(3, { entry: { rate: 0 }, exitWealth: -1, absorption: 0.5, size: { median: 2, sigma: 0 } });
    const leader = m.space.centre();
    const laggard = neighboursOf(m, leader)[0]!;
    m.market!.vacant[laggard] = 0;
    m.wealth[laggard] = -100;
    const record = m.step().market!;
    expect(record.exits).toBe(1);
    expect(record.absorbed).toBe(0);
    expect(m.market!.size[leader]).toBeCloseTo(2);
  });
});
