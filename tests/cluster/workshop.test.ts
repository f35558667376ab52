import { describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../src/cluster/model.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides, type Scenario } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// The workshop story (Meyer-Stamer 2001, section 4.1), from the model's mechanisms alone:
// a cluster of rivals stays non-cooperative; joint training first lets trust grow until firms
// co-operate in exchanging technology.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function play(scenario: Scenario, seed: number): readonly GenerationRecord[] {
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return runScenario(scenario, strategies, { seed, generations: 200 }).records;
}

describe('the workshop presets', () => {
  const rivalry = loadScenario('rivalry');
  const trainingFirst = loadScenario('training-first');
  const switchedOff = withOverrides(trainingFirst, ['activities.training.enabled=false']);
  const rivalryRuns = SEEDS.map((seed) => play(rivalry, seed));

  it('rivalry stays below 20% co-operation through generation 200 in every seed', () => {
    for (const records of rivalryRuns) {
      expect(records).toHaveLength(201);
      expect(Math.max(...records.map((record) => record.cooperation))).toBeLessThan(0.2);
    }
  });

  it('training-first crosses 60% co-operation by generation 150 in at least 9 of 10 seeds, climbing to technology exchange', () => {
    const runs = SEEDS.map((seed) => play(trainingFirst, seed));
    const crossed = runs.filter((records) => records.slice(0, 151).some((record) => record.cooperation > 0.6));
    expect(crossed.length).toBeGreaterThanOrEqual(9);
    for (const records of runs) {
      // nothing happens before the programme starts at generation 10
      expect(Math.max(...records.slice(0, 10).map((record) => record.cooperation))).toBeLessThan(0.2);
      // by the end most rounds are played as the risky, rewarding activity
      expect(records[200]!.activities[1]).toBeGreaterThan(0.5);
    }
  });

  it('training-first with its programme switched off behaves exactly like rivalry', () => {
    SEEDS.slice(0, 3).forEach((seed, index) => {
      expect(play(switchedOff, seed)).toEqual(rivalryRuns[index]);
    });
  });
});
