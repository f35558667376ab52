import { describe, expect, it } from 'vitest';
import { runClaimedTask } from '../../src/cli/sweep-worker.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { longestFirst, parseGridAxis, planSweep, runSweepTask } from '../../src/cluster/sweep.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

describe('a sweep thread', () => {
  it('runs the next unclaimed task, the same result as on its own, and nothing once all are claimed', () => {
    const scenario = withOverrides(loadScenario('rivalry'), ['width=6', 'height=6']);
    const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
    const tasks = planSweep(scenario, [], 3, 5);
    const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    // Another thread has claimed the first task.
    next[0] = 1;
    const shared = { scenario, tasks, generations: 2, next };
    expect(runClaimedTask(shared, strategies)).toEqual(runSweepTask(scenario, strategies, tasks[1]!, 2));
    expect(runClaimedTask(shared, strategies)?.index).toBe(2);
    expect(runClaimedTask(shared, strategies)).toBeUndefined();
    expect(next[0]).toBeGreaterThanOrEqual(tasks.length);
  });

  it('hands out the biggest lattices first and keeps the order of tasks of one size', () => {
    const scenario = withOverrides(loadScenario('rivalry'), ['width=6', 'height=6']);
    const tasks = planSweep(scenario, [parseGridAxis('width=6,12,8')], 2, 5);
    expect(longestFirst(scenario, tasks).map((task) => task.index)).toEqual([2, 3, 4, 5, 0, 1]);
    const alike = planSweep(scenario, [parseGridAxis('sanctions.fine=0,1')], 2, 5);
    expect(longestFirst(scenario, alike)).toEqual(alike);
  });
});
