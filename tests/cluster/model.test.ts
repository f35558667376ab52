import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { deriveStream } from '../../src/core/random.js';
import { fermi, imitateBest, moran, type Revision } from '../../src/cluster/evolution.js';
import { ClusterModel, type GenerationRecord } from '../../src/cluster/model.js';
import type { ActivitySpec, ClusterParameters } from '../../src/cluster/parameters.js';
import { WINDOW } from '../../src/cluster/relationships.js';
import { Lattice, relationshipsOf } from '../../src/cluster/space.js';
import type { Strategy } from '../../src/core/strategy.js';
import { defineStrategy } from '../../src/authoring/define.js';
import {
  DEAL,
  TECH,
  TRAINING,
  clusterParameters,
  edgeBetween,
  firms,
  historyOf,
  movesOf,
  scripted,
  titForTatByMove,
  titForTatWrapped,
  trustOf,
} from '../support/cluster.js';
import { builtin, cycle } from '../support/play.js';

// Hand-worked generations on tiny lattices. Unless a test says otherwise (tests/support/cluster.ts):
// a 2×1 (or 1×n) lattice with fixed edges, no self-interaction, one activity DEAL with
// R = 3, S = −1, T = 4, P = 0 and no cost, one round per generation, and frozen strategies.
// Trust is stored as float32, so trust values are compared to 6 decimals.

const PATHS = [
  [true, 'memory-less kernel'],
  [false, 'relationship by relationship'],
] as const;

const payoffs = (model: ClusterModel) => [...model.payoff];

describe('the graph of a tiny lattice', () => {
  it('has one relationship per neighbouring pair, plus one per firm with self-interaction', () => {
    const line = relationshipsOf(new Lattice(3, 1, 'moore', 'fixed'), false);
    expect([...line.firmA]).toEqual([0, 1]);
    expect([...line.firmB]).toEqual([1, 2]);
    const withSelf = relationshipsOf(new Lattice(2, 1, 'moore', 'fixed'), true);
    expect([...withSelf.firmA]).toEqual([0, 0, 1]);
    expect([...withSelf.firmB]).toEqual([0, 1, 1]);
    // A 3×3 Moore torus: every firm neighbours all eight others, so 9·8/2 pairs.
    expect(relationshipsOf(new Lattice(3, 3, 'moore', 'torus'), false).count).toBe(36);
  });
});

describe('payoffs', () => {
  for (const [kernel, path] of PATHS) {
    it(`a co-operator next to a defector gets S, the defector T (${path})`, () => {
      const model = firms(['cooperator', 'defector'], {}, { kernel });
      const record = model.step();
      expect(payoffs(model)).toEqual([-1, 4]);
      expect(record.cooperation).toBe(0.5);
      expect(record.mutualCooperation).toBe(0);
      expect(record.meanPayoff).toBe(1.5);
      expect(record.activities).toEqual([1]);
      expect(record.strategies).toEqual([0.5, 0.5]);
      expect(record.fines).toBe(0);
      expect(record.exits).toBe(0);
    });

    it(`roundsPerGeneration multiplies the payoffs (${path})`, () => {
      const model = firms(['cooperator', 'defector'], { roundsPerGeneration: 3 }, { kernel });
      model.step();
      expect(payoffs(model)).toEqual([-3, 12]);
    });

    it(`a firm's payoff sums over its neighbours (${path})`, () => {
      const model = firms(['cooperator', 'defector', 'cooperator', 'cooperator'], {}, { kernel });
      const record = model.step();
      // 0: S; 1: T + T; 2: S + R; 3: R
      expect(payoffs(model)).toEqual([-1, 8, 2, 3]);
      expect(record.cooperation).toBe(4 / 6);
      expect(record.mutualCooperation).toBe(1 / 3);
    });

    it(`a self-relationship counts once (${path})`, () => {
      const model = firms(['cooperator', 'defector'], { selfInteraction: true }, { kernel });
      model.step();
      expect(payoffs(model)).toEqual([-1 + 3, 4 + 0]);
    });

    it(`the transaction cost is paid by co-operators only, reduced by the subsidy (${path})`, () => {
      const costly: ActivitySpec = { ...DEAL, cost: 0.5 };
      const mixed = firms(['cooperator', 'defector'], { activities: [costly] }, { kernel });
      mixed.step();
      expect(payoffs(mixed)).toEqual([-1.5, 4]);
      const partners = firms(['cooperator', 'cooperator'], { activities: [costly], roundsPerGeneration: 2 }, { kernel });
      partners.step();
      expect(payoffs(partners)).toEqual([5, 5]);
      const subsidised = firms(['cooperator', 'defector'], { activities: [costly], subsidy: 0.4 }, { kernel });
      subsidised.step();
      expect(subsidised.payoff[0]).toBeCloseTo(-1.3, 12);
      expect(subsidised.payoff[1]).toBe(4);
      const free = firms(['cooperator', 'defector'], { activities: [costly], subsidy: 1 }, { kernel });
      free.step();
      expect(payoffs(free)).toEqual([-1, 4]);
    });
  }
});

