import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/model.js';
import { DynamicNetwork } from '../../src/cluster/network.js';
import { DEFAULT_PARAMETERS, DEFAULT_REPUTATION, PARTNER_CHOICE_DEFAULTS, withParameter, type ClusterParameters } from '../../src/cluster/parameters.js';
import { deriveStream } from '../../src/core/random.js';
import { Lattice, relationshipsOf } from '../../src/cluster/space.js';
import { requireStrategies } from '../../strategies/registry.js';
import { builtin } from '../support/play.js';

const pool = [builtin('cooperator'), builtin('defector')];

function withChoice(parameters: ClusterParameters, choice: Partial<typeof PARTNER_CHOICE_DEFAULTS> = {}): ClusterParameters {
  return { ...parameters, partnerChoice: { ...PARTNER_CHOICE_DEFAULTS, enabled: true, ...choice } };
}

/** Every view of the network agrees with its edges: dense edges, both firms list each, neighbours mirror each other. */
function expectConsistent(network: DynamicNetwork): void {
  network.refresh();
  const seen = new Map<number, number>();
  const { edgeOffsets, edgeList, neighbourOffsets, neighbourList, firmA, firmB } = network;
  for (let firm = 0; firm < network.size; firm++) {
    expect(network.ties(firm)).toBeLessThanOrEqual(Math.max(network.maxTies, 8));
    const partners: number[] = [];
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const slot = edgeList[k]!;
      const edge = slot >> 1;
      expect(edge).toBeLessThan(network.count);
      expect((slot & 1) === 0 ? firmA[edge] : firmB[edge]).toBe(firm);
      seen.set(slot, (seen.get(slot) ?? 0) + 1);
      const other = (slot & 1) === 0 ? firmB[edge]! : firmA[edge]!;
      if (other !== firm) partners.push(other);
    }
    const neighbours = Array.from(neighbourList.subarray(neighbourOffsets[firm]!, neighbourOffsets[firm + 1]!));
    expect(neighbours).toEqual(partners);
    // Fermi revision's pick reads the firm's own cache line: the k-th neighbour of the list for a draw in its k-th share.
    for (let k = 0; k < neighbours.length; k++) expect(network.randomNeighbour(firm, () => (k + 0.5) / neighbours.length)).toBe(neighbours[k]);
    if (neighbours.length === 0) expect(network.randomNeighbour(firm, () => 0)).toBe(-1);
    expect(network.entryCount(firm)).toBe(network.entries[firm]);
    expect(new Set(partners).size).toBe(partners.length);
    for (const other of partners) expect(network.tied(other, firm)).toBe(true);
  }
  for (let edge = 0; edge < network.count; edge++) {
    expect(seen.get(edge * 2)).toBe(1);
    expect(seen.get(edge * 2 + 1) ?? 0).toBe(firmA[edge] === firmB[edge] ? 0 : 1);
  }
}

describe('DynamicNetwork: ties on typed arrays behind the Space and RelationshipGraph interfaces', () => {
  it('starts as the lattice relationships, edge for edge', () => {
    const lattice = new Lattice(6, 5, 'moore', 'torus');
    const start = relationshipsOf(lattice, true);
    const network = new DynamicNetwork(lattice, start, true, 8);
    expect(network.count).toBe(start.count);
    expect(Array.from(network.firmA.subarray(0, network.count))).toEqual(Array.from(start.firmA));
    expect(Array.from(network.edgeList.subarray(0, network.edgeOffsets[network.size]!))).toEqual(Array.from(start.edgeList));
    expect(network.meanDegree()).toBe(8);
    expectConsistent(network);
  });

  it('stays consistent through hundreds of random cuts and new ties', () => {
    const lattice = new Lattice(7, 7, 'von-neumann', 'fixed');
    const network = new DynamicNetwork(lattice, relationshipsOf(lattice, false), false, 6);
    const random = deriveStream(3, 'network-test');
    for (let step = 0; step < 600; step++) {
      if (random() < 0.5 && network.count > 0) {
        network.cut(Math.floor(random() * network.count));
      } else {
        const a = Math.floor(random() * network.size);
        const b = Math.floor(random() * network.size);
        if (a !== b && !network.tied(a, b) && network.ties(a) < 6 && network.ties(b) < 6) network.connect(a, b, step);
      }
      if (step % 50 === 0) expectConsistent(network);
    }
    expectConsistent(network);
  });
});

