import { describe, expect, it } from 'vitest';
import { bestOfNeighbourhood, countNeighbours } from '../../src/cluster/lattice-sweep.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { DEFAULT_PARAMETERS } from '../../src/cluster/parameters.js';
import { Lattice, relationshipCountOf, relationshipsOf, type Neighbourhood, type Boundary } from '../../src/cluster/space.js';
import { deriveStream } from '../../src/core/random.js';
import { builtin } from '../support/play.js';

// The row-by-row passes (lattice-sweep.ts) and the bulk set-up (space.ts) against the plain walk of
// the neighbour lists they replace, on every neighbourhood and boundary, down to grids too narrow
// for an interior, with payoffs that tie often.

const SHAPES: [number, number][] = [
  [1, 1],
  [1, 5],
  [2, 3],
  [3, 3],
  [4, 7],
  [9, 5],
];
const KINDS: [Neighbourhood, Boundary][] = [
  ['moore', 'torus'],
  ['moore', 'fixed'],
  ['von-neumann', 'torus'],
  ['von-neumann', 'fixed'],
];

function lattices(): Lattice[] {
  const all: Lattice[] = [];
  for (const [width, height] of SHAPES) {
    for (const [neighbourhood, boundary] of KINDS)
      if (boundary === 'fixed' || (width >= 3 && height >= 3)) all.push(new Lattice(width, height, neighbourhood, boundary));
  }
  return all;
}

/** The neighbour lists as the plain double loop over (dx, dy) gives them. */
function listsByHand(lattice: Lattice): number[][] {
  const { width, height, offsets, boundary } = lattice;
  const lists: number[][] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const list: number[] = [];
      for (const [dx, dy] of offsets) {
        let nx = x + dx;
        let ny = y + dy;
        if (boundary === 'torus') {
          nx = (nx + width) % width;
          ny = (ny + height) % height;
        } else if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        list.push(ny * width + nx);
      }
      lists.push(list);
    }
  }
  return lists;
}

describe('lattice set-up in bulk (space.ts)', () => {
  it('gives every firm its neighbours in neighbourhood order, and counts the relationships without building them', () => {
    for (const lattice of lattices()) {
      const lists = listsByHand(lattice);
      for (let firm = 0; firm < lattice.size; firm++) {
        expect([...lattice.neighbourList.subarray(lattice.neighbourOffsets[firm]!, lattice.neighbourOffsets[firm + 1]!)], lattice.describe()).toEqual(
          lists[firm],
        );
      }
      for (const self of [true, false]) expect(relationshipCountOf(lattice, self)).toBe(relationshipsOf(lattice, self).count);
    }
  });
});

describe('row-by-row passes (lattice-sweep.ts)', () => {
  it('count flagged neighbours and pick the best of each neighbourhood as walking the lists does', () => {
    const random = deriveStream(7, 'lattice-sweep');
    for (const lattice of lattices()) {
      const { size, neighbourOffsets, neighbourList } = lattice;
      for (let trial = 0; trial < 5; trial++) {
        const flag = Uint8Array.from({ length: size }, () => (random() < 0.6 ? 1 : 0));
        // Three payoff levels: ties between neighbours, and between a firm and its neighbours, are common.
        const payoff = Float64Array.from({ length: size }, () => Math.floor(random() * 3));
        const strategyOf = Uint8Array.from({ length: size }, () => Math.floor(random() * 4));
        const counts = new Uint8Array(size);
        const next = new Uint8Array(size);
        const pairs = countNeighbours(lattice, flag, counts);
        bestOfNeighbourhood(lattice, payoff, strategyOf, next);
        let expectedPairs = 0;
        for (let firm = 0; firm < size; firm++) {
          let count = 0;
          let best = firm;
          for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) {
            const neighbour = neighbourList[k]!;
            count += flag[neighbour]!;
            if (payoff[neighbour]! > payoff[best]!) best = neighbour;
          }
          expectedPairs += flag[firm]! * count;
          expect(counts[firm], `${lattice.describe()} firm ${firm}`).toBe(count);
          expect(next[firm], `${lattice.describe()} firm ${firm}`).toBe(strategyOf[best]);
        }
        expect(pairs).toBe(expectedPairs);
      }
    }
  });
});

