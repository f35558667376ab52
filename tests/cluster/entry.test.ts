import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/model.js';
import { parseScenario, scenarioDocument, withOverrides } from '../../src/cluster/scenario.js';
import { builtin } from '../support/play.js';
import { inputError } from '../support/errors.js';
import { trustOf } from '../support/cluster.js';

// Entries of new firms (src/cluster/entry.ts): a timeline event `entry` lets a share of the sites
// be taken by new firms holding a strategy, with no past and the cluster's usual trust.

const document = (events: unknown[], strategies: Record<string, number> = { cooperator: 1, defector: 0 }) => ({
  name: 'tiny',
  title: 'Tiny',
  description: 'A tiny cluster.',
  seed: 1,
  generations: 5,
  parameters: {
    width: 10,
    height: 10,
    cooperators: null,
    strategies,
    trust: { initial: 0.7, gain: 0.1, loss: 0.5 },
    rivalry: { history: 2 },
    update: { every: 1000 },
  },
  events,
});

describe('the entry event in a scenario', () => {
  it('is read with its strategy and share, needs no settings, and survives --set and a round trip', () => {
    const scenario = parseScenario(document([{ generation: 3, entry: { strategy: 'defector', share: 0.25 }, label: 'a wave' }]), 'tiny.json');
    expect(scenario.events).toEqual([{ generation: 3, set: {}, entry: { strategy: 'defector', share: 0.25 }, label: 'a wave' }]);
    expect(withOverrides(scenario, ['noise=0.1']).events).toEqual(scenario.events);
    expect(parseScenario(JSON.parse(JSON.stringify(scenarioDocument(scenario))), 'again.json')).toEqual(scenario);
  });

  it('is refused, naming the field, for a strategy outside the mix or a share outside (0, 1]', () => {
    expect(inputError(() => parseScenario(document([{ generation: 3, entry: { strategy: 'opportunist', share: 0.1 } }]), 'tiny.json'))).toBe(
      "tiny.json: events.0.entry.strategy: got 'opportunist', expected a strategy of parameters.strategies (a weight of 0 keeps it out of the starting population)",
    );
    expect(inputError(() => parseScenario(document([{ generation: 3, entry: { strategy: 'defector', share: 0 } }]), 'tiny.json'))).toContain(
      'events.0.entry.share: got 0, expected a share of the sites, above 0 and at most 1',
    );
    expect(inputError(() => parseScenario(document([{ generation: 3, entry: { strategy: 'defector', share: 1.5 } }]), 'tiny.json'))).toContain(
      'events.0.entry.share',
    );
  });
});

describe('entering firms', () => {
  function run(share: number) {
    const scenario = parseScenario(document([{ generation: 2, entry: { strategy: 'defector', share } }]), 'tiny.json');
    const model = new ClusterModel({
      parameters: scenario.parameters,
      seed: 3,
      strategies: [builtin('cooperator'), builtin('defector')],
      events: scenario.events,
    });
    return model;
  }

  it('take round(share × firms) distinct sites at the event, as new firms with no past and the usual trust', () => {
    const model = run(0.25);
    model.step();
    model.step();
    // no defector in the starting population (weight 0)
    expect(model.strategyOf.every((strategy) => strategy === 0)).toBe(true);
    model.step();
    const entrants = [...model.strategyOf.keys()].filter((firm) => model.strategyOf[firm] === 1);
    expect(entrants).toHaveLength(25);
    expect(model.log.at(-1)).toEqual({ generation: 2, label: '25 new firms enter as defector' });
    // an entrant and its neighbours met afresh this generation: one round played, trust from the usual 0.7
    const entrant = entrants[0]!;
    const neighbour = model.space.neighbourList[model.space.neighbourOffsets[entrant]!]!;
    const rounds = model.relationships.rounds;
    const edges = [...Array(model.graph.count).keys()].filter(
      (edge) =>
        (model.graph.firmA[edge] === entrant && model.graph.firmB[edge] === neighbour) ||
        (model.graph.firmB[edge] === entrant && model.graph.firmA[edge] === neighbour),
    );
    expect(rounds[edges[0]!]).toBe(1);
    expect(model.wealth[entrant]).toBe(model.payoff[entrant]);
    // the neighbour met the newcomer with the usual trust, 0.7, and was cheated once
    expect(trustOf(model, neighbour, entrant)).toBeCloseTo(0.35, 12);
  });

  it('take every site with share 1', () => {
    const model = run(1);
    for (let generation = 0; generation < 3; generation++) model.step();
    expect(model.strategyOf.every((strategy) => strategy === 1)).toBe(true);
  });
});
