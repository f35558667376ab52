import { describe, expect, it } from 'vitest';
import { buildActivityTable } from '../../src/cluster/activities.js';
import { clusterParameters, firms, TECH, TRAINING } from '../support/cluster.js';

// The mechanisms of issue 14, each with its own cause: a crisis that cuts both ways
// (src/cluster/crisis.ts) and the maintenance budget of the joint facilities (src/cluster/maintenance.ts).
describe('a crisis that cuts both ways', () => {
  const crisis = { active: true, temptationFactor: 1.5, jointSavings: 0.5, aloneCost: 0.25 };

  it('raises the temptation everywhere, and in low-risk activities the savings of acting together and the cost of going it alone', () => {
    const table = buildActivityTable(clusterParameters({ activities: [TRAINING, TECH], crisis }), 0);
    expect(table.games[0]).toEqual({ R: 1.5, S: -0.3, T: 1.3 * 1.5, P: -0.25 });
    expect(table.games[1]).toEqual({ R: 3, S: -3, T: 7.5, P: 0 });
  });

  it('changes nothing outside the crisis, and with no savings or costs only tempts', () => {
    const calm = buildActivityTable(clusterParameters({ activities: [TRAINING], crisis: { ...crisis, active: false } }), 0);
    expect(calm.games[0]).toEqual({ R: 1, S: -0.3, T: 1.3, P: 0 });
    const tempting = buildActivityTable(clusterParameters({ activities: [TRAINING], crisis: { ...crisis, jointSavings: 0, aloneCost: 0 } }), 0);
    expect(tempting.games[0]).toEqual({ R: 1, S: -0.3, T: 1.3 * 1.5, P: 0 });
  });

  it('pays the savings to co-operating firms and charges the loss to firms that both go it alone', () => {
    const together = firms(['cooperator', 'cooperator'], { activities: [TRAINING], selfInteraction: false, crisis });
    together.step();
    const alone = firms(['defector', 'defector'], { activities: [TRAINING], selfInteraction: false, crisis });
    alone.step();
    expect(alone.payoff[0]! / together.payoff[0]!).toBeCloseTo(-0.25 / 1.5, 10);
  });
});

describe('maintenance of the joint facilities', () => {
  const upkeep = { cost: 1, grant: 3, decline: 0.5 };

  it('pays the upkeep and the subsidy from the grant, then stops the subsidy, degrades the facilities and logs it', () => {
    const model = firms(['cooperator', 'cooperator', 'cooperator'], {
      activities: [{ ...TRAINING, cost: 0.4 }],
      subsidy: 1,
      maintenance: upkeep,
      selfInteraction: false,
    });
    const payoffs: number[] = [];
    for (let generation = 0; generation < 6; generation++) {
      model.step();
      payoffs.push(model.payoff[0]!);
    }
    const rounds = payoffs[0]!; // R = 1 per relationship, cost fully subsidised
    // three generations on the grant, then the cost falls on the firms and R − P halves every generation
    expect(payoffs.map((payoff) => payoff / rounds)).toEqual([1, 1, 1, 0.5 - 0.4, 0.25 - 0.4, 0.125 - 0.4].map((x) => expect.closeTo(x, 10)));
    expect(model.log.map((entry) => entry.generation)).toEqual([3]);
    expect(model.log[0]!.label).toMatch(/budget .* is spent/);
  });

  it('is restored by a new grant', () => {
    const model = firms(['cooperator', 'cooperator', 'cooperator'], { activities: [TRAINING], maintenance: upkeep, selfInteraction: false });
    for (let generation = 0; generation < 5; generation++) model.step();
    model.set('maintenance.grant', 10);
    const degraded = model.payoff[0]!;
    model.step();
    const fresh = firms(['cooperator', 'cooperator', 'cooperator'], { activities: [TRAINING], selfInteraction: false });
    fresh.step();
    expect(degraded).toBeLessThan(fresh.payoff[0]!);
    expect(model.payoff).toEqual(fresh.payoff);
  });

  it('costs nothing and changes nothing with cost 0, and ignores risky activities', () => {
    const model = firms(['cooperator', 'cooperator', 'cooperator'], { activities: [TECH], maintenance: upkeep, selfInteraction: false });
    const fresh = firms(['cooperator', 'cooperator', 'cooperator'], { activities: [TECH], selfInteraction: false });
    for (let generation = 0; generation < 5; generation++) {
      model.step();
      fresh.step();
    }
    expect(model.payoff).toEqual(fresh.payoff);
    expect(model.log).toEqual([]);
  });
});
