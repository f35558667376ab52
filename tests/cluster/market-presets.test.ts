import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// stagnation vs take-off (docs/scenarios.md): the same cluster from the same start, without
// training or trust, and with management training plus the trust ladder. Seeds 1–10 on the
// presets' 30 × 30 lattice, 100 generations (about 2 s of CPU for the forty runs).
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function finals(name: string, overrides: readonly string[] = []) {
  const scenario = withOverrides(loadScenario(name), overrides);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) => runScenario(scenario, strategies, { seed, generations: scenario.generations }).records.at(-1)!.market!);
}

describe('stagnation vs take-off', () => {
  it('start alike: the same lattice, firms and market, differing only in training and trust', () => {
    const stagnation = loadScenario('stagnation').parameters;
    const takeOff = loadScenario('take-off').parameters;
    const { training: _a, ...stagnantMarket } = stagnation.market!;
    const { training: _b, ...takeOffMarket } = takeOff.market!;
    expect(takeOffMarket).toEqual(stagnantMarket);
    expect(takeOff.strategies).toEqual(stagnation.strategies);
    expect(takeOff.trust.initial).toBe(stagnation.trust.initial);
    expect(stagnation.market!.training.rate).toBe(0);
    expect(stagnation.trust.gain).toBe(0);
    expect(takeOff.market!.training.rate).toBeGreaterThan(0);
    expect(takeOff.trust.gain).toBeGreaterThan(0);
  });

  it('the stagnant cluster stays with the basic product while the one with training and trust climbs a level and more, and grows, in at least 9 of 10 seeds', () => {
    const stagnant = finals('stagnation');
    const rising = finals('take-off');
    const contrasts = SEEDS.filter(
      (_, index) => rising[index]!.meanQuality >= stagnant[index]!.meanQuality + 1 && rising[index]!.firms > stagnant[index]!.firms,
    );
    expect(contrasts.length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...stagnant.map((market) => market.meanQuality))).toBeLessThan(0.5);
  });

  it('takes off with either ingredient alone, and stagnates without both', () => {
    const ladderOnly = finals('take-off', ['market.training.rate=0']);
    const trainingOnly = finals('take-off', ['trust.gain=0', 'activities.training.enabled=false']);
    const neither = finals('take-off', ['market.training.rate=0', 'trust.gain=0', 'activities.training.enabled=false']);
    expect(ladderOnly.filter((market) => market.meanQuality >= 1).length).toBeGreaterThanOrEqual(9);
    expect(trainingOnly.filter((market) => market.meanQuality >= 1).length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...neither.map((market) => market.meanQuality))).toBeLessThan(0.5);
  });
});