describe('trust', () => {
  const moving = { trust: { initial: 0.5, gain: 0.2, loss: 0.5 } };

  it('moves after every round, in each direction, with the partner’s move', () => {
    const model = firms(['cooperator', 'defector'], moving);
    let record = model.step();
    // 0 trusts the defector less: 0.5 · (1 − 0.5); 1 trusts the co-operator more: 0.5 + 0.2 · 0.5
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.25, 6);
    expect(trustOf(model, 1, 0)).toBeCloseTo(0.6, 6);
    expect(record.meanTrust).toBeCloseTo(0.425, 6);
    record = model.step();
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.125, 6);
    expect(trustOf(model, 1, 0)).toBeCloseTo(0.68, 6);
    expect(record.meanTrust).toBeCloseTo(0.4025, 6);
    expect(model.meanTrust()).toBeCloseTo(0.4025, 6);
  });

  it('moves per round, not per generation', () => {
    const model = firms(['cooperator', 'defector'], { ...moving, roundsPerGeneration: 2 });
    const record = model.step();
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.125, 6);
    expect(trustOf(model, 1, 0)).toBeCloseTo(0.68, 6);
    expect(record.meanTrust).toBeCloseTo(0.4025, 6);
  });

  it('relaxes towards the baseline at the end of each generation', () => {
    const model = firms(['cooperator', 'defector'], {
      trust: { initial: 0.5, gain: 0.2, loss: 0.5, decay: 0.5, baseline: 1 },
      roundsPerGeneration: 2,
    });
    let record = model.step();
    // after play 0.125 and 0.68, then τ + 0.5 (1 − τ)
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.5625, 6);
    expect(trustOf(model, 1, 0)).toBeCloseTo(0.84, 6);
    expect(record.meanTrust).toBeCloseTo(0.70125, 6);
    record = model.step();
    // 0.5625 → 0.140625 → 0.5703125; 0.84 → 0.8976 → 0.9488
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.5703125, 6);
    expect(trustOf(model, 1, 0)).toBeCloseTo(0.9488, 6);
    expect(record.meanTrust).toBeCloseTo((0.5703125 + 0.9488) / 2, 6);
  });

  it('decays without play moving it, also downwards', () => {
    const model = firms(['cooperator', 'cooperator'], { trust: { initial: 0.8, decay: 0.25, baseline: 0 } });
    expect(model.step().meanTrust).toBeCloseTo(0.6, 6);
    expect(model.step().meanTrust).toBeCloseTo(0.45, 6);
  });

  for (const [kernel, path] of PATHS) {
    it(`never moves with the default gain and loss of 0 (${path})`, () => {
      const model = firms(['cooperator', 'defector'], { trust: { initial: 0.3 } }, { kernel });
      for (let generation = 0; generation < 3; generation++) expect(model.step().meanTrust).toBeCloseTo(0.3, 12);
      expect(trustOf(model, 0, 1)).toBeCloseTo(0.3, 6);
      expect(trustOf(model, 1, 0)).toBeCloseTo(0.3, 6);
    });
  }

  it('of a firm in itself stays 1 and is left out of mean_trust', () => {
    const model = firms(['cooperator', 'defector'], { ...moving, roundsPerGeneration: 2, selfInteraction: true });
    const record = model.step();
    expect(record.meanTrust).toBeCloseTo(0.4025, 6);
    const { firmA, firmB, count } = model.graph;
    for (let edge = 0; edge < count; edge++) {
      if (firmA[edge] !== firmB[edge]) continue;
      expect(model.relationships.trust[edge * 2]).toBe(1);
      expect(model.relationships.trust[edge * 2 + 1]).toBe(1);
    }
  });
});

describe('the activity ladder', () => {
  const ladder = { activities: [TRAINING, TECH] };

  it('pairs below the joint trust of 0.6 play the low-risk activity', () => {
    const model = firms(['cooperator', 'cooperator'], { ...ladder, trust: { initial: 0.5 } });
    expect(model.step().activities).toEqual([1, 0]);
    expect(payoffs(model)).toEqual([1, 1]);
  });

  for (const [kernel, path] of PATHS) {
    it(`pairs at the threshold 0.6 play the risky activity (${path})`, () => {
      const model = firms(['cooperator', 'cooperator'], { ...ladder, trust: { initial: 0.6 } }, { kernel });
      expect(model.step().activities).toEqual([0, 1]);
      expect(payoffs(model)).toEqual([3, 3]);
    });
  }

  it('uses the joint trust, the lower of the two directions', () => {
    const model = firms(['cooperator', 'defector'], { ...ladder, trust: { initial: 0.8, loss: 0.5 }, roundsPerGeneration: 2 });
    const record = model.step();
    // round 1 at min(0.8, 0.8): technology, S = −3 / T = 5; the co-operator's trust halves to 0.4;
    // round 2 at min(0.4, 0.8): training, S = −0.3 / T = 1.3.
    expect(model.payoff[0]).toBeCloseTo(-3.3, 12);
    expect(model.payoff[1]).toBeCloseTo(6.3, 12);
    expect(record.activities).toEqual([0.5, 0.5]);
  });

  it('climbs within a generation as trust grows', () => {
    const model = firms(['cooperator', 'cooperator'], { ...ladder, trust: { initial: 0.5, gain: 0.2 }, roundsPerGeneration: 2 });
    const record = model.step();
    // round 1 at 0.5: training (R = 1); trust 0.5 + 0.2 · 0.5 = 0.6; round 2: technology (R = 3)
    expect(payoffs(model)).toEqual([4, 4]);
    expect(record.activities).toEqual([0.5, 0.5]);
  });

  for (const [kernel, path] of PATHS) {
    it(`with only the risky activity enabled, pairs play it whatever the trust (${path})`, () => {
      const model = firms(['cooperator', 'cooperator'], { activities: [{ ...TRAINING, enabled: false }, TECH], trust: { initial: 0.1 } }, { kernel });
      expect(model.step().activities).toEqual([0, 1]);
      expect(payoffs(model)).toEqual([3, 3]);
    });
  }

  it('follows a programme switched on and off live', () => {
    const model = firms(['cooperator', 'cooperator'], { ...ladder, trust: { initial: 0.1 } });
    expect(model.step().activities).toEqual([1, 0]);
    model.set('activities.training.enabled', false);
    expect(model.step().activities).toEqual([0, 1]);
    model.set('activities.tech.enabled', false);
    const idle = model.step();
    expect(idle.activities).toEqual([0, 0]);
    expect(idle.cooperation).toBe(0);
    expect(payoffs(model)).toEqual([0, 0]);
  });

  // Regression test (fixed): (src/cluster/relationships.ts, the trust array + src/cluster/play.ts, playGeneration): trust is stored in a
  // Float32Array, so a trust of 0.7 reads back as 0.699999988 and fails `threshold <= t` for an
  // activity with trustThreshold 0.7 on the relationship-by-relationship path, while the
  // memory-less kernel (src/cluster/kernel.ts, playMemoryless) compares the float64 trust.initial and plays the risky
  // activity. Pairs exactly at the threshold should play the risky activity on both paths.
  it('pairs exactly at a threshold of 0.7 play the risky activity on both paths', () => {
    const atThreshold = { activities: [TRAINING, { ...TECH, trustThreshold: 0.7 }], trust: { initial: 0.7 } };
    for (const [kernel] of PATHS) {
      const model = firms(['cooperator', 'cooperator'], atThreshold, { kernel });
      expect(model.step().activities).toEqual([0, 1]);
    }
  });
});

