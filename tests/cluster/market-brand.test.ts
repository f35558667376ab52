import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { foundFirm } from '../../src/cluster/market.js';
import { marketSchema, type MarketParameters } from '../../src/cluster/market-parameters.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument, parseClusterRun, seriesCsv } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { clusterParameters, type DeepPartial } from '../support/cluster.js';
import { builtin } from '../support/play.js';

// Reputation and brand names (src/cluster/market-brand.ts, docs/model.md "Brands"): a firm that has
// sold above the basic quality for brand.build generations sells at a premium; copies sell at the
// plain price until their makers have built their own brand.

const market = (overrides: DeepPartial<MarketParameters>): MarketParameters => marketSchema.parse({ enabled: true, ...overrides });

/** One firm in the centre of a 5 × 5 torus making quality 1, which neither innovates, imitates, grows nor is joined by entrants. */
function lonelyInnovator(brand: { premium: number; build: number }) {
  const overrides: DeepPartial<MarketParameters> = {
    initialFirms: 0,
    entry: { rate: 0 },
    growth: 0,
    size: { median: 2, sigma: 0 },
    innovation: { cost: 1000 },
    brand,
  };
  const parameters = clusterParameters({ width: 5, height: 5, boundary: 'torus', strategies: { 'tit-for-tat': 1 } });
  const model = new ClusterModel({ parameters: { ...parameters, market: market(overrides) }, seed: 1, strategies: [builtin('tit-for-tat')] });
  const centre = model.space.centre();
  model.market!.quality[centre] = 1;
  return { model, centre, parameters: market(overrides) };
}

/** What a unit fetched: profit = size × (price − c₁) − fixedCost, with c₁ = 0.3 × 1.2 and fixedCost 0.05 (the defaults). */
const unitPrice = (profit: number, size: number) => (profit + 0.05) / size + 0.36;

describe('brands', () => {
  it('come after brand.build generations of selling above the basic quality, and fetch (1 + premium) × the tier price', () => {
    const { model, centre } = lonelyInnovator({ premium: 0.25, build: 3 });
    const records = Array.from({ length: 5 }, () => model.step().market!);
    expect(records.map((record) => record.brands)).toEqual([0, 0, 0, 1, 1]);
    // Alone in its tier, the firm's price stays the same: only the brand changes what it fetches.
    const plain = unitPrice(records[2]!.meanProfit, 2);
    expect(unitPrice(model.market!.profit[centre]!, 2)).toBeCloseTo(1.25 * plain, 10);
    expect(records[4]!.meanPrice).toBeCloseTo(records[2]!.meanPrice, 10);
  });

  it('let a copy of the same quality sell at the plain price until its maker has built a brand of its own', () => {
    const { model, centre, parameters } = lonelyInnovator({ premium: 0.25, build: 3 });
    for (let g = 0; g < 4; g++) model.step();
    // A copy two sites away (not a neighbour: no game between them) at the same quality.
    const copy = centre + 2;
    foundFirm(model.market!, parameters, copy, 1, () => 0.5);
    const profits = () => [model.market!.profit[centre]!, model.market!.profit[copy]!].map((profit) => unitPrice(profit, 2));
    const early = model.step().market!;
    expect(early.brands).toBe(1);
    const [innovator, imitator] = profits();
    expect(innovator).toBeCloseTo(1.25 * imitator!, 10);
    for (let g = 0; g < 3; g++) model.step();
    const [later, caughtUp] = profits();
    expect(later).toBeCloseTo(caughtUp!, 10);
    expect(model.step().market!.brands).toBe(2);
  });

  it('never go to the basic product: a firm at quality 0 sells anonymously', () => {
    const { model, centre } = lonelyInnovator({ premium: 0.25, build: 0 });
    model.market!.quality[centre] = 0;
    const records = Array.from({ length: 3 }, () => model.step().market!);
    expect(records.map((record) => record.brands)).toEqual([0, 0, 0]);
  });

  it('are off at premium 0: no brands figure, and how long a brand takes to build changes nothing', () => {
    const scenario = withOverrides(loadScenario('market-phases'), ['width=12', 'height=12', 'market.brand.premium=0']);
    const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
    const run = (build: number) =>
      runScenario(withOverrides(scenario, [`market.brand.build=${build}`]), strategies, { seed: 2, generations: 60 }).records.map((record) => record.market!);
    const quick = run(0);
    expect(quick.some((record) => record.meanQuality > 0)).toBe(true);
    expect(quick.every((record) => !('brands' in record))).toBe(true);
    expect(run(40)).toEqual(quick);
  });

  it('add a brands column last in the CSV and a brands figure to the JSON, only in a run with them', () => {
    const scenario = withOverrides(loadScenario('market-phases'), ['width=12', 'height=12']);
    const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
    const ids = Object.keys(scenario.parameters.strategies);
    const activities = scenario.parameters.activities.map((activity) => activity.name);
    const branded = runScenario(scenario, strategies, { seed: 2, generations: 60 });
    const rows = parse(seriesCsv(branded.records, activities, ids), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!).at(-1)).toBe('brands');
    expect(rows.map((row) => Number(row.brands))).toEqual(branded.records.map((record) => record.market!.brands));
    expect(Math.max(...rows.map((row) => Number(row.brands)))).toBeGreaterThan(0);
    const document = parseClusterRun(JSON.parse(JSON.stringify(clusterRunDocument(branded, 'test'))), 'run.json');
    expect(document.series.map((point) => point.market?.brands)).toEqual(branded.records.map((record) => record.market!.brands));
    const plain = runScenario(withOverrides(scenario, ['market.brand.premium=0']), strategies, { seed: 2, generations: 5 });
    expect(seriesCsv(plain.records, activities, ids)).not.toContain('brands');
  });
});

// The ablation (docs/scenarios.md, market-phases): the preset over seeds 1–10 (30 × 30, 100
// generations; some 2–3 s of CPU for the twenty runs), with its brands and with brand.premium = 0.
describe('market-phases: brands protect the innovators’ rent', () => {
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

  function innovatorsOverTheRun(overrides: readonly string[]) {
    const scenario = withOverrides(loadScenario('market-phases'), overrides);
    const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
    return SEEDS.map((seed) => {
      const records = runScenario(scenario, strategies, { seed, generations: scenario.generations }).records.map((record) => record.market!);
      const withInnovators = records.filter((record) => record.innovatorProfit !== null);
      return {
        profit: mean(withInnovators.map((record) => record.innovatorProfit!)),
        lead: mean(withInnovators.map((record) => record.innovatorProfit! - record.meanProfit)),
      };
    });
  }

  it('the innovators earn more, and further ahead of the average firm, with brands than without, in at least 9 of 10 seeds', () => {
    const branded = innovatorsOverTheRun([]);
    const plain = innovatorsOverTheRun(['market.brand.premium=0']);
    const richer = SEEDS.filter((_, index) => branded[index]!.profit > plain[index]!.profit);
    const further = SEEDS.filter((_, index) => branded[index]!.lead > plain[index]!.lead);
    expect(richer.length).toBeGreaterThanOrEqual(9);
    expect(further.length).toBeGreaterThanOrEqual(9);
    expect(mean(branded.map((seed) => seed.profit))).toBeGreaterThan(1.2 * mean(plain.map((seed) => seed.profit)));
  });
});