describe('relationships built on first use (model.ts)', () => {
  const pool = [builtin('cooperator'), builtin('defector')];
  const parameters = { ...DEFAULT_PARAMETERS, width: 12, height: 10, temptation: 1.5, cooperators: 0.8, trust: { ...DEFAULT_PARAMETERS.trust, initial: 0.3 } };

  it('stand as they would have from the start when a memory-less run first reads them', () => {
    const model = new ClusterModel({ parameters, seed: 2, strategies: pool });
    for (let generation = 0; generation < 4; generation++) model.step();
    const { firmA, firmB, count } = model.graph;
    const { trust, rounds, window, machineState } = model.relationships;
    for (let edge = 0; edge < count; edge++) {
      const self = firmA[edge] === firmB[edge] ? 1 : 0.3;
      expect([trust[edge * 2], trust[edge * 2 + 1], rounds[edge], window[edge * 2], machineState[edge * 2]]).toEqual([self, self, 0, 0, 0]);
    }
  });

  it('give the same run whenever they are first read, when play leaves the memory-less kernel midway', () => {
    // Noise from generation 3 on: the kernel plays the first three generations, then every relationship is played.
    const events = [{ generation: 3, set: { noise: 0.05, 'trust.gain': 0.1, 'trust.loss': 0.3 } }];
    const run = (readAtStart: boolean) => {
      const model = new ClusterModel({ parameters, seed: 4, strategies: pool, events });
      if (readAtStart) expect(model.relationships.count).toBe(model.graph.count);
      const records = Array.from({ length: 6 }, () => model.step());
      return { records, strategyOf: [...model.strategyOf], window: [...model.relationships.window], trust: [...model.relationships.trust] };
    };
    const late = run(false);
    expect(late.records[5]!.meanTrust).not.toBe(0.3);
    expect(run(true)).toEqual(late);
  });
});

describe('one pass over a torus (torus-passes.ts)', () => {
  // Two strategies that co-operate (trust-threshold does at the starting trust): equal payoffs
  // between different strategies are common, so imitate-best's ties (the firm itself first, then
  // the first neighbour in order) decide often; some firms tied to external buyers, whose bonus
  // changes the payoffs of co-operators.
  const pool = [builtin('cooperator'), builtin('defector'), builtin('trust-threshold')];
  const strategies = { cooperator: 0.35, defector: 0.3, 'trust-threshold': 0.35 };
  const shapes: [number, number][] = [
    [3, 3],
    [4, 7],
    [9, 5],
    [16, 12],
  ];

  it('gives the run of the multi-pass kernel and of playing every relationship, with fewer recorded views', () => {
    for (const [width, height] of shapes) {
      for (const neighbourhood of ['moore', 'von-neumann'] as const) {
        for (const selfInteraction of [true, false]) {
          const parameters = {
            ...DEFAULT_PARAMETERS,
            width,
            height,
            neighbourhood,
            selfInteraction,
            temptation: 1.5,
            externalBuyers: { share: 0.3, bonus: 0.5 },
            strategies,
            mutation: 0.02,
          };
          const run = (kernel: boolean, observeFirms: boolean) => {
            const model = new ClusterModel({ parameters, seed: 5, strategies: pool, kernel, observeFirms });
            const records = Array.from({ length: 5 }, () => model.step());
            return { records, strategyOf: [...model.strategyOf], payoff: [...model.payoff], wealth: [...model.wealth] };
          };
          const onePass = run(true, false);
          const label = `${width}×${height} ${neighbourhood} self ${selfInteraction}`;
          expect(onePass, label).toEqual(run(true, true));
          expect(onePass, label).toEqual(run(false, false));
        }
      }
    }
  });
});