describe('rivalry history', () => {
  it('fills every relationship with rounds of mutual defection and the initial trust', () => {
    const model = firms(['tit-for-tat', 'tit-for-tat'], { rivalry: { history: 3 }, trust: { initial: 0.2 } });
    expect(model.relationships.rounds[0]).toBe(3);
    expect([...model.relationships.window]).toEqual([0b111, 0b111]);
    expect([...model.relationships.defections]).toEqual([3, 3]);
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.2, 6);
    const history = historyOf(model, 0, 1);
    expect(history.length).toBe(3);
    expect(history.defections).toBe(3);
    expect(history.last).toBe('D');
    expect(history.toArray()).toEqual(['D', 'D', 'D']);
  });

  it('makes tit-for-tat defect on its first move of the run, and keep defecting', () => {
    const model = firms(['tit-for-tat', 'tit-for-tat'], { rivalry: { history: 3 } });
    const record = model.step();
    expect(record.cooperation).toBe(0);
    expect(payoffs(model)).toEqual([0, 0]);
    expect(movesOf(model, 0, 1)).toBe('DDDD');
    expect(model.relationships.rounds[0]).toBe(4);
    expect(model.step().cooperation).toBe(0);
  });

  it('without it, tit-for-tat co-operates', () => {
    const model = firms(['tit-for-tat', 'tit-for-tat']);
    expect(model.step().cooperation).toBe(1);
    expect(payoffs(model)).toEqual([3, 3]);
  });

  it('is remembered by a grudger and by move()-only strategies; a co-operator ignores it', () => {
    for (const strategy of ['grudger', titForTatByMove, titForTatWrapped]) {
      const model = firms([strategy, strategy], { rivalry: { history: 2 } });
      expect(model.step().cooperation).toBe(0);
    }
    expect(firms(['cooperator', 'cooperator'], { rivalry: { history: 2 } }).step().cooperation).toBe(1);
  });

  it('longer than the window keeps only 32 moves but every round in the totals', () => {
    const model = firms(['tit-for-tat', 'tit-for-tat'], { rivalry: { history: 40 } });
    expect(model.relationships.window[0]).toBe(0xffffffff);
    const history = historyOf(model, 0, 1);
    expect(history.length).toBe(40);
    expect(history.defections).toBe(40);
    expect(history.toArray()).toHaveLength(WINDOW);
    expect(history.at(0)).toBeUndefined();
    expect(history.at(-1)).toBe('D');
    expect(model.step().cooperation).toBe(0);
  });
});

describe('sanctions', () => {
  const rules = (detection: number, fine: number, compensate = false) => ({ sanctions: { detection, fine, compensate } });

  it('a defector caught cheating a co-operator pays the fine', () => {
    const model = firms(['cooperator', 'defector'], rules(1, 2));
    const record = model.step();
    expect(payoffs(model)).toEqual([-1, 4 - 2]);
    expect(record.fines).toBe(2);
  });

  it('with compensation the victim receives the fine', () => {
    const model = firms(['cooperator', 'defector'], rules(1, 2, true));
    const record = model.step();
    expect(payoffs(model)).toEqual([-1 + 2, 4 - 2]);
    expect(record.fines).toBe(2);
  });

  it('is per round, and mutual defection is never fined', () => {
    const model = firms(['cooperator', 'defector', 'defector'], { ...rules(1, 2), roundsPerGeneration: 3 });
    const record = model.step();
    expect(payoffs(model)).toEqual([-3, 12 - 6 + 0, 0]);
    expect(record.fines).toBe(6);
  });

  for (const [kernel, path] of PATHS) {
    it(`with detection 0 nothing happens (${path})`, () => {
      const model = firms(['cooperator', 'defector'], rules(0, 2, true), { kernel });
      const record = model.step();
      expect(payoffs(model)).toEqual([-1, 4]);
      expect(record.fines).toBe(0);
    });
  }

  it('deter a deterred rival exactly when detection × fine ≥ T − R, read live', () => {
    // DEAL: T − R = 1
    const model = firms(['deterred-rival', 'cooperator'], rules(0.5, 1.9));
    expect(model.step().cooperation).toBe(0.5);
    model.set('sanctions.fine', 2);
    expect(model.step().cooperation).toBe(1);
    expect(payoffs(model)).toEqual([3, 3]);
    // a crisis raises T − R to 4 · 1.5 − 3 = 3: no longer deterred
    model.set('crisis.active', true);
    expect(model.step().cooperation).toBe(0.5);
  });

  it('catches about `detection` of the cheats', () => {
    // A line alternating C, D: 39 relationships, each a co-operator against a defector.
    const layout = Array.from({ length: 40 }, (_, firm) => (firm % 2 === 0 ? 'cooperator' : 'defector'));
    const model = firms(layout, { ...rules(0.5, 1), roundsPerGeneration: 10 });
    const { fines } = model.step();
    expect(Number.isInteger(fines)).toBe(true);
    expect(fines).toBeGreaterThan(390 * 0.4);
    expect(fines).toBeLessThan(390 * 0.6);
  });
});

describe('crisis', () => {
  for (const [kernel, path] of PATHS) {
    it(`multiplies T inside a window of generations, not outside (${path})`, () => {
      const model = firms(['cooperator', 'defector'], { crisis: { windows: [{ from: 1, to: 2 }], temptationFactor: 1.5 } }, { kernel });
      const defector: number[] = [];
      const cooperator: number[] = [];
      for (let generation = 0; generation < 4; generation++) {
        model.step();
        defector.push(model.payoff[1]!);
        cooperator.push(model.payoff[0]!);
      }
      expect(defector).toEqual([4, 6, 6, 4]);
      expect(cooperator).toEqual([-1, -1, -1, -1]);
    });
  }

  it('crisis.active switches it on and off live', () => {
    const model = firms(['cooperator', 'defector'], { crisis: { temptationFactor: 2 } });
    model.step();
    expect(model.payoff[1]).toBe(4);
    model.set('crisis.active', true);
    model.step();
    expect(model.payoff[1]).toBe(8);
    model.set('crisis.active', false);
    model.step();
    expect(model.payoff[1]).toBe(4);
  });

  it('multiplies the model temptation when the activity leaves T out', () => {
    const { T: _omitted, ...withoutT } = DEAL;
    const model = firms(['cooperator', 'defector'], { activities: [withoutT], temptation: 5, crisis: { active: true, temptationFactor: 2 } });
    model.step();
    expect(payoffs(model)).toEqual([-1, 10]);
  });
});

describe('external buyers', () => {
  for (const [kernel, path] of PATHS) {
    it(`a buyer-tied firm earns the bonus in every round it defects (${path})`, () => {
      const model = firms(['cooperator', 'defector'], { externalBuyers: { share: 1, bonus: 0.5 }, roundsPerGeneration: 2 }, { kernel });
      expect([...model.buyerTied]).toEqual([1, 1]);
      model.step();
      expect(payoffs(model)).toEqual([-2, 2 * 4.5]);
      const rivals = firms(['defector', 'defector'], { externalBuyers: { share: 1, bonus: 0.5 }, roundsPerGeneration: 2 }, { kernel });
      rivals.step();
      expect(payoffs(rivals)).toEqual([1, 1]);
    });

    it(`without ties the bonus pays nothing (${path})`, () => {
      const model = firms(['cooperator', 'defector'], { externalBuyers: { share: 0, bonus: 0.5 } }, { kernel });
      expect([...model.buyerTied]).toEqual([0, 0]);
      model.step();
      expect(payoffs(model)).toEqual([-1, 4]);
    });
  }
});

