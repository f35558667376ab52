import { describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../src/cluster/model.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// Ablations (issue 14): each preset's story must come from the mechanism docs/scenarios.md names.
// For each, the effect is there with the mechanism on and gone with it off, over seeds 1–10 on a
// 30×30 lattice (cheap enough for the suite; the figures in docs/scenarios.md come from the same runs).
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SMALL = ['width=30', 'height=30'];

/** Co-operation at the given generations, one row per seed. */
function cooperation(preset: string, overrides: readonly string[], generations: number, at: readonly number[]): number[][] {
  const scenario = withOverrides(loadScenario(preset), [...SMALL, ...overrides]);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) => {
    const records: readonly GenerationRecord[] = runScenario(scenario, strategies, { seed, generations }).records;
    return at.map((generation) => records[generation]!.cooperation);
  });
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const column = (rows: readonly number[][], index: number): number[] => rows.map((row) => row[index]!);

describe('criciuma-crisis: a crisis that cuts both ways, and maintenance whose end causes the decay', () => {
  it('the crisis raises co-operation: joint savings and the cost of going it alone outweigh the temptation', () => {
    const withCrisis = column(cooperation('criciuma-crisis', [], 30, [30]), 0);
    const noCrisis = column(cooperation('criciuma-crisis', ['crisis.windows=[]'], 30, [30]), 0);
    const temptationOnly = column(cooperation('criciuma-crisis', ['crisis.jointSavings=0', 'crisis.aloneCost=0'], 30, [30]), 0);
    expect(mean(withCrisis)).toBeGreaterThan(0.5);
    expect(mean(withCrisis)).toBeGreaterThan(mean(noCrisis) + 0.25);
    expect(mean(temptationOnly)).toBeLessThan(mean(noCrisis));
    expect(SEEDS.filter((_, k) => withCrisis[k]! > noCrisis[k]!).length).toBeGreaterThanOrEqual(9);
  });

  // The decay must not hang on the trust arithmetic: it comes with the end of the grant under
  // trust decay 0.05 to 0.1 and one or two rounds a generation, and never comes while the grant lasts.
  // The corners that matter: the two decays at one round (the lowest trust ceiling), and the faster decay at two rounds.
  const settings: readonly (readonly string[])[] = [
    ['roundsPerGeneration=1', 'trust.decay=0.05', 'trust.baseline=0.1'],
    ['roundsPerGeneration=1', 'trust.decay=0.1', 'trust.baseline=0.1'],
    ['roundsPerGeneration=2', 'trust.decay=0.1', 'trust.baseline=0.1'],
  ];
  it.each(settings.map((setting) => [setting.join(' ') || 'the preset', setting] as const))(
    'co-operation decays once the maintenance budget is spent, and holds while it lasts (%s)',
    (_, setting) => {
      const lapsed = column(cooperation('criciuma-crisis', setting, 200, [200]), 0);
      const maintained = column(cooperation('criciuma-crisis', [...setting, 'maintenance.grant=1000'], 200, [200]), 0);
      expect(mean(lapsed)).toBeLessThan(0.2);
      expect(Math.max(...lapsed)).toBeLessThan(0.35);
      expect(mean(maintained)).toBeGreaterThan(0.6);
      expect(SEEDS.filter((_, k) => maintained[k]! > lapsed[k]! + 0.2).length).toBeGreaterThanOrEqual(9);
    },
    // 20 runs of 200 generations: a few seconds of CPU, more on a busy machine.
    120_000,
  );
});
