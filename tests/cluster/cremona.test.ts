import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// The cremona preset's story must come from word of mouth (docs/scenarios.md): over seeds 1–10 on
// a 30×30 lattice, co-operation holds with the reputation layer on and falls with it off. The
// figures in docs/scenarios.md come from the same runs (`cooplab cluster --scenario cremona
// --size 30x30 --seeds 10 -f csv`, with the --set below).
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const GENERATIONS = 60;

function finalCooperation(overrides: readonly string[]): number[] {
  const scenario = withOverrides(loadScenario('cremona'), ['width=30', 'height=30', ...overrides]);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) => runScenario(scenario, strategies, { seed, generations: GENERATIONS }).records[GENERATIONS]!.cooperation);
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('cremona: peer review and word of mouth hold co-operation with no sanctions', () => {
  it('co-operation holds with word of mouth and falls without it', () => {
    const preset = loadScenario('cremona').parameters;
    expect(preset.sanctions.fine).toBe(0);
    expect(preset.trust.gain + preset.trust.loss).toBe(0);
    const spoken = finalCooperation([]);
    const silent = finalCooperation(['reputation.enabled=false']);
    expect(mean(spoken)).toBeGreaterThan(0.85);
    expect(Math.min(...spoken)).toBeGreaterThan(0.6);
    expect(Math.max(...silent)).toBeLessThan(0.1);
  }, 120_000);

  it('needs a norm that does not hold refusing a cheat against the one who refuses: under image scoring it falls', () => {
    const image = finalCooperation(['reputation.assessment=image-scoring']);
    expect(Math.max(...image)).toBeLessThan(0.1);
  }, 120_000);
});
