import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/model.js';
import { tierPrices, unitCostOf, unitValueOf } from '../../src/cluster/market-demand.js';
import { drawEducation, drawSize } from '../../src/cluster/market-firms.js';
import { DEFAULT_MARKET, marketSchema } from '../../src/cluster/market-parameters.js';
import { withParameter } from '../../src/cluster/parameters.js';
import { deriveStream } from '../../src/core/random.js';
import { parse } from 'csv-parse/sync';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument, parseClusterRun, seriesCsv } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { builtin } from '../support/play.js';
import { clusterParameters, type DeepPartial } from '../support/cluster.js';
import type { MarketParameters } from '../../src/cluster/market-parameters.js';

// The market layer (src/cluster/market*.ts, docs/model.md "The market"): quality tiers with a
// demand curve each, empty sites, entry by spin-offs and imitators, exit and absorption.

const market = (overrides: DeepPartial<MarketParameters> = {}): MarketParameters => marketSchema.parse({ enabled: true, ...overrides });

function model(width: number, height: number, overrides: DeepPartial<MarketParameters>, seed = 1, strategies = { 'tit-for-tat': 1 }) {
  const parameters = clusterParameters({ width, height, boundary: 'torus', strategies, market: overrides as MarketParameters });
  return new ClusterModel({ parameters: { ...parameters, market: market(overrides) }, seed, strategies: Object.keys(strategies).map(builtin) });
}

const occupied = (m: ClusterModel) => m.market!.vacant.reduce((sum, empty) => sum + (1 - empty), 0);

describe('the demand curve of a quality tier', () => {
  it('sets p_q = v_q·D_q/(D_q + X_q): the value when the tier is empty, half of it at X_q = D_q, and D narrows by tier', () => {
    const parameters = market({ demand: 0.1, narrowing: 0.5, value: 1, premium: 0.5 });
    const prices = tierPrices(parameters, Float64Array.from([0, 10, 5]), 100, new Float64Array(3));
    expect(prices[0]).toBeCloseTo(1);
    expect(prices[1]).toBeCloseTo(1.5 * (5 / 15));
    expect(prices[2]).toBeCloseTo(2 * (2.5 / 7.5));
    expect(unitValueOf(parameters, 2)).toBeCloseTo(2);
    expect(unitCostOf(market({ unitCost: 0.3, costStep: 0.2 }), 2)).toBeCloseTo(0.42);
  });

  it('with substitution, lets the output of better tiers weigh on a tier at that share', () => {
    const parameters = market({ demand: 0.1, narrowing: 0, value: 1, premium: 0, substitution: 0.5 });
    const prices = tierPrices(parameters, Float64Array.from([10, 4, 6]), 100, new Float64Array(3));
    expect(prices[0]).toBeCloseTo(10 / (10 + 10 + 0.5 * 10));
    expect(prices[1]).toBeCloseTo(10 / (10 + 4 + 0.5 * 6));
    expect(prices[2]).toBeCloseTo(10 / (10 + 6));
  });

  it('lowers the price for everyone in a tier as more output enters it', () => {
    const parameters = market();
    const price = (units: number) => tierPrices(parameters, Float64Array.from([units]), 100, new Float64Array(1))[0]!;
    expect(price(5)).toBeGreaterThan(price(10));
    expect(price(10)).toBeGreaterThan(price(40));
  });
});

describe('heterogeneous firms', () => {
  it('draw a lognormal size around the median (capped at maxSize) and a uniform education within its range', () => {
    const parameters = market({ size: { median: 2, sigma: 0.5 }, education: { min: 0.2, max: 0.6 }, maxSize: 100 });
    const random = deriveStream(1, 'test');
    const sizes = Array.from({ length: 4001 }, () => drawSize(parameters, random)).sort((a, b) => a - b);
    expect(sizes[2000]).toBeGreaterThan(1.85);
    expect(sizes[2000]).toBeLessThan(2.15);
    expect(sizes[0]).toBeGreaterThan(0);
    const educations = Array.from({ length: 1000 }, () => drawEducation(parameters, random));
    expect(Math.min(...educations)).toBeGreaterThanOrEqual(0.2);
    expect(Math.max(...educations)).toBeLessThanOrEqual(0.6);
    expect(Math.max(...Array.from({ length: 200 }, () => drawSize(market({ maxSize: 1.5 }), random)))).toBeLessThanOrEqual(1.5);
  });
});