describe('exits and spin-offs', () => {
  // 0 D — 1 C — 2 TFT — 3 C. Generation 0: payoffs 4, −1 + 3 = 2, 3 + 3 = 6, 3.
  const layout = ['defector', 'cooperator', 'tit-for-tat', 'cooperator'];
  const exiting = { exit: { threshold: 2.5, spinoffTrust: 0.1 }, trust: { initial: 0.8 } };

  it('replaces a firm below the threshold by a spin-off of its best neighbour', () => {
    const model = firms(layout, exiting);
    const tft = model.pool.findIndex((strategy) => strategy.id === 'tit-for-tat');
    const record = model.step();
    expect(payoffs(model)).toEqual([4, 2, 6, 3]);
    expect(record.exits).toBe(1);
    // firm 1 (wealth 2) exits; its best neighbour is firm 2 (6 > 4), a tit-for-tat firm
    expect(model.strategyOf[1]).toBe(tft);
    expect([...model.wealth]).toEqual([4, 0, 6, 3]);
    // every relationship of the spin-off starts afresh
    for (const other of [0, 2]) {
      const edge = edgeBetween(model, 1, other);
      expect(model.relationships.rounds[edge]).toBe(0);
      expect(historyOf(model, 1, other).toArray()).toEqual([]);
      expect(historyOf(model, other, 1).defections).toBe(0);
    }
    // wary of its parent, and the parent of it; trust.initial with the others
    expect(trustOf(model, 1, 2)).toBeCloseTo(0.1, 6);
    expect(trustOf(model, 2, 1)).toBeCloseTo(0.1, 6);
    expect(trustOf(model, 1, 0)).toBeCloseTo(0.8, 6);
    expect(trustOf(model, 0, 1)).toBeCloseTo(0.8, 6);
    expect(record.meanTrust).toBeCloseTo((0.1 * 2 + 0.8 * 4) / 6, 6);
    // relationships without the spin-off keep their past
    expect(model.relationships.rounds[edgeBetween(model, 2, 3)]).toBe(1);
    expect(movesOf(model, 2, 3)).toBe('C');
  });

  it('accumulates wealth over generations until a firm exits', () => {
    const model = firms(layout, exiting);
    model.step();
    const second = model.step();
    // generation 1: the fresh tit-for-tat at 1 co-operates: −1 against 0, 3 against 2 → wealth 2 again
    expect(payoffs(model)).toEqual([4, 2, 6, 3]);
    expect(second.exits).toBe(1);
    expect([...model.wealth]).toEqual([8, 0, 12, 6]);
  });

  it('a move()-only tit-for-tat meets a spin-off afresh', () => {
    // 0 D — 1 TFT — 2 C, two rounds: 0 earns 4 + 0 < 4.5 and exits; its spin-off is a TFT like 1.
    const model = firms(['defector', titForTatByMove, 'cooperator'], { exit: { threshold: 4.5 }, roundsPerGeneration: 2 });
    expect(model.step().exits).toBe(1);
    const record = model.step();
    expect(payoffs(model)).toEqual([6, 12, 6]);
    expect(record.exits).toBe(0);
  });

  // Regression test (fixed): (src/cluster/exits.ts, exitAndSpinOff): when a firm exits, its relationships are reset
  // (relationships.reset), but only the spin-off's own sides are restarted (#strategyChanged(firm));
  // the neighbour's side keeps the finite-state machine state (and, on the general path, its
  // Player object) built from the old relationship. Here the defector at 0 exits; tit-for-tat
  // firm 1, which last saw it defect, opens the brand-new relationship with the spin-off (a
  // tit-for-tat) by defecting although the relationship has no history: generation 1 pays
  // [3, 9, 6] instead of [6, 12, 6], and the spin-off (3 < 4.5) exits again. The same happens with
  // the built-in's own player on the general path (titForTatWrapped); only a strategy that reads
  // the (reset) history, like the move()-only tit-for-tat above, gets it right.
  it('a finite-state tit-for-tat meets a spin-off afresh', () => {
    const model = firms(['defector', 'tit-for-tat', 'cooperator'], { exit: { threshold: 4.5 }, roundsPerGeneration: 2 });
    expect(model.step().exits).toBe(1);
    const record = model.step();
    expect(payoffs(model)).toEqual([6, 12, 6]);
    expect(record.exits).toBe(0);
  });

  // Regression test (fixed): (src/cluster/model.ts, step, and src/cluster/exits.ts, exitAndSpinOff): payoffs are added to `wealth` only inside
  // #exitAndSpinOff, which runs only when exit.threshold is not null. With exits off, `wealth`
  // ("accumulated payoffs since it entered"; docs/model.md "A generation" step 3:
  // "Payoffs are added to each firm's wealth") stays 0, and switching exit.threshold on live
  // compares it against payoffs since the switch only. Expected [6, 6] here, actual [0, 0].
  it('wealth accumulates even with exits switched off', () => {
    const model = firms(['cooperator', 'cooperator']);
    model.step();
    model.step();
    expect([...model.wealth]).toEqual([6, 6]);
  });
});

