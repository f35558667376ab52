import { describe, expect, it } from 'vitest';
import { marketPhases, smooth } from '../../src/cluster/market-phases.js';
import type { MarketRecord } from '../../src/cluster/market.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// Sonobe & Otsuka's three phases in the market-phases preset (docs/scenarios.md), found by the
// phase rule of src/cluster/market-phases.ts (docs/model.md, "The phase rule"), over seeds 1–10 on
// the preset's 30 × 30 lattice and 100 generations (about 1 s of CPU for the ten runs). The
// figures in docs/scenarios.md come from the same runs.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function phases(overrides: readonly string[] = []) {
  const scenario = withOverrides(loadScenario('market-phases'), overrides);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) =>
    marketPhases(runScenario(scenario, strategies, { seed, generations: scenario.generations }).records.map((record) => record.market!)),
  );
}

const record = (firms: number, meanQuality: number, meanProfit: number, innovatorProfit: number | null = null): MarketRecord => ({
  firms,
  entries: 0,
  spinoffs: 0,
  exits: 0,
  absorbed: 0,
  meanPrice: 0,
  meanQuality,
  qualitySpread: 0,
  meanProfit,
  innovatorProfit,
  innovations: 0,
  imitations: 0,
  meanSize: 1,
  meanEducation: 0,
});

describe('the phase rule', () => {
  it('smooths by a centred moving average, shorter at the ends', () => {
    expect(smooth([0, 0, 10, 0, 0], 3)).toEqual([0, 10 / 3, 10 / 3, 10 / 3, 0]);
  });

  it('finds initiation, expansion and quality improvement in a made-up series, and refuses one that only grows', () => {
    const series: MarketRecord[] = [];
    for (let g = 0; g < 5; g++) series.push(record(10, 0, 1));
    for (let g = 0; g < 20; g++) series.push(record(10 + 10 * g, 0, 1 - g / 20));
    for (let g = 0; g < 40; g++) series.push(record(200 - 2 * g, g / 10, 0.2, 1.5));
    const found = marketPhases(series);
    expect(found.expansion).toBeGreaterThan(5);
    expect(found.expansion).toBeLessThan(15);
    expect(found.quality).toBeGreaterThan(25);
    expect(found.quality).toBeLessThan(35);
    expect(found.shown).toBe(true);
    const growing = series.map((entry, g) => ({ ...entry, firms: 10 + 5 * g }));
    expect(marketPhases(growing).checks.risingThenFalling).toBe(false);
    expect(marketPhases(growing).shown).toBe(false);
  });
});

describe('market-phases: initiation, quantity expansion, quality improvement', () => {
  it('shows the three phases in at least 9 of 10 seeds, in that order', () => {
    const found = phases();
    expect(found.filter((phase) => phase.shown).length).toBeGreaterThanOrEqual(9);
    for (const phase of found.filter((candidate) => candidate.shown)) {
      expect(phase.expansion).toBeLessThan(phase.quality);
      expect(phase.firms.peak).toBeGreaterThan(phase.firms.end);
    }
  });

  it('needs innovation: without it quality never rises and the innovators never recover', () => {
    const found = phases(['market.innovation.education=0', 'market.innovation.exchange=0']);
    expect(found.filter((phase) => phase.shown).length).toBe(0);
    expect(found.every((phase) => phase.quality < 0)).toBe(true);
  });
});