describe('the market layer is off by default', () => {
  it('leaves the model without market state and records without a market field', () => {
    const parameters = clusterParameters({ width: 5, height: 5, boundary: 'torus' });
    const plain = new ClusterModel({ parameters, seed: 1, strategies: [builtin('cooperator')] });
    expect(plain.market).toBeUndefined();
    expect(plain.step().market).toBeUndefined();
  });

  it('gives the same records with market.enabled=false as without the market group', () => {
    const parameters = clusterParameters({
      width: 8,
      height: 8,
      boundary: 'torus',
      strategies: { 'tit-for-tat': 1, defector: 1 },
      noise: 0.05,
      trust: { initial: 0.5, gain: 0.1, loss: 0.3 },
      update: { rule: 'fermi', share: 1 },
    });
    const run = (p: typeof parameters) => {
      const m = new ClusterModel({ parameters: p, seed: 4, strategies: [builtin('tit-for-tat'), builtin('defector')] });
      return Array.from({ length: 6 }, () => m.step());
    };
    expect(run(withParameter(parameters, 'market.enabled', false))).toEqual(run(parameters));
    expect(withParameter(parameters, 'market.enabled', false).market).toEqual({ ...DEFAULT_MARKET, enabled: false });
  });
});

describe('products and a market', () => {
  it('starts with pioneers on initialFirms of the sites at quality 0, the rest empty; empty sites play no rounds and earn nothing', () => {
    const m = model(10, 10, { initialFirms: 0.2, entry: { rate: 0 }, growth: 0 });
    const firms = occupied(m);
    expect(firms).toBeGreaterThan(8);
    expect(firms).toBeLessThan(35);
    expect(m.market!.quality.every((level) => level === 0)).toBe(true);
    const record = m.step();
    expect(record.market!.firms).toBe(firms);
    const { vacant, profit } = m.market!;
    for (let site = 0; site < 100; site++) {
      if (vacant[site] === 1) {
        expect(m.payoff[site]).toBe(0);
        continue;
      }
      // Tit-for-tat co-operates with each neighbouring firm (DEAL: R = 3) and plays no round with an empty site.
      const { neighbourOffsets, neighbourList } = m.space;
      const neighbours = Array.from(neighbourList.subarray(neighbourOffsets[site]!, neighbourOffsets[site + 1]!)).filter(
        (neighbour) => vacant[neighbour] === 0,
      ).length;
      expect(m.payoff[site]).toBeCloseTo(profit[site]! + 3 * neighbours, 10);
    }
  });

  it('adds each firm its market profit, size × (p_q − c_q) − fixedCost, to its payoff and wealth', () => {
    // One firm on a 3×3 torus: no neighbours of its own, so its payoff is its market profit alone.
    const m = model(3, 3, { initialFirms: 0, entry: { rate: 0 }, growth: 0, size: { median: 2, sigma: 0 }, demand: 0.5, fixedCost: 0.1 });
    const site = m.space.centre();
    expect(occupied(m)).toBe(1);
    m.step();
    const price = (1 * 4.5) / (4.5 + 2);
    expect(m.payoff[site]).toBeCloseTo(2 * (price - 0.3) - 0.1, 10);
    expect(m.wealth[site]).toBeCloseTo(m.payoff[site]!, 10);
  });

  it('entry lowers profits: as firms fill the empty sites the basic product sells cheaper and each firm earns less', () => {
    const m = model(20, 20, { initialFirms: 0.02, entry: { rate: 0.2, threshold: 0 }, growth: 0, innovation: { cost: 1000 } }, 3);
    const pioneers = occupied(m);
    const records = Array.from({ length: 30 }, () => m.step().market!);
    const first = records[0]!;
    const last = records[records.length - 1]!;
    expect(last.firms).toBeGreaterThan(3 * pioneers);
    expect(last.meanPrice).toBeLessThan(first.meanPrice);
    expect(last.meanProfit).toBeLessThan(first.meanProfit / 2);
    const total = (field: 'entries' | 'exits') => records.reduce((sum, record) => sum + record[field], 0);
    expect(last.firms).toBe(pioneers + total('entries') - total('exits'));
  });
});

