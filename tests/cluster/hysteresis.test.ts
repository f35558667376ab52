import { describe, expect, it } from 'vitest';
import { loopValues, prepareHysteresis, runHysteresis, summariseLoop, type HysteresisRecord, type HysteresisSpec } from '../../src/cluster/hysteresis.js';
import { withOverrides, type Scenario } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { inputError } from '../support/errors.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function loop(scenario: Scenario, spec: HysteresisSpec, seeds: readonly number[] = SEEDS): HysteresisRecord[] {
  const prepared = prepareHysteresis(scenario, spec);
  const strategies = requireStrategies(Object.keys(prepared.parameters.strategies));
  return seeds.flatMap((seed) => runHysteresis(prepared, strategies, spec, seed));
}

/** Down minus up, in mean co-operation over the seeds, at each value of the loop. */
function gaps(records: readonly HysteresisRecord[]): number[] {
  const summary = summariseLoop(records, 'cooperation');
  return summary.up.map((point, index) => summary.down[index]!.mean - point.mean);
}

describe('hysteresis loops', () => {
  it('visit from … to in equal steps, printed as decimals, then the same values back down', () => {
    expect(loopValues({ from: 0, to: 1, steps: 10 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(loopValues({ from: 1, to: 1.5, steps: 5 })).toEqual([1, 1.1, 1.2, 1.3, 1.4, 1.5]);
    const small = withOverrides(loadScenario('lock-in'), ['width=8', 'height=8']);
    const records = loop(small, { path: 'subsidy', from: 0, to: 1, steps: 2, generations: 3 }, [5]);
    expect(records.map((record) => [record.direction, record.value, record.step])).toEqual([
      ['up', 0, 0],
      ['up', 0.5, 1],
      ['up', 1, 2],
      ['down', 1, 3],
      ['down', 0.5, 4],
      ['down', 0, 5],
    ]);
    // One model runs on through the loop: its clock never restarts.
    expect(records.map((record) => record.generation)).toEqual([2, 5, 8, 11, 14, 17]);
    expect(loop(small, { path: 'subsidy', from: 0, to: 1, steps: 2, generations: 3 }, [5])).toEqual(records);
  });

  it("carry the cluster's state: a loop is not a set of fresh runs at each value", () => {
    const small = withOverrides(loadScenario('lock-in'), ['width=12', 'height=12']);
    const records = loop(small, { path: 'subsidy', from: 0, to: 1, steps: 1, generations: 150 }, [3]);
    // Subsidy 0 twice: first from the start (rival), then on the way down from the cluster the subsidy tipped (still co-operative).
    expect(records.map((record) => record.value)).toEqual([0, 1, 1, 0]);
    expect(records[0]!.cooperation).toBeLessThan(0.1);
    expect(records[2]!.cooperation).toBeGreaterThan(0.6);
    expect(records[3]!.cooperation).toBeGreaterThan(0.6);
  });

  it('refuse bad input in one line: an unknown parameter, a range that does not rise, a parameter that is not a number or cannot change', () => {
    const scenario = loadScenario('lock-in');
    const spec = { path: 'subsidy', from: 0, to: 1, steps: 4, generations: 10 };
    expect(inputError(() => prepareHysteresis(scenario, { ...spec, path: 'subsidies' }))).toMatch(/^unknown parameter 'subsidies': expected a path such as/);
    expect(inputError(() => prepareHysteresis(scenario, { ...spec, from: 1, to: 1 }))).toBe(
      'invalid range --from 1 --to 1: expected two numbers with --from < --to',
    );
    expect(inputError(() => prepareHysteresis(scenario, { ...spec, path: 'activities.training.enabled' }))).toBe(
      "--parameter 'activities.training.enabled' is true, not a number: expected a numeric parameter such as subsidy, sanctions.fine or activities.training.cost",
    );
    expect(inputError(() => prepareHysteresis(scenario, { ...spec, path: 'width' }))).toBe(
      "--parameter 'width' shapes the lattice or the starting population: expected a parameter that can change during a run",
    );
    expect(inputError(() => prepareHysteresis(scenario, { ...spec, to: 2 }))).toBe(
      '--parameter subsidy at 1.5 (from --from 0 to --to 2): subsidy: got 1.5, expected a number from 0 to 1',
    );
    expect(inputError(() => prepareHysteresis(scenario, { ...spec, steps: 0 }))).toBe('invalid --steps 0: expected a whole number from 1 to 1000');
  });

  it("drop the timeline's events on the swept parameter (it is pinned, as with --set) and keep the others", () => {
    const prepared = prepareHysteresis(loadScenario('lock-in'), { path: 'subsidy', from: 0.25, to: 1, steps: 3, generations: 5 });
    expect(prepared.parameters.subsidy).toBe(0.25);
    expect(prepared.events).toEqual([]);
    const training = prepareHysteresis(loadScenario('training-first'), { path: 'trust.gain', from: 0, to: 0.2, steps: 2, generations: 5 });
    expect(training.events.map((event) => event.set)).toEqual([{ 'activities.training.enabled': true, subsidy: 1 }]);
  });
});

// The golden loops: 10 seeds each, with the fewest steps and generations that show each loop open
// or closed by a wide margin; the backstops are generous because with every core busy the lock-in
// loop alone takes well over a minute.
describe('the loop is open where the cluster is bistable, and closed where it is not', () => {
  it('lock-in: on the way down the subsidy leaves the cluster co-operative where on the way up it was rival', () => {
    // Subsidy 0, 0.5, 1 and back, 80 generations at each: down minus up at no subsidy is about 0.7.
    const records = loop(loadScenario('lock-in'), { path: 'subsidy', from: 0, to: 1, steps: 2, generations: 80 });
    const open = gaps(records);
    const summary = summariseLoop(records, 'cooperation');
    // At no subsidy the branch up is the rival cluster and the branch down the co-operative one.
    expect(summary.up[0]!.mean).toBeLessThan(0.1);
    expect(open[0]).toBeGreaterThan(0.3);
    expect(summary.widest.gap).toBeGreaterThan(0.3);
    // The gap is the seeds', not one seed's: half the seeds or more end the loop co-operative and every seed started it rival.
    const byDirection = (direction: 'up' | 'down') => records.filter((record) => record.direction === direction && record.value === 0);
    expect(byDirection('up').every((record) => record.cooperation < 0.1)).toBe(true);
    expect(byDirection('down').filter((record) => record.cooperation > 0.6).length).toBeGreaterThanOrEqual(5);
  }, 300_000);

  it("Nowak & May's game with Fermi imitation and mutation: both branches follow the temptation, whatever the history", () => {
    const fermi = withOverrides(loadScenario('nowak-may'), [
      'width=30',
      'height=30',
      'boundary=torus',
      'neighbourhood=von-neumann',
      'cooperators=0.5',
      'update.rule=fermi',
      'update.K=0.5',
      'mutation=0.01',
    ]);
    const records = loop(fermi, { path: 'temptation', from: 1, to: 1.5, steps: 5, generations: 30 });
    const summary = summariseLoop(records, 'cooperation');
    // The branches do move with the parameter (co-operation falls from about 1 to about 1/3) …
    expect(summary.up[0]!.mean).toBeGreaterThan(0.9);
    expect(summary.up[5]!.mean).toBeLessThan(0.5);
    // … but up and down agree at every value.
    for (const gap of gaps(records)) expect(Math.abs(gap)).toBeLessThan(0.08);
  }, 300_000);

  it('lock-in with a parameter that does not matter (a fine nobody is caught for): closed', () => {
    // subsidy=0 pins it and drops the preset's push: only the fine moves.
    const scenario = withOverrides(loadScenario('lock-in'), ['sanctions.detection=0', 'subsidy=0', 'width=20', 'height=20']);
    const records = loop(scenario, { path: 'sanctions.fine', from: 0, to: 10, steps: 1, generations: 20 });
    for (const gap of gaps(records)) expect(Math.abs(gap)).toBeLessThan(0.05);
  }, 300_000);
});
