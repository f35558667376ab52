import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../src/cluster/model.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// The silicon-valley preset's story (docs/scenarios.md) comes from partner choice: with it, ties
// are re-formed project by project and co-operation spreads; without it, the same firms on the
// fixed lattice stay locked in their rivalry. Seeds 1–10 on a 30×30 lattice, 80 generations.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const GENERATIONS = 80;

function runs(overrides: readonly string[]): GenerationRecord[][] {
  const scenario = withOverrides(loadScenario('silicon-valley'), ['width=30', 'height=30', ...overrides]);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) => [...runScenario(scenario, strategies, { seed, generations: GENERATIONS }).records]);
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('silicon-valley: ties re-formed for each project', () => {
  let withChoice: GenerationRecord[][] = [];
  let fixed: GenerationRecord[][] = [];
  beforeAll(() => {
    withChoice = runs([]);
    fixed = runs(['partnerChoice.enabled=false']);
  });

  it('co-operation spreads when firms choose their partners, and stays locked out on the fixed lattice, in every seed', () => {
    const on = withChoice.map((records) => records[GENERATIONS]!.cooperation);
    const off = fixed.map((records) => records[GENERATIONS]!.cooperation);
    expect(Math.min(...on)).toBeGreaterThan(0.6);
    expect(Math.max(...off)).toBeLessThan(0.1);
    expect(mean(on)).toBeGreaterThan(mean(off) + 0.6);
  });

  it('ties are re-formed often: every generation after the first, some ties end and new ones form, and the degree holds', () => {
    for (const records of withChoice) {
      const later = records.slice(20);
      expect(later.every((record) => record.ties!.cut > 0 && record.ties!.formed > 0)).toBe(true);
      // About one tie in twenty ends each generation with its project, and as many are formed again.
      const cutShare = mean(later.map((record) => record.ties!.cut / ((record.ties!.meanDegree * 900) / 2)));
      expect(cutShare).toBeGreaterThan(0.04);
      expect(Math.min(...later.map((record) => record.ties!.meanDegree))).toBeGreaterThan(5);
    }
    expect(fixed.every((records) => records.every((record) => record.ties === undefined))).toBe(true);
  });

  it('the opportunists lose: defectors, half the firms at the start, end as a small minority', () => {
    const defectors = withChoice.map((records) => records[GENERATIONS]!.strategies[0]!);
    expect(mean(defectors)).toBeLessThan(0.2);
    expect(mean(fixed.map((records) => records[GENERATIONS]!.strategies[0]!))).toBeGreaterThan(0.4);
  });
});
