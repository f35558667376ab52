import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides, type Scenario } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// Bistability (issue 14 item 2): the lock-in preset holds a rival and a co-operative cluster under
// the same parameters, and only its history (the push of a subsidy from generation 10 to 210)
// decides which. Seeds 1–10 on the preset's own 30×30 lattice (a smaller one tips too few seeds:
// the pioneers come back by mutation, and fewer firms bring fewer back): 400 generations with the
// push, 209 without it and 300 without the ladder. The figures in docs/scenarios.md come from these runs.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const GENERATIONS = 400;
const PUSH_ENDS = 210;

function cooperation(scenario: Scenario, at: readonly number[]): number[][] {
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) => {
    const { records } = runScenario(scenario, strategies, { seed, generations: Math.max(...at) });
    return at.map((generation) => records[generation]!.cooperation);
  });
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const column = (rows: readonly number[][], index: number): number[] => rows.map((row) => row[index]!);

describe('lock-in: one set of parameters, two stable clusters', () => {
  const preset = loadScenario('lock-in');

  it('the push is a subsidy that starts and ends; nothing else in the timeline', () => {
    expect(preset.parameters.subsidy).toBe(0);
    expect(preset.events.map((event) => [event.generation, event.set])).toEqual([
      [10, { subsidy: 1 }],
      [PUSH_ENDS, { subsidy: 0 }],
    ]);
  });

  // Each arm is a test of its own, with a generous backstop: on a machine with every core busy
  // ten seeds of 400 generations take well over a minute.
  it('without the push the cluster stays rivals, in every seed', () => {
    const unpushed = cooperation(withOverrides(preset, ['subsidy=0']), [50, PUSH_ENDS - 1]);
    for (const index of [0, 1]) expect(Math.max(...column(unpushed, index))).toBeLessThan(0.1);
  }, 300_000);

  it('with the push the same cluster tips, and stays co-operative long after the push ends', () => {
    const pushed = cooperation(preset, [PUSH_ENDS - 1, 300, GENERATIONS]);
    // Tipped by the end of the push.
    expect(mean(column(pushed, 0))).toBeGreaterThan(0.9);
    expect(Math.min(...column(pushed, 0))).toBeGreaterThan(0.8);
    // And still co-operative 90 and 190 generations after it ended, in every seed.
    for (const index of [1, 2]) {
      expect(mean(column(pushed, index))).toBeGreaterThan(0.9);
      expect(Math.min(...column(pushed, index))).toBeGreaterThan(0.6);
    }
  }, 300_000);

  it('what holds the co-operative state is the ladder: without training to fall back on, misunderstandings unravel it', () => {
    const noLadder: Scenario = {
      ...preset,
      events: preset.events.map((event) =>
        event.generation === PUSH_ENDS ? { ...event, set: { ...event.set, 'activities.training.enabled': false } } : event,
      ),
    };
    const unravelled = column(cooperation(noLadder, [300]), 0);
    expect(mean(unravelled)).toBeLessThan(0.6);
    expect(Math.max(...unravelled)).toBeLessThan(0.7);
  }, 300_000);
});
