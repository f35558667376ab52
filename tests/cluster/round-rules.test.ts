import { describe, expect, it } from 'vitest';
import { buildActivityTable } from '../../src/cluster/activities.js';
import {
  buyerBonus,
  chooseActivity,
  costAfterSubsidy,
  crisisActive,
  fineOf,
  jointTrust,
  NO_ACTIVITY,
  neighbourhoodPayoff,
  payoffGrid,
  payoffOf,
  rungAt,
  rungThresholds,
  sanctioned,
  settledPayoff,
  temptationFactorAt,
  trustAfter,
} from '../../src/cluster/round-rules.js';
import { clusterParameters, DEAL, firms, TECH, TRAINING } from '../support/cluster.js';

// The rules that settle one round, once for the lattice, the memory-less kernel and the class
// (src/cluster/round-rules.ts). DEAL: R = 3, S = −1, T = 4, P = 0.
const C = 0;
const D = 1;

/** A random source that counts its draws and always returns `value`. */
function counting(value: number): { random: () => number; draws: () => number } {
  let draws = 0;
  return {
    random: () => {
      draws++;
      return value;
    },
    draws: () => draws,
  };
}

describe('the round rules', () => {
  const deal = buildActivityTable(clusterParameters({ activities: [{ ...DEAL, cost: 0.5 }], subsidy: 0.5 }), 0);

  it('pay the activity payoffs, and a co-operator pays the transaction cost less the subsidy', () => {
    expect(costAfterSubsidy(0.5, 0.5)).toBe(0.25);
    expect([payoffOf(deal, 0, C, C), payoffOf(deal, 0, C, D), payoffOf(deal, 0, D, C), payoffOf(deal, 0, D, D)]).toEqual([2.75, -1.25, 4, 0]);
  });

  it('multiply the temptation in a crisis, switched on or inside a window', () => {
    const windows = clusterParameters({ crisis: { temptationFactor: 2, windows: [{ from: 3, to: 4 }] } });
    expect([2, 3, 4, 5].map((generation) => crisisActive(windows, generation))).toEqual([false, true, true, false]);
    expect([2, 3].map((generation) => temptationFactorAt(windows, generation))).toEqual([1, 2]);
    expect(buildActivityTable(windows, 3).T[0]).toBe(8);
    expect(buildActivityTable(clusterParameters({ crisis: { active: true, temptationFactor: 1.5 } }), 0).T[0]).toBe(6);
  });

  it('draw for sanctions only when they are on and one side defected against a co-operator', () => {
    const sure = counting(0);
    expect(sanctioned(C, C, 1, 2, sure.random)).toBe(false);
    expect(sanctioned(D, D, 1, 2, sure.random)).toBe(false);
    expect(sanctioned(D, C, 0, 2, sure.random)).toBe(false);
    expect(sanctioned(D, C, 1, 0, sure.random)).toBe(false);
    expect(sure.draws()).toBe(0);
    expect(sanctioned(D, C, 0.5, 2, sure.random)).toBe(true);
    expect(sanctioned(C, D, 0.5, 2, counting(0.5).random)).toBe(false);
    expect(sure.draws()).toBe(1);
  });

  it('fine the caught defector, and compensate the cheated co-operator only when the rules say so', () => {
    expect([fineOf(D, true, 2, false), fineOf(C, true, 2, false)]).toEqual([2, 0]);
    expect([fineOf(D, true, 2, true), fineOf(C, true, 2, true)]).toEqual([2, -2]);
    expect([fineOf(D, false, 2, true), fineOf(C, false, 2, true)]).toEqual([0, 0]);
  });

  it('pay a tied firm the buyer’s bonus for defecting, and settle payoff + bonus − fine', () => {
    expect([buyerBonus(D, 1, 0.7), buyerBonus(C, 1, 0.7), buyerBonus(D, 0, 0.7)]).toEqual([0.7, 0, 0]);
    expect(settledPayoff(deal, 0, D, C, 0.5, 2)).toBe(2.5);
    expect(settledPayoff(deal, 0, C, D, 0, -2)).toBe(0.75);
  });

  it('raise trust towards 1 after a C and cut it after a D', () => {
    expect(trustAfter(0.5, C, 0.2, 0.5)).toBeCloseTo(0.6, 12);
    expect(trustAfter(0.5, D, 0.2, 0.5)).toBe(0.25);
    expect(trustAfter(0.5, C, 0, 0)).toBe(0.5);
  });

  it('let the warier side choose the activity: the highest rung its trust meets, else the lowest', () => {
    const ladder = buildActivityTable(clusterParameters({ activities: [TECH, TRAINING] }), 0);
    expect(jointTrust(0.9, 0.4)).toBe(0.4);
    expect(chooseActivity(ladder, jointTrust(0.9, 0.4))).toBe(1);
    expect(chooseActivity(ladder, jointTrust(0.9, 0.6))).toBe(0);
    const none = buildActivityTable(clusterParameters({ activities: [{ ...TECH, enabled: false }, TRAINING] }), 0);
    expect(chooseActivity(none, 0.9)).toBe(1);
  });

  it("walk the ladder on its rungs' thresholds to the activity chooseActivity picks, for a ladder of one to three rungs", () => {
    const MIDDLE = { ...TECH, name: 'middle', trustThreshold: 0.3 };
    for (const activities of [[TECH], [TECH, TRAINING], [TECH, TRAINING, MIDDLE], [{ ...TECH, enabled: false }, TRAINING]]) {
      const table = buildActivityTable(clusterParameters({ activities }), 0);
      const rungs = rungThresholds(table);
      expect(Number.isNaN(rungs[table.ladder.length])).toBe(true);
      for (const trust of [0, 0.1, 0.3, 0.45, 0.6, 0.99, 1]) expect(table.ladder[rungAt(rungs, trust)]).toBe(chooseActivity(table, trust));
    }
  });

  it('lay out payoffOf by activity and moves for the play loop', () => {
    const table = buildActivityTable(clusterParameters({ activities: [{ ...TECH, cost: 0.4 }, TRAINING], subsidy: 0.3 }), 0);
    const grid = payoffGrid(table, table.count);
    for (let activity = 0; activity < table.count; activity++) {
      for (const own of [C, D]) for (const other of [C, D]) expect(grid[activity * 4 + own * 2 + other]).toBe(payoffOf(table, activity, own, other));
    }
  });

  it('add up a neighbourhood as the sum of its rounds (the memory-less kernel)', () => {
    const costly = buildActivityTable(clusterParameters({ activities: [{ ...DEAL, cost: 0.3 }], subsidy: 0.1 }), 0);
    for (const table of [deal, costly]) {
      for (const own of [C, D]) {
        for (let degree = 0; degree <= 8; degree++) {
          for (let cooperating = 0; cooperating <= degree; cooperating++) {
            const bonus = buyerBonus(own, 1, 0.25);
            let sum = 0;
            for (let k = 0; k < degree; k++) sum += settledPayoff(table, 0, own, k < cooperating ? C : D, bonus, 0);
            expect(neighbourhoodPayoff(table, 0, own, cooperating, degree, bonus)).toBeCloseTo(sum, 12);
          }
        }
      }
    }
  });

  it('mark a firm that has played no activity yet with NO_ACTIVITY', () => {
    const model = firms(['cooperator', 'defector']);
    expect([...model.activityOf]).toEqual([NO_ACTIVITY, NO_ACTIVITY]);
    model.step();
    expect([...model.activityOf]).toEqual([0, 0]);
  });
});
