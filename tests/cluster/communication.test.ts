import { describe, expect, it } from 'vitest';
import { memorylessEligible } from '../../src/cluster/kernel.js';
import { runScenario } from '../../src/cluster/run.js';
import { parseScenario } from '../../src/cluster/scenario.js';
import { CommunicationState } from '../../src/cluster/communication.js';
import { defineStrategy } from '../../src/authoring/define.js';
import type { ClusterContext } from '../../src/core/strategy.js';
import { requireStrategies } from '../../strategies/registry.js';
import { clusterParameters, firms, movesOf, trustOf } from '../support/cluster.js';

const TALK = { communication: { enabled: true } } as const;

/** Plays `generations` generations of a model and returns it. */
function played<T extends { step(): unknown }>(model: T, generations: number): T {
  for (let generation = 0; generation < generations; generation++) model.step();
  return model;
}

describe('broken announcements', () => {
  it('count only a defection after both announced C', () => {
    const talk = new CommunicationState(2);
    // announcements and moves: 0 = C, 1 = D
    expect(talk.settle(0, 0, 0, 1, 0)).toBe(1);
    expect(talk.settle(0, 0, 0, 1, 1)).toBe(3);
    expect(talk.settle(0, 0, 1, 1, 1)).toBe(0);
    expect(talk.settle(0, 1, 0, 0, 1)).toBe(0);
    expect(Array.from(talk.broken)).toEqual([2, 1]);
    talk.forget(0);
    expect(Array.from(talk.broken)).toEqual([0, 0]);
  });
});

describe('communication on the lattice', () => {
  it('is off by default, and switching it off explicitly changes nothing', () => {
    expect(clusterParameters().communication).toBeUndefined();
    const layout = ['promise-keeper', 'false-promiser', 'tit-for-tat', 'defector'];
    const plain = firms(layout, { noise: 0.1 });
    const off = firms(layout, { noise: 0.1, communication: { enabled: false, trustPenalty: 0.5 } });
    for (let generation = 0; generation < 6; generation++) expect(off.step()).toEqual(plain.step());
    expect(memorylessEligible(clusterParameters(TALK), [], true)).toBe(false);
  });

  it('lets a promise keeper answer a false promise with one announced defection, and refuse an honest defector from the start', () => {
    const liar = played(firms(['promise-keeper', 'false-promiser'], TALK), 5);
    // Both promise C; the liar defects. The keeper announces D once, then promises again.
    expect(movesOf(liar, 0, 1)).toBe('CDCDC');
    expect(movesOf(liar, 1, 0)).toBe('DDDDD');
    // A defector has no announce(): it decides first and announces what it decided, truthfully.
    const honest = played(firms(['promise-keeper', 'defector'], TALK), 4);
    expect(movesOf(honest, 0, 1)).toBe('DDDD');
    // Without communication the keeper hears nothing: tit-for-tat.
    const silent = played(firms(['promise-keeper', 'defector']), 4);
    expect(movesOf(silent, 0, 1)).toBe('CDDD');
  });

  it('lets two keepers restart co-operation after a past of mutual defection, where tit-for-tat cannot', () => {
    const rivals = played(firms(['promise-keeper', 'promise-keeper'], { ...TALK, rivalry: { history: 3 } }), 3);
    expect(movesOf(rivals, 0, 1)).toBe('DDDCCC');
    const silent = played(firms(['promise-keeper', 'promise-keeper'], { rivalry: { history: 3 } }), 3);
    expect(movesOf(silent, 0, 1)).toBe('DDDDDD');
  });

  it('costs a deceived firm the share trustPenalty of its trust for each broken word', () => {
    const model = played(firms(['promise-keeper', 'false-promiser'], { communication: { enabled: true, trustPenalty: 0.5 } }), 3);
    // Words broken in generations 0 and 2: trust 1 → 0.5 → 0.25.
    expect(trustOf(model, 0, 1)).toBe(0.25);
    expect(trustOf(model, 1, 0)).toBe(1);
  });

  it("shows a strategy the announcement it heard and the partner's record, and only to a firm that speaks", () => {
    const seen: (string | undefined)[] = [];
    const listener = defineStrategy(
      { id: 'listener', name: 'Listener', description: 'records what it hears', provenance: 'test fixture', classifier: { memoryDepth: 0, stochastic: false } },
      () => ({
        announce: () => 'C',
        move(view) {
          const cluster = view.cluster as ClusterContext;
          seen.push(`${cluster.announcement}/${cluster.promisesBroken}`);
          return 'C';
        },
      }),
    );
    played(firms([listener, 'false-promiser'], TALK), 3);
    expect(seen).toEqual(['C/0', 'C/1', 'C/2']);
  });

  it('disqualifies a strategy whose announcement is not C or D', () => {
    const mumbler = defineStrategy(
      { id: 'mumbler', name: 'Mumbler', description: 'announces nonsense', provenance: 'test fixture', classifier: { memoryDepth: 0, stochastic: false } },
      // @ts-expect-error: a module may return anything
      () => ({ announce: () => 'maybe', move: () => 'C' }),
    );
    const model = played(firms([mumbler, 'cooperator'], TALK), 2);
    expect(model.log[0]!.label).toMatch(/^strategy mumbler disqualified \(its firms defect from now on\): announce\(\) returned 'maybe' on round 1/);
  });
});

// The ablation (docs/model.md, "Communication"): a rival cluster of promise keepers, honest
// defectors and false promisers on 30 × 30, seeds 1–10. Talk lets keepers restart co-operation
// after a defection and refuse honest defectors; without it they are tit-for-tat.
describe('communication ablation', () => {
  it('raises co-operation over 10 seeds, whatever the false promisers gain', () => {
    const scenario = parseScenario(
      {
        name: 'talk',
        title: 'Talk',
        description: 'ablation',
        source: 'test',
        seed: 1,
        generations: 40,
        parameters: {
          width: 30,
          height: 30,
          selfInteraction: false,
          cooperators: null,
          strategies: { 'promise-keeper': 0.5, defector: 0.25, 'false-promiser': 0.25 },
          noise: 0.01,
          activities: [{ name: 'deal', lowRisk: false, R: 3, S: -1, T: 4, P: 0, cost: 0, trustThreshold: 0, enabled: true }],
          update: { rule: 'fermi', K: 0.1 },
          mutation: 0.002,
          communication: { enabled: true },
        },
      },
      'talk',
    );
    const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
    const at40 = (enabled: boolean) =>
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(
        (seed) =>
          runScenario({ ...scenario, parameters: { ...scenario.parameters, communication: { enabled, trustPenalty: 0 } } }, strategies, {
            seed,
            generations: 40,
          }).records[40]!.cooperation,
      );
    const talking = at40(true);
    const silent = at40(false);
    expect(Math.min(...talking)).toBeGreaterThan(Math.max(...silent));
    expect(talking.reduce((a, b) => a + b) / 10).toBeGreaterThan(silent.reduce((a, b) => a + b) / 10 + 0.3);
  }, 120_000);
});