describe('events and live changes', () => {
  it('a scenario event at generation g takes effect before g is played and is logged with its label', () => {
    const model = firms(
      ['cooperator', 'defector'],
      {},
      {
        events: [{ generation: 2, set: { 'sanctions.detection': 1, 'sanctions.fine': 2 }, label: 'rules enforced' }],
      },
    );
    const defector: number[] = [];
    for (let generation = 0; generation < 4; generation++) {
      model.step();
      defector.push(model.payoff[1]!);
      if (generation < 2) expect(model.log).toEqual([]);
    }
    expect(defector).toEqual([4, 4, 2, 2]);
    expect(model.log).toEqual([{ generation: 2, label: 'rules enforced' }]);
    expect(model.parameters.sanctions).toEqual({ detection: 1, fine: 2, compensate: false });
  });

  it('an event without a label is logged as its settings', () => {
    const model = firms(['cooperator', 'defector'], {}, { events: [{ generation: 0, set: { 'crisis.active': true, 'crisis.temptationFactor': 2 } }] });
    model.step();
    expect(model.payoff[1]).toBe(8);
    expect(model.log).toEqual([{ generation: 0, label: 'crisis.active = true, crisis.temptationFactor = 2' }]);
  });

  it('model.set takes effect for the next generation and is logged', () => {
    const model = firms(['cooperator', 'defector']);
    model.step();
    model.set('crisis.active', true, 'the crisis begins');
    model.step();
    expect(model.payoff[1]).toBe(6);
    model.set('crisis.temptationFactor', 2);
    model.step();
    expect(model.payoff[1]).toBe(8);
    expect(model.log).toEqual([
      { generation: 1, label: 'the crisis begins' },
      { generation: 2, label: 'crisis.temptationFactor = 2' },
    ]);
  });

  it('schedule queues an event like the timeline', () => {
    const model = firms(['cooperator', 'defector']);
    model.schedule({ generation: 1, set: { 'activities.deal.T': 5 }, label: 'prices fall' });
    model.step();
    expect(model.payoff[1]).toBe(4);
    model.step();
    expect(model.payoff[1]).toBe(5);
    expect(model.log).toEqual([{ generation: 1, label: 'prices fall' }]);
  });

  it('refuses structural parameters live, logging nothing', () => {
    const model = firms(['cooperator', 'defector']);
    const structural: [string, unknown][] = [
      ['width', 5],
      ['height', 5],
      ['neighbourhood', 'von-neumann'],
      ['selfInteraction', true],
      ['boundary', 'torus'],
      ['init', 'single-defector'],
      ['strategies', { cooperator: 1 }],
      ['strategies.defector', 2],
      ['cooperators', 0.5],
      ['rivalry.history', 2],
      ['trust.initial', 0.5],
      ['externalBuyers.share', 0.5],
    ];
    for (const [path, value] of structural) {
      expect(() => model.set(path, value)).toThrow(InputError);
      expect(() => model.set(path, value)).toThrow(`'${path}'`);
    }
    expect(model.log).toEqual([]);
    expect(model.parameters.width).toBe(2);
  });

  it('refuses a bad value live, leaving the parameters as they were', () => {
    const model = firms(['cooperator', 'defector']);
    expect(() => model.set('trust.gain', 2)).toThrow(InputError);
    expect(() => model.set('trust.gain', 2)).toThrow('trust.gain: got 2, expected a number from 0 to 1');
    expect(() => model.set('trust.gian', 0.2)).toThrow("unknown parameter 'trust.gian'");
    expect(model.parameters.trust.gain).toBe(0);
    expect(model.log).toEqual([]);
  });

  it('a timeline event on a structural parameter fails when its generation comes', () => {
    const model = firms(['cooperator', 'defector'], {}, { events: [{ generation: 1, set: { width: 5 } }] });
    model.step();
    expect(() => model.step()).toThrow(InputError);
  });

  // Regression test (fixed): (src/cluster/events.ts, EventQueue.applyDue): it refuses only exact STRUCTURAL_PATHS,
  // while set() (src/cluster/events.ts, setParameter) also refuses `strategies.<id>`. A timeline event
  // { set: { 'strategies.defector': 3 } } is applied silently: parameters.strategies changes
  // mid-run (and is logged) although the population cannot change. Expected an InputError as
  // for model.set('strategies.defector', 3); actual: accepted.
  it('a timeline event on strategies.<id> is refused like model.set', () => {
    const model = firms(['cooperator', 'defector'], {}, { events: [{ generation: 1, set: { 'strategies.defector': 3 } }] });
    model.step();
    expect(() => model.step()).toThrow(InputError);
  });
});

describe('a firm that changes strategy', () => {
  // 0 D — 1 C — 2 TFT — 3 C: generation 0 pays 4, 2, 6, 3; imitating the best, firms 1 and 3
  // take tit-for-tat from firm 2, firm 0 stays a defector.
  const layout = ['defector', 'cooperator', 'tit-for-tat', 'cooperator'];
  const setting = (share: number) => ({ trust: { initial: 0.5, gain: 0.1, loss: 0.5 }, update: { rule: 'imitate-best' as const, share } });

  it('keeps its relationships’ histories and trust; only its strategy restarts', () => {
    const revising = firms(layout, setting(1));
    const frozen = firms(layout, setting(0));
    revising.step();
    frozen.step();
    const pool = (id: string) => revising.pool.findIndex((strategy) => strategy.id === id);
    expect([...revising.strategyOf]).toEqual([pool('defector'), pool('tit-for-tat'), pool('tit-for-tat'), pool('tit-for-tat')]);
    expect([...frozen.strategyOf]).toEqual([pool('defector'), pool('cooperator'), pool('tit-for-tat'), pool('cooperator')]);
    expect([...revising.relationships.rounds]).toEqual([...frozen.relationships.rounds]);
    expect([...revising.relationships.window]).toEqual([...frozen.relationships.window]);
    expect([...revising.relationships.defections]).toEqual([...frozen.relationships.defections]);
    expect([...revising.relationships.trust]).toEqual([...frozen.relationships.trust]);
    expect([...revising.relationships.rounds]).toEqual([1, 1, 1]);
    expect(movesOf(revising, 0, 1)).toBe('D');
    expect(movesOf(revising, 1, 0)).toBe('C');
    expect(trustOf(revising, 1, 0)).toBeCloseTo(0.25, 6);
    expect(trustOf(revising, 0, 1)).toBeCloseTo(0.55, 6);

    // The new tit-for-tat at 1 remembers that 0 defected, and co-operates with 2.
    revising.step();
    expect(movesOf(revising, 1, 0)).toBe('CD');
    expect(movesOf(revising, 0, 1)).toBe('DD');
    expect(movesOf(revising, 1, 2)).toBe('CC');
    expect(trustOf(revising, 0, 1)).toBeCloseTo(0.275, 6);
    expect(trustOf(revising, 1, 0)).toBeCloseTo(0.125, 6);
    expect(revising.payoff[1]).toBe(0 + 3);
  });
});

