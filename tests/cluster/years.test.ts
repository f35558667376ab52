import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides, yearOf } from '../../src/cluster/scenario.js';
import { clusterRunDocument } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// criciuma-crisis on Meyer-Stamer's (2001, §4.1) timeline (docs/scenarios.md): a crisis in the
// early 1990s, goals reached by the mid-1990s, co-operation decreasing again by the paper's "today".
describe('criciuma-crisis in years', () => {
  const scenario = loadScenario('criciuma-crisis');
  const years = scenario.years!;

  it('puts the crisis in the early 1990s and the end of the run at the paper, 2001', () => {
    const window = scenario.parameters.crisis.windows[0]!;
    expect(yearOf(years, window.from)).toBeGreaterThanOrEqual(1990);
    expect(yearOf(years, window.to)).toBeLessThanOrEqual(1993);
    expect(yearOf(years, scenario.generations)).toBe(2001);
    expect(scenario.events.map((event) => yearOf(years, event.generation))).toEqual([1991]);
  });

  it('spends the maintenance budget in the mid-1990s', () => {
    const small = withOverrides(scenario, ['width=12', 'height=12']);
    const run = runScenario(small, requireStrategies(Object.keys(small.parameters.strategies)), { seed: 1, generations: 125 });
    const spent = clusterRunDocument(run, '0.1.0').log.find((entry) => entry.label.includes('budget'));
    expect(spent?.year).toBeGreaterThanOrEqual(1994);
    expect(spent?.year).toBeLessThanOrEqual(1996);
  });
});