describe('partner choice in the cluster model', () => {
  it('is off by default: a run with it switched off is the run without it, with no tie record', () => {
    const base: ClusterParameters = { ...DEFAULT_PARAMETERS, width: 12, height: 12, temptation: 1.7 };
    const run = (parameters: ClusterParameters) => {
      const model = new ClusterModel({ parameters, seed: 4, strategies: pool });
      return Array.from({ length: 8 }, () => model.step());
    };
    const without = run(base);
    expect(run({ ...base, partnerChoice: { ...PARTNER_CHOICE_DEFAULTS } })).toEqual(without);
    expect(without.every((record) => record.ties === undefined)).toBe(true);
    expect(new ClusterModel({ parameters: base, seed: 4, strategies: pool }).network).toBeUndefined();
  });

  it('a lone defector is cut off by every co-operator it cheated, and drops out of the network', () => {
    const parameters = withChoice({ ...DEFAULT_PARAMETERS, width: 9, height: 9, temptation: 1.7, init: 'single-defector' }, { distance: 1, viaPartners: 1 });
    const model = new ClusterModel({ parameters, seed: 1, strategies: pool });
    const defector = model.space.centre();
    const first = model.step();
    expect(first.ties).toEqual({ cut: 8, formed: 0, meanDegree: (8 * 81 - 16) / 81 });
    expect(model.network!.ties(defector)).toBe(0);
    // The co-operators did not see its payoff once the ties were cut: nobody imitated it.
    expect(first.strategies[1]).toBe(1 / 81);
    const second = model.step();
    expect(second.ties!.formed).toBeGreaterThan(0);
    expect(model.strategyOf[defector]).toBe(1);
    expect(model.strategyOf.reduce((sum, strategy) => sum + strategy, 0)).toBe(1);
  });

  it('a new tie starts with no past and the initial trust; a cut one leaves nothing behind', () => {
    const parameters = withChoice(
      {
        ...DEFAULT_PARAMETERS,
        width: 10,
        height: 10,
        cooperators: 0.6,
        rivalry: { history: 5, grievances: false },
        trust: { initial: 0.4, gain: 0.1, loss: 0.5, decay: 0, baseline: 0.4 },
        update: { rule: 'fermi', K: 0.1, share: 0.2, every: 1 },
      },
      { turnover: 0.05 },
    );
    const model = new ClusterModel({ parameters, seed: 2, strategies: pool });
    let formed = 0;
    for (let generation = 0; generation < 6; generation++) formed += model.step().ties!.formed;
    expect(formed).toBeGreaterThan(0);
    const network = model.network!;
    const { rounds, trust } = model.relationships;
    let fresh = 0;
    for (let edge = 0; edge < network.count; edge++) {
      if (network.firmA[edge] === network.firmB[edge]) continue;
      const born = network.bornAt[edge]!;
      if (born < 0) {
        expect(rounds[edge]).toBe(5 + model.generation);
        continue;
      }
      fresh++;
      // Formed before generation `born` was played: one round a generation since, and no rivalry.
      expect(rounds[edge]).toBe(model.generation - born);
      if (born === model.generation - 1) {
        // After one round trust moved once from the initial 0.4: up by gain or down by loss.
        for (const side of [0, 1]) expect([0.4 + 0.1 * 0.6, 0.4 * 0.5]).toContainEqual(trust[edge * 2 + side]!);
      }
    }
    expect(fresh).toBeGreaterThan(0);
    expectConsistent(network);
  });

  it('a cheated firm waits out the delay before it forms a new tie, and keeps within maxTies', () => {
    const parameters = withChoice({ ...DEFAULT_PARAMETERS, width: 9, height: 9, temptation: 1.7, init: 'single-defector' }, { delay: 3, maxTies: 8 });
    const model = new ClusterModel({ parameters, seed: 1, strategies: pool });
    const formed = Array.from({ length: 6 }, () => model.step().ties!.formed);
    expect(formed.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(formed[4]).toBeGreaterThan(0);
    for (let firm = 0; firm < model.space.size; firm++) expect(model.network!.ties(firm)).toBeLessThanOrEqual(8);
  });

  it('firms of low standing are refused: with minStanding above the initial trust, strangers never tie', () => {
    const parameters = withChoice(
      { ...DEFAULT_PARAMETERS, width: 9, height: 9, temptation: 1.7, init: 'single-defector', trust: { ...DEFAULT_PARAMETERS.trust, initial: 0.5 } },
      { viaPartners: 0, minStanding: 0.6 },
    );
    const model = new ClusterModel({ parameters, seed: 1, strategies: pool });
    const formed = Array.from({ length: 5 }, () => model.step().ties!.formed);
    expect(formed).toEqual([0, 0, 0, 0, 0]);
  });

  it('with the reputation layer on, a firm of bad public standing is avoided by strangers who never dealt with it', () => {
    // Projects end (turnover), so firms all over the lattice look for partners; revision is off so the defector stays one.
    const base = withChoice(
      { ...DEFAULT_PARAMETERS, width: 11, height: 11, temptation: 1.7, init: 'single-defector', update: { ...DEFAULT_PARAMETERS.update, every: 1000 } },
      { viaPartners: 0, distance: 2, minStanding: 0.5, turnover: 0.3 },
    );
    const strangersMet = (parameters: ClusterParameters) => {
      const model = new ClusterModel({ parameters, seed: 3, strategies: pool });
      const defector = model.space.centre();
      const { neighbourOffsets, neighbourList } = model.space;
      const dealtWith = new Set(neighbourList.subarray(neighbourOffsets[defector]!, neighbourOffsets[defector + 1]!));
      const strangers = new Set<number>();
      let formed = 0;
      for (let generation = 0; generation < 8; generation++) {
        formed += model.step().ties!.formed;
        const cut = model.lastCut;
        // A tie formed before play and cut after it shows only among the cut ties.
        for (let k = 0; k < cut.length; k += 2) if (cut[k] === defector || cut[k + 1] === defector) strangers.add(cut[k] === defector ? cut[k + 1]! : cut[k]!);
        const network = model.network!;
        for (let k = 0; k < network.entries[defector]!; k++) strangers.add(network.partnerAt(defector, k));
      }
      for (const firm of [...strangers]) if (firm === defector || dealtWith.has(firm)) strangers.delete(firm);
      return { strangers: strangers.size, formed };
    };
    // Without the layer a stranger judges the defector at the initial trust (1): strangers tie to it and are cheated in turn.
    const blind = strangersMet(base);
    expect(blind.strangers).toBeGreaterThan(0);
    // With it, everyone heard of its defections after the first generation (standing 0 < minStanding): no stranger ties to it, while the others still find partners.
    const told = strangersMet({ ...base, reputation: { ...DEFAULT_REPUTATION, enabled: true } });
    expect(told.strangers).toBe(0);
    expect(told.formed).toBeGreaterThan(0);
  });

  it('a relationship keeps its own broken words and grievances when its edge moves; a new tie starts with none', () => {
    const parameters = withChoice(
      {
        ...DEFAULT_PARAMETERS,
        width: 10,
        height: 10,
        selfInteraction: false,
        cooperators: null,
        strategies: { 'promise-keeper': 1, 'false-promiser': 1, 'tit-for-tat': 1 },
        roundsPerGeneration: 4,
        rivalry: { history: 3, grievances: true },
        trust: { initial: 0.5, gain: 0.1, loss: 0.3, decay: 0, baseline: 0.5 },
        communication: { enabled: true, trustPenalty: 0.2 },
        update: { ...DEFAULT_PARAMETERS.update, every: 1000 },
      },
      { turnover: 0.2, maxTies: 10 },
    );
    const model = new ClusterModel({ parameters, seed: 6, strategies: requireStrategies(['promise-keeper', 'false-promiser', 'tit-for-tat']) });
    const network = model.network!;
    const relationships = model.relationships;
    const pair = (edge: number) => `${network.firmA[edge]}-${network.firmB[edge]}`;
    for (let generation = 0; generation < 6; generation++) {
      const before = new Map<string, number[]>();
      for (let edge = 0; edge < network.count; edge++) before.set(pair(edge), [relationships.grievances[edge * 2]!, relationships.grievances[edge * 2 + 1]!]);
      model.step();
      const broken = model.promisesBroken!;
      for (let edge = 0; edge < network.count; edge++) {
        // A side breaks its word at most once a round; a new tie has no rivalry to work off.
        for (const side of [0, 1]) expect(broken[edge * 2 + side]).toBeLessThanOrEqual(relationships.rounds[edge]!);
        if (network.bornAt[edge]! >= 0) expect([relationships.grievances[edge * 2], relationships.grievances[edge * 2 + 1]]).toEqual([0, 0]);
        // Grievances are only ever worked off: an old tie holds no more than before the generation.
        const held = before.get(pair(edge));
        if (held !== undefined && network.bornAt[edge]! < 0) {
          expect(relationships.grievances[edge * 2]).toBeLessThanOrEqual(held[0]!);
          expect(relationships.grievances[edge * 2 + 1]).toBeLessThanOrEqual(held[1]!);
        }
      }
    }
  });

  it('its parameters are set by path even when a scenario leaves the section out; switching it on is fixed once a run starts', () => {
    const set = withParameter(DEFAULT_PARAMETERS, 'partnerChoice.rate', 0.3);
    expect(set.partnerChoice).toEqual({ ...PARTNER_CHOICE_DEFAULTS, rate: 0.3 });
    expect(DEFAULT_PARAMETERS.partnerChoice).toBeUndefined();
    expect(() => withParameter(DEFAULT_PARAMETERS, 'partnerChoice.rate', 2)).toThrow(/partnerChoice\.rate: got 2, expected a number from 0 to 1/);
    const model = new ClusterModel({ parameters: { ...DEFAULT_PARAMETERS, width: 5, height: 5 }, seed: 1, strategies: pool });
    expect(() => model.set('partnerChoice.enabled', true)).toThrow(/cannot change during a run/);
  });
});