describe('the bounded window', () => {
  it('keeps the last 32 moves per side and every round in the totals', () => {
    // cycle('CD') has no finite-state form: it plays through move() on the lattice.
    const model = firms([cycle('CD'), 'cooperator'], { roundsPerGeneration: 20 });
    model.step();
    // rounds 1..20: C (R = 3) on odd rounds, D (T = 4) on even ones
    expect(payoffs(model)).toEqual([10 * 3 + 10 * 4, 10 * 3 - 10]);
    model.step();
    const history = historyOf(model, 0, 1);
    expect(history.length).toBe(40);
    expect(history.defections).toBe(20);
    expect(history.cooperations).toBe(20);
    expect(history.at(0)).toBeUndefined(); // outside the window
    expect(history.at(7)).toBeUndefined(); // round 8: 33 rounds ago
    expect(history.at(8)).toBe('C'); // round 9: the oldest in the window
    expect(history.at(39)).toBe('D');
    expect(history.at(40)).toBeUndefined();
    expect(history.at(-1)).toBe('D');
    expect(history.at(-2)).toBe('C');
    expect(history.at(-41)).toBeUndefined();
    expect(history.last).toBe('D');
    expect(history.toArray()).toHaveLength(32);
    expect(history.toArray().join('')).toBe('CD'.repeat(16));
    expect(history.defectionsInLast(1)).toBe(1);
    expect(history.defectionsInLast(5)).toBe(3);
    expect(history.defectionsInLast(32)).toBe(16);
    expect(history.defectionsInLast(100)).toBe(16);
    expect(model.relationships.window[0]).toBe(0x55555555);
    expect(history.defectionsInLast(0)).toBe(0);
    const partner = historyOf(model, 1, 0);
    expect(partner.toArray().join('')).toBe('C'.repeat(32));
    expect(partner.defections).toBe(0);
  });

  // Regression test (fixed): (src/cluster/relationships.ts, WindowHistory.defectionsInLast): a negative count
  // gives span < 0 and the mask (1 << span) − 1 becomes 0x7fffffff, so defectionsInLast(-1)
  // counts the last 31 moves (here 16) where the tournament's History (src/core/history.ts)
  // returns 0. A strategy module sees different answers on the lattice and in a tournament.
  it('defectionsInLast of a negative count is 0, as in a tournament', () => {
    const model = firms([cycle('CD'), 'cooperator'], { roundsPerGeneration: 40 });
    model.step();
    expect(historyOf(model, 0, 1).defectionsInLast(-1)).toBe(0);
  });
});

describe('what a move()-only strategy sees on the lattice', () => {
  interface Seen {
    round: number;
    turns: number | undefined;
    ownLength: number;
    partnerLast: string | undefined;
    generation: number | undefined;
    activity: unknown;
    trust: number | undefined;
    sanctions: unknown;
    game: unknown;
  }
  const spy = (seen: Seen[]) =>
    defineStrategy(
      {
        id: 'spy',
        name: 'Spy',
        description: 'Records its views and co-operates.',
        provenance: 'test fixture',
        classifier: { memoryDepth: 0, stochastic: false },
      },
      () => ({
        move: (view) => {
          seen.push({
            round: view.round,
            turns: view.turns,
            ownLength: view.own.length,
            partnerLast: view.opponent.last,
            generation: view.cluster?.generation,
            activity: view.cluster?.activity,
            trust: view.cluster?.trust,
            sanctions: view.cluster?.sanctions,
            game: view.game,
          });
          return 'C';
        },
      }),
    );
  const setting = {
    activities: [{ ...DEAL, cost: 0.5 }],
    trust: { initial: 0.5, loss: 0.5 },
    sanctions: { detection: 0.5, fine: 2, compensate: false },
    crisis: { windows: [{ from: 1, to: 1 }], temptationFactor: 2 },
    roundsPerGeneration: 2,
  };

  it('the round, the generation, its moves, the activity and its game, its trust and the sanctions', () => {
    const seen: Seen[] = [];
    const model = firms([spy(seen), 'defector'], setting);
    model.step();
    model.step();
    expect(seen.map((view) => [view.round, view.generation, view.ownLength, view.partnerLast])).toEqual([
      [1, 0, 0, undefined],
      [2, 0, 1, 'D'],
      [3, 1, 2, 'D'],
      [4, 1, 3, 'D'],
    ]);
    expect(seen.every((view) => view.turns === undefined)).toBe(true);
    expect(seen.map((view) => view.trust)).toEqual([0.5, 0.25, 0.125, 0.0625]);
    expect(seen[0]!.activity).toMatchObject({ name: 'deal', lowRisk: false });
    expect(seen[0]!.sanctions).toEqual({ detection: 0.5, fine: 2, compensate: false });
    expect(seen[0]!.game).toEqual({ R: 3, S: -1, T: 4, P: 0 });
    expect(seen[2]!.game).toEqual({ R: 3, S: -1, T: 8, P: 0 }); // generation 1 is a crisis
  });

  // The view's activity.cost is what a co-operating firm pays: the cost after subsidy.
  it('activity.cost is the cost a co-operator pays, after subsidy', () => {
    const seen: Seen[] = [];
    const model = firms([spy(seen), 'defector'], { ...setting, subsidy: 0.4 });
    model.step();
    const activity = seen[0]!.activity as { name: string; cost: number };
    expect(activity.name).toBe('deal');
    expect(activity.cost).toBeCloseTo(0.3, 12);
  });
});

describe('determinism', () => {
  const pool = ['tit-for-tat', 'defector', 'cooperator', 'raise-the-stakes'].map(builtin);
  const noisy = clusterParameters({
    width: 8,
    height: 8,
    boundary: 'torus',
    strategies: { 'tit-for-tat': 2, defector: 1, cooperator: 1, 'raise-the-stakes': 1 },
    noise: 0.05,
    roundsPerGeneration: 2,
    activities: [TRAINING, TECH],
    trust: { initial: 0.5, gain: 0.1, loss: 0.3, decay: 0.05, baseline: 0.4 },
    sanctions: { detection: 0.3, fine: 1, compensate: true },
    update: { rule: 'fermi', K: 0.5, share: 1 },
    mutation: 0.05,
  });
  const run = (seed: number) => {
    const model = new ClusterModel({ parameters: noisy, seed, strategies: pool });
    const records = Array.from({ length: 20 }, () => model.step());
    return { records, strategyOf: [...model.strategyOf], trust: [...model.relationships.trust], window: [...model.relationships.window] };
  };

  it('the same seed and parameters give identical generations; another seed differs', () => {
    const first = run(7);
    expect(run(7)).toEqual(first);
    expect(run(8).records).not.toEqual(first.records);
    // and the run is not trivially frozen
    expect(first.records[19]!.strategies).not.toEqual(first.records[0]!.strategies);
    expect(first.records.some((record) => record.fines > 0)).toBe(true);
  });
});