describe('market parameters', () => {
  it('may be set before a run (--set market.enabled=true) but not switched on or reshaped during one', () => {
    const parameters = withParameter(clusterParameters({ width: 5, height: 5, boundary: 'torus' }), 'market.enabled', true);
    expect(parameters.market?.enabled).toBe(true);
    const m = new ClusterModel({ parameters, seed: 1, strategies: [builtin('cooperator')] });
    expect(() => m.set('market.enabled', false)).toThrow(/structural|during a run|cannot/);
    expect(() => m.set('market.size.median', 3)).toThrow();
    m.set('market.training.rate', 0.2);
    expect(m.parameters.market?.training.rate).toBe(0.2);
  });

  it('refuses a bad value, naming the field', () => {
    expect(() => withParameter(clusterParameters(), 'market.tiers', 0)).toThrow('market.tiers: got 0, expected a whole number from 1 to 32');
  });
});

describe('the market in the run outputs', () => {
  it('adds its columns last in the CSV, a market object to each generation of the JSON and the final quality lattice, and nothing without it', () => {
    const scenario = withOverrides(loadScenario('market-phases'), ['width=10', 'height=10']);
    const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
    const run = runScenario(scenario, strategies, { seed: 1, generations: 5 });
    const activities = scenario.parameters.activities.map((activity) => activity.name);
    const csv = parse(seriesCsv(run.records, activities, Object.keys(scenario.parameters.strategies)), { columns: true }) as Record<string, string>[];
    const header = Object.keys(csv[0]!);
    expect(header.slice(-15, -1)).toEqual([
      'firms',
      'entries',
      'spinoffs',
      'market_exits',
      'absorbed',
      'mean_price',
      'mean_quality',
      'quality_spread',
      'mean_profit',
      'innovator_profit',
      'innovations',
      'imitations',
      'mean_size',
      'mean_education',
    ]);
    expect(Number(csv[5]!.firms)).toBe(run.records[5]!.market!.firms);
    expect(Number(csv[5]!.mean_price)).toBeCloseTo(run.records[5]!.market!.meanPrice, 10);
    const document = parseClusterRun(JSON.parse(JSON.stringify(clusterRunDocument(run, 'test'))), 'run.json');
    expect(document.series[5]!.market).toEqual(run.records[5]!.market);
    // The final quality lattice: quality[y][x] of the firm there, null for an empty site.
    const { vacant, quality } = run.model.market!;
    expect(document.final.quality).toEqual(
      Array.from({ length: 10 }, (_, y) => Array.from({ length: 10 }, (_, x) => (vacant[y * 10 + x] === 1 ? null : quality[y * 10 + x]!))),
    );
    expect(document.final.quality!.flat().some((level) => level === null)).toBe(true);
    expect(document.final.quality!.flat().some((level) => level !== null)).toBe(true);
    const plain = runScenario(withOverrides(scenario, ['market.enabled=false']), strategies, { seed: 1, generations: 2 });
    expect(seriesCsv(plain.records, activities, Object.keys(scenario.parameters.strategies))).not.toContain('mean_quality');
    expect(clusterRunDocument(plain, 'test').series[0]).not.toHaveProperty('market');
    expect(clusterRunDocument(plain, 'test').final).not.toHaveProperty('quality');
  });
});