describe('a move()-only strategy on the lattice', () => {
  const setting = (id: string): ClusterParameters =>
    clusterParameters({
      width: 8,
      height: 8,
      boundary: 'torus',
      strategies: { [id]: 3, defector: 2, 'raise-the-stakes': 2, cooperator: 1 },
      noise: 0.02,
      roundsPerGeneration: 2,
      activities: [TRAINING, TECH],
      trust: { initial: 0.4, gain: 0.15, loss: 0.4 },
      rivalry: { history: 1 },
      update: { rule: 'fermi', K: 0.3, share: 1 },
      mutation: 0.02,
    });
  const run = (tft: Strategy) => {
    const strategies = [tft, builtin('defector'), builtin('raise-the-stakes'), builtin('cooperator')];
    const model = new ClusterModel({ parameters: setting(tft.id), seed: 11, strategies });
    const records: GenerationRecord[] = Array.from({ length: 15 }, () => model.step());
    return { records, strategyOf: [...model.strategyOf], window: [...model.relationships.window], trust: [...model.relationships.trust] };
  };

  it('plays exactly like the built-in finite-state tit-for-tat', () => {
    const reference = run(builtin('tit-for-tat'));
    expect(run(titForTatByMove)).toEqual(reference);
    expect(run(titForTatWrapped)).toEqual(reference);
    // the comparison exercised both activities and changing strategies
    expect(reference.records.some((record) => record.activities[0]! > 0)).toBe(true);
    expect(reference.records.some((record) => record.activities[1]! > 0)).toBe(true);
    expect(reference.records[14]!.strategies).not.toEqual(reference.records[0]!.strategies);
  });
});

describe('revision rules', () => {
  const line = new Lattice(2, 1, 'von-neumann', 'fixed');
  const revision = (space: Lattice, strategyOf: number[], payoff: number[], random: () => number, options: Partial<Revision> = {}) => {
    const target: Revision = {
      space,
      strategyOf: Uint8Array.from(strategyOf),
      payoff: Float64Array.from(payoff),
      poolSize: Math.max(...strategyOf) + 1,
      share: 1,
      mutation: 0,
      random,
      ...options,
    };
    return { target };
  };

  it('imitate-best: the best of the neighbourhood and itself, ties keep their own, first in order among equals', () => {
    const space = new Lattice(3, 1, 'von-neumann', 'fixed');
    const { target } = revision(space, [1, 0, 2], [5, 1, 5], scripted([]));
    imitateBest(target);
    // firm 1 copies firm 0 (first of the two best); firms 0 and 2 beat their neighbour
    expect([...target.strategyOf]).toEqual([1, 1, 2]);
    const tie = revision(space, [1, 0, 2], [5, 5, 5], scripted([]));
    imitateBest(tie.target);
    expect([...tie.target.strategyOf]).toEqual([1, 0, 2]);
  });

  it('imitate-best: the same order for a firm inside the lattice (Moore and von Neumann)', () => {
    // 3×3, fixed edges: firm 4 is interior; Moore order 0, 1, 2, 3, 5, 6, 7, 8; von Neumann 1, 3, 5, 7.
    const strategies = [1, 2, 3, 4, 0, 5, 6, 7, 8];
    const moore = revision(new Lattice(3, 3, 'moore', 'fixed'), strategies, [0, 0, 9, 0, 1, 0, 9, 0, 0], scripted([]));
    imitateBest(moore.target);
    expect(moore.target.strategyOf[4]).toBe(3); // firm 2 before firm 6
    const vonNeumann = revision(new Lattice(3, 3, 'von-neumann', 'fixed'), strategies, [9, 0, 9, 0, 1, 7, 0, 7, 0], scripted([]));
    imitateBest(vonNeumann.target);
    expect(vonNeumann.target.strategyOf[4]).toBe(5); // firm 5 before firm 7; the corners are not neighbours
    const torus = revision(new Lattice(3, 3, 'moore', 'torus'), strategies, [0, 0, 0, 0, 1, 0, 0, 9, 9], scripted([]));
    imitateBest(torus.target);
    expect(torus.target.strategyOf[4]).toBe(7); // firm 7 before firm 8
  });

  it('imitate-best agrees with a plain reading of the neighbour lists, inside and on the edges', () => {
    const random = deriveStream(5, 'imitate-reference');
    for (const [width, height, neighbourhood, boundary] of [
      [7, 6, 'moore', 'fixed'],
      [7, 6, 'moore', 'torus'],
      [5, 8, 'von-neumann', 'fixed'],
      [5, 8, 'von-neumann', 'torus'],
    ] as const) {
      const space = new Lattice(width, height, neighbourhood, boundary);
      const strategyOf = Array.from({ length: space.size }, (_, firm) => firm % 7);
      // few distinct payoffs, so ties (and the neighbourhood order) matter
      const payoff = Array.from({ length: space.size }, () => Math.floor(random() * 4));
      const expected = strategyOf.map((own, firm) => {
        let best = firm;
        for (let k = space.neighbourOffsets[firm]!; k < space.neighbourOffsets[firm + 1]!; k++) {
          if (payoff[space.neighbourList[k]!]! > payoff[best]!) best = space.neighbourList[k]!;
        }
        return best === firm ? own : strategyOf[best]!;
      });
      const { target } = revision(space, strategyOf, payoff, scripted([]));
      imitateBest(target);
      expect([...target.strategyOf]).toEqual(expected);
    }
  });

  it('fermi picks the k-th neighbour of the neighbour list, on a torus as with fixed edges', () => {
    for (const space of [new Lattice(3, 3, 'moore', 'torus'), new Lattice(4, 5, 'von-neumann', 'torus'), new Lattice(4, 3, 'moore', 'fixed')]) {
      const strategyOf = Array.from({ length: space.size }, (_, firm) => firm);
      for (let firm = 0; firm < space.size; firm++) {
        const degree = space.neighbourOffsets[firm + 1]! - space.neighbourOffsets[firm]!;
        for (let k = 0; k < degree; k++) {
          // one elementary update: this firm, its k-th neighbour, and a coin that always adopts at equal payoffs
          const { target } = revision(space, strategyOf, new Array(space.size).fill(0), scripted([(firm + 0.5) / space.size, (k + 0.5) / degree, 0]), {
            share: 1 / space.size,
          });
          fermi(target, 1);
          expect(target.strategyOf[firm]).toBe(space.neighbourList[space.neighbourOffsets[firm]! + k]);
        }
      }
    }
  });

  it('fermi: adopts with probability 1 / (1 + exp((P_x − P_y) / K))', () => {
    // one elementary update (share · N = 1): firm 0, its only neighbour 1, then the coin
    const once = (payoff: number[], K: number, coin: number) => {
      const { target } = revision(line, [0, 1], payoff, scripted([0.1, 0.5, coin]), { share: 0.5 });
      fermi(target, K);
      return target.strategyOf[0];
    };
    // K tiny: a strictly better neighbour is copied, a worse one never
    expect(once([0, 1], 1e-3, 0.999999)).toBe(1);
    expect(once([1, 0], 1e-3, 0)).toBe(0);
    // equal payoffs: 1/2
    expect(once([2, 2], 1, 0.4999)).toBe(1);
    expect(once([2, 2], 1, 0.5)).toBe(0);
    // P_x − P_y = ln 3: 1/4
    expect(once([Math.log(3), 0], 1, 0.2499)).toBe(1);
    expect(once([Math.log(3), 0], 1, 0.2501)).toBe(0);
  });

  it('fermi with K tiny copies a strictly better neighbour almost surely, on the lattice', () => {
    let switched = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const model = firms(['cooperator', 'defector'], { update: { rule: 'fermi', K: 1e-6, share: 1 } }, { seed });
      model.step();
      expect(model.strategyOf[1]).toBe(1); // the defector never copies the worse co-operator
      if (model.strategyOf[0] === 1) switched++;
    }
    // two elementary updates a generation: the co-operator is drawn at least once with probability 3/4
    expect(switched / 200).toBeGreaterThan(0.65);
    expect(switched / 200).toBeLessThan(0.85);
    const model = firms(['cooperator', 'defector'], { update: { rule: 'fermi', K: 1e-6, share: 1 } });
    for (let generation = 0; generation < 15; generation++) model.step();
    expect([...model.strategyOf]).toEqual([1, 1]);
  });

  // A 3×3 lattice with fixed edges, von Neumann: the centre (4) has neighbours 1, 3, 5, 7 in
  // that order, holding strategies 1..4, with payoffs −2, −1, 0, 1: at K = 1, weights e^−2, e^−1, 1, e.
  const grid = new Lattice(3, 3, 'von-neumann', 'fixed');
  const strategies = [0, 1, 0, 2, 0, 3, 0, 4, 0];
  const centrePayoffs = [9, -2, 9, -1, 9, 0, 9, 1, 9];
  const weights = [-2, -1, 0, 1].map(Math.exp);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const below = (count: number) => weights.slice(0, count).reduce((sum, weight) => sum + weight, 0) / total;
  const moranOnce = (random: () => number, payoff = centrePayoffs, K = 1) => {
    // share · N = 1 step; the first draw, 0.5, picks firm ⌊0.5 · 9⌋ = 4
    const { target } = revision(grid, strategies, payoff, random, { share: 1 / 9 });
    moran(target, K);
    return target.strategyOf[4];
  };

  it('moran: the dying firm takes a neighbour chosen in proportion to exp(P / K)', () => {
    expect(moranOnce(scripted([0.5, 0]))).toBe(1);
    expect(moranOnce(scripted([0.5, below(1) - 1e-9]))).toBe(1);
    expect(moranOnce(scripted([0.5, below(1) + 1e-9]))).toBe(2);
    expect(moranOnce(scripted([0.5, below(2) + 1e-9]))).toBe(3);
    expect(moranOnce(scripted([0.5, below(3) - 1e-9]))).toBe(3);
    expect(moranOnce(scripted([0.5, below(3) + 1e-9]))).toBe(4);
    expect(moranOnce(scripted([0.5, 0.999999]))).toBe(4);
    // K tiny: the best neighbour, almost surely
    expect(moranOnce(scripted([0.5, 0.01]), centrePayoffs, 1e-3)).toBe(4);
    // all equal: uniform over the neighbours
    expect(moranOnce(scripted([0.5, 0.3]), [5, 5, 5, 5, 5, 5, 5, 5, 5])).toBe(2);
    expect(moranOnce(scripted([0.5, 0.8]), [5, 5, 5, 5, 5, 5, 5, 5, 5])).toBe(4);
  });

  it('moran: a neighbourhood of one strategy passes it on without a draw', () => {
    const { target } = revision(grid, [0, 3, 0, 3, 1, 3, 0, 3, 0], centrePayoffs, scripted([0.5]), { share: 1 / 9 });
    moran(target, 1);
    expect(target.strategyOf[4]).toBe(3);
  });

  it('moran: frequencies follow the weights', () => {
    const stream = deriveStream(3, 'moran-test');
    const counts = [0, 0, 0, 0, 0];
    const trials = 6000;
    for (let trial = 0; trial < trials; trial++) counts[moranOnce(scripted([0.5], stream))!]!++;
    expect(counts[0]).toBe(0);
    for (let strategy = 1; strategy <= 4; strategy++) expect(counts[strategy]! / trials).toBeCloseTo(weights[strategy - 1]! / total, 1);
  });

  it('mutation 1 with a two-strategy pool scrambles the population', () => {
    const parameters = clusterParameters({
      width: 10,
      height: 10,
      boundary: 'torus',
      strategies: { cooperator: 1, defector: 0 },
      update: { rule: 'imitate-best', share: 1 },
      mutation: 1,
    });
    const model = new ClusterModel({ parameters, seed: 4, strategies: [builtin('cooperator'), builtin('defector')] });
    expect(model.step().strategies).toEqual([1, 0]);
    const defectors = model.step().strategies[1]!;
    expect(defectors).toBeGreaterThan(0.3);
    expect(defectors).toBeLessThan(0.7);
  });

  for (const rule of ['imitate-best', 'fermi', 'moran'] as const) {
    it(`update.share 0 freezes strategies (${rule}), even with mutation`, () => {
      const model = firms(['cooperator', 'defector'], { update: { rule, share: 0, K: 1e-6 }, mutation: 0.5 });
      for (let generation = 0; generation < 5; generation++) {
        model.step();
        expect([...model.strategyOf]).toEqual([0, 1]);
      }
    });
  }

  it('imitate-best with share 1 revises after every generation', () => {
    const model = firms(['cooperator', 'defector'], { update: { rule: 'imitate-best', share: 1 } });
    expect(model.step().strategies).toEqual([0.5, 0.5]);
    expect([...model.strategyOf]).toEqual([1, 1]);
  });

  it('update.every 3 revises only after every third generation', () => {
    const model = firms(['cooperator', 'defector'], { update: { rule: 'imitate-best', share: 1, every: 3 } });
    const shares: (readonly number[])[] = [];
    for (let generation = 0; generation < 4; generation++) {
      shares.push(model.step().strategies);
      if (generation < 2) expect([...model.strategyOf]).toEqual([0, 1]);
    }
    expect(shares).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
      [0, 1],
    ]);
  });
});
