import { describe, expect, it } from 'vitest';
import { fermi, moran, type Revision } from '../../src/cluster/evolution.js';
import { buildActivityTable } from '../../src/cluster/activities.js';
import { CurrentPayoffs, playMemoryless } from '../../src/cluster/kernel.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { DEFAULT_PARAMETERS, type ClusterParameters } from '../../src/cluster/parameters.js';
import { poolEntry } from '../../src/cluster/pool.js';
import { Lattice, relationshipsOf } from '../../src/cluster/space.js';
import { deriveStream } from '../../src/core/random.js';
import { clusterParameters, DEAL, scripted, sequentialCase } from '../support/cluster.js';
import { builtin } from '../support/play.js';

// The sequential revision rules (Fermi, death–birth Moran) on memory-less play read the payoffs
// of the configuration at each elementary step, as Szabó & Tőke (1998) and Ohtsuki et al. (2006)
// do, not those of the last generation played.

const pool = [builtin('cooperator'), builtin('defector')];
const COOPERATOR = 0;
const DEFECTOR = 1;

function cooperators(model: ClusterModel): number {
  let count = 0;
  for (const strategy of model.strategyOf) if (strategy === COOPERATOR) count++;
  return count;
}

describe('current payoffs (kernel.ts, CurrentPayoffs)', () => {
  it('give each firm what playMemoryless pays it, after any sequence of changes', () => {
    const random = deriveStream(3, 'current-payoffs');
    for (const [neighbourhood, boundary, selfInteraction] of [
      ['von-neumann', 'torus', false],
      ['moore', 'fixed', true],
      ['moore', 'torus', true],
    ] as const) {
      // A costly activity, buyers' bonuses and three rounds: every term of a memory-less payoff.
      const parameters = clusterParameters({
        width: 7,
        height: 6,
        neighbourhood,
        boundary,
        selfInteraction,
        roundsPerGeneration: 3,
        activities: [{ ...DEAL, cost: 0.25 }],
        externalBuyers: { share: 0.5, bonus: 0.7 },
      });
      const space = new Lattice(7, 6, neighbourhood, boundary);
      const target = {
        space,
        strategyOf: Uint8Array.from({ length: space.size }, () => (random() < 0.5 ? COOPERATOR : DEFECTOR)),
        buyerTied: Uint8Array.from({ length: space.size }, () => (random() < 0.5 ? 1 : 0)),
        payoff: new Float64Array(space.size),
        cooperationShare: new Float32Array(space.size),
        activityOf: new Uint8Array(space.size),
      };
      const table = buildActivityTable(parameters, 0);
      const entries = pool.map((strategy) => poolEntry(strategy, table));
      const relationships = relationshipsOf(space, selfInteraction).count;
      const current = new CurrentPayoffs().reset(target, parameters, table, entries);
      let checked = 0;
      for (let change = 0; change < 60; change++) {
        current.adopt(Math.floor(random() * space.size), random() < 0.5 ? COOPERATOR : DEFECTOR);
        if (change % 10 !== 9) continue;
        playMemoryless(target, parameters, table, entries, relationships);
        for (let firm = 0; firm < space.size; firm++) expect(current.payoffOf(firm)).toBe(target.payoff[firm]);
        checked += space.size;
      }
      expect(checked).toBe(6 * 42);
      // the configurations were mixed, so the payoffs differed between firms
      expect(new Set(target.payoff).size).toBeGreaterThan(3);
    }
  });
});

describe('fermi on current payoffs', () => {
  // A line of three firms, C C D, playing DEAL (R 3, S −1, T 4, P 0): the generation paid
  // 3, 2 and 4. Two elementary steps with K tiny: firm 1 copies firm 2 (4 > 2), then firm 0
  // compares itself with firm 1. On the configuration as it stands (C D D) firm 0 earns −1 and
  // firm 1 earns 4, so firm 0 defects too; on the generation's payoffs (3 against 2) it would not.
  const parameters = clusterParameters({ width: 3 });
  const space = new Lattice(3, 1, 'von-neumann', 'fixed');
  const draws = [0.5, 0.75, 0.5, 0.1, 0.5, 0.5];
  const step = (withCurrent: boolean) => {
    const strategyOf = Uint8Array.from([COOPERATOR, COOPERATOR, DEFECTOR]);
    const table = buildActivityTable(parameters, 0);
    const entries = pool.map((strategy) => poolEntry(strategy, table));
    const target = { space, strategyOf, buyerTied: new Uint8Array(3) };
    const revision: Revision = {
      space,
      strategyOf,
      payoff: Float64Array.from([3, 2, 4]),
      poolSize: 2,
      share: 2 / 3,
      mutation: 0,
      random: scripted(draws),
      current: withCurrent ? new CurrentPayoffs().reset(target, parameters, table, entries) : undefined,
    };
    fermi(revision, 1e-3);
    return [...strategyOf];
  };

  it('an elementary step sees the changes made by the steps before it', () => {
    expect(step(true)).toEqual([DEFECTOR, DEFECTOR, DEFECTOR]);
    expect(step(false)).toEqual([COOPERATOR, DEFECTOR, DEFECTOR]);
  });
});

describe('a memory-less run is the same with the kernel on or off', () => {
  for (const rule of ['fermi', 'moran'] as const) {
    it(`${rule}: generation by generation`, () => {
      const parameters: ClusterParameters = {
        ...DEFAULT_PARAMETERS,
        width: 12,
        height: 12,
        temptation: 1.3,
        cooperators: 0.6,
        mutation: 0.01,
        update: { ...DEFAULT_PARAMETERS.update, rule, K: 0.4 },
      };
      const run = (kernel: boolean) => {
        const model = new ClusterModel({ parameters, seed: 4, strategies: pool, kernel });
        return { records: Array.from({ length: 15 }, () => model.step()), strategyOf: [...model.strategyOf] };
      };
      const fast = run(true);
      expect(run(false)).toEqual(fast);
      expect(fast.records[14]!.strategies).not.toEqual(fast.records[0]!.strategies);
    });
  }
});

/**
 * Szabó, G. & Tőke, C. (1998) Evolutionary prisoner's dilemma game on a square lattice, Phys.
 * Rev. E 58:69. Von Neumann neighbourhood, no self-interaction, R = 1, T = b, S = P = 0, Fermi
 * rule at K = 0.1: co-operators die out above b ≈ 1.0375. From 50% random co-operators on a
 * 100 × 100 torus over 2000 Monte Carlo steps (one generation = N elementary steps = 1 MCS):
 * at b = 1.02 the co-operators hold about 0.38 of the lattice (seed 1); at b = 1.06 they are
 * gone within a few hundred MCS, so those runs stop at extinction.
 */
describe('Szabó & Tőke (1998): the extinction threshold at K = 0.1', () => {
  const run = (b: number, seed: number) => {
    const parameters: ClusterParameters = {
      ...DEFAULT_PARAMETERS,
      width: 100,
      height: 100,
      neighbourhood: 'von-neumann',
      selfInteraction: false,
      temptation: b,
      cooperators: 0.5,
      update: { rule: 'fermi', K: 0.1, share: 1, every: 1 },
    };
    const model = new ClusterModel({ parameters, seed, strategies: pool, observeFirms: false });
    let generation = 0;
    while (generation < 2000 && cooperators(model) > 0) {
      model.step();
      generation++;
    }
    return { share: cooperators(model) / model.space.size, generation };
  };

  // Two seeds: each survival run plays all 2000 steps on 10,000 firms, the costliest runs of the suite's golden tests.
  for (const seed of [1, 2]) {
    it(`co-operators survive at b = 1.02 (seed ${seed})`, { timeout: 120_000 }, () => {
      const { share, generation } = run(1.02, seed);
      expect(generation).toBe(2000);
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.6);
    });

    it(`co-operators die out at b = 1.06 (seed ${seed})`, { timeout: 120_000 }, () => {
      const { share, generation } = run(1.06, seed);
      expect(share).toBe(0);
      expect(generation).toBeLessThan(2000);
    });
  }
});

/** P(X ≤ x) for X ~ Binomial(n, p), summed in log space (exact enough for n in the thousands). */
function binomialAtMost(x: number, n: number, p: number): number {
  let logTerm = n * Math.log1p(-p); // P(X = 0)
  let total = Math.exp(logTerm);
  for (let k = 1; k <= x; k++) {
    logTerm += Math.log((n - k + 1) / k) + Math.log(p) - Math.log1p(-p);
    total += Math.exp(logTerm);
  }
  return Math.min(1, total);
}

/**
 * Ohtsuki, H., Hauert, C., Lieberman, E. & Nowak, M. A. (2006) A simple rule for the evolution
 * of cooperation on graphs and social networks, Nature 441:502. Death–birth updating under weak
 * selection: natural selection favours co-operators (a single co-operator's fixation probability
 * exceeds 1/N, neutral drift's) when b/c > k, and opposes them when b/c < k.
 *
 * The choice: a 10 × 10 torus with the von Neumann neighbourhood (k = 4, N = 100) and the
 * donation game (R = b − c, S = −c, T = b, P = 0, c = 1), no self-interaction. On a graph this
 * small the weak-selection threshold is (N − 2)/(N/k − 2) = 4.26 rather than k (Taylor, Day & Wild 2007,
 * for homogeneous graphs), so the test stays well away from it on both sides: b/c = 2 and
 * b/c = 8. Selection w = 1/K = 0.01 keeps w·b·k ≤ 0.32. Measured (docs/model.md): the fixation
 * probability is about 0.0034 at b/c = 2, 0.012 at b/c = 4.26 and 0.033 at b/c = 8 against
 * 1/N = 0.01, so 6,000 runs at b/c = 2 and 3,000 at b/c = 8 (two seeds each, a few seconds in
 * all) make each one-sided binomial test against 1/N decisive at p < 1e-4, far beyond what
 * a seed's luck can undo. A run plays generations of N elementary steps until one strategy holds
 * every firm (absorbing: there is no mutation); each run starts a new generation, so its random
 * streams are its own.
 */
describe('Ohtsuki et al. (2006): death–birth favours co-operators when b/c > k', () => {
  const fixations = (bc: number, seed: number, runs: number) => {
    const c = 1;
    const b = bc * c;
    const parameters: ClusterParameters = {
      ...DEFAULT_PARAMETERS,
      width: 10,
      height: 10,
      neighbourhood: 'von-neumann',
      selfInteraction: false,
      temptation: b,
      cooperators: 0,
      activities: [{ name: 'donation', lowRisk: false, R: b - c, S: -c, T: b, P: 0, cost: 0, trustThreshold: 0, enabled: true }],
      update: { rule: 'moran', K: 100, share: 1, every: 1 },
    };
    const model = new ClusterModel({ parameters, seed, strategies: pool, observeFirms: false });
    const size = model.space.size;
    let fixed = 0;
    for (let run = 0; run < runs; run++) {
      model.strategyOf.fill(DEFECTOR);
      model.strategyOf[model.space.centre()] = COOPERATOR;
      let count = 1;
      while (count > 0 && count < size) {
        model.step();
        count = cooperators(model);
      }
      if (count === size) fixed++;
    }
    return fixed;
  };
  const N = 100;

  it('b/c = 2 < k: a single co-operator fixes less often than 1/N', { timeout: 120_000 }, () => {
    const runs = 3000;
    const fixed = fixations(2, 1, runs) + fixations(2, 2, runs);
    expect(fixed / (2 * runs)).toBeLessThan(1 / N);
    expect(binomialAtMost(fixed, 2 * runs, 1 / N)).toBeLessThan(1e-4);
  });

  it('b/c = 8 > k: a single co-operator fixes more often than 1/N', { timeout: 120_000 }, () => {
    const runs = 1500;
    const fixed = fixations(8, 1, runs) + fixations(8, 2, runs);
    expect(fixed / (2 * runs)).toBeGreaterThan(1 / N);
    // P(X ≥ fixed) under neutral drift
    expect(1 - binomialAtMost(fixed - 1, 2 * runs, 1 / N)).toBeLessThan(1e-4);
  });
});

describe('the packed torus loops (packed-steps.ts) against the plain loop', () => {
  // The same revision from one configuration and one stream: on the packed entries (probabilities
  // and weights from tables, strategies copied at the end), and through the plain loop of
  // evolution.ts with the same current payoffs behind a view without `packed`. Strategies and
  // the numbers taken must agree exactly. Ten strategies (five co-operators, five defectors) need
  // 16-bit entries; two fit in a byte.
  const tenPool = Array.from({ length: 10 }, (_, index) => builtin(index % 2 === 0 ? 'cooperator' : 'defector'));
  for (const rule of ['fermi', 'moran'] as const) {
    // The last: entries beyond the core's own caches (270 kB).
    for (const [strategies, neighbourhood, mutation, width, height] of [
      [pool, 'von-neumann', 0, 9, 7],
      [pool, 'moore', 0.05, 9, 7],
      [tenPool, 'von-neumann', 0.02, 9, 7],
      [tenPool, 'moore', 0, 9, 7],
      [pool, 'von-neumann', 0.02, 600, 450],
    ] as const) {
      it(`${rule}: ${strategies.length} strategies, ${neighbourhood}, mutation ${mutation}, ${width} × ${height}`, () => {
        const { parameters, space, strategyOf, buyerTied, table, entries } = sequentialCase(
          strategies,
          neighbourhood,
          width,
          height,
          deriveStream(5, rule, neighbourhood, strategies.length),
        );
        const revise = (packed: boolean) => {
          const target = { space, strategyOf: strategyOf.slice(), buyerTied };
          const current = new CurrentPayoffs().reset(target, parameters, table, entries);
          expect(current.packed?.entry.BYTES_PER_ELEMENT).toBe(strategies.length <= 8 ? 1 : 2);
          const stream = deriveStream(6, rule, neighbourhood);
          let taken = 0;
          const revision: Revision = {
            space,
            strategyOf: target.strategyOf,
            payoff: new Float64Array(space.size),
            poolSize: strategies.length,
            // 2.5 generations' worth of steps on a lattice of 63 firms, half of one on the large lattice
            share: width > 100 ? 0.5 : 2.5,
            mutation,
            random: () => {
              taken++;
              return stream();
            },
            current: packed ? current : { payoffOf: (firm) => current.payoffOf(firm), adopt: (firm, strategy) => current.adopt(firm, strategy) },
          };
          if (rule === 'fermi') fermi(revision, 0.3);
          else moran(revision, 0.3);
          return { strategyOf: [...target.strategyOf], taken };
        };
        const plain = revise(false);
        expect(revise(true)).toEqual(plain);
        expect(plain.strategyOf).not.toEqual([...strategyOf]);
      });
    }
  }
});

describe('fermi on the generation payoffs on a torus (taken in blocks) against the plain loop', () => {
  // The plain loop as it stood before the blocks: every step draws its firm, the mutation coin
  // (and the mutant's strategy), its neighbour and its coin, and copies the neighbour's strategy
  // as it stands at that step.
  const reference = (
    space: Lattice,
    strategyOf: Uint8Array,
    payoff: Float64Array,
    random: () => number,
    steps: number,
    mutation: number,
    poolSize: number,
    K: number,
  ) => {
    for (let step = 0; step < steps; step++) {
      const firm = Math.floor(random() * space.size);
      if (mutation > 0 && random() < mutation) {
        strategyOf[firm] = Math.floor(random() * poolSize);
        continue;
      }
      const from = space.neighbourOffsets[firm]!;
      const neighbour = space.neighbourList[from + Math.floor(random() * (space.neighbourOffsets[firm + 1]! - from))]!;
      const probability = 1 / (1 + Math.exp((payoff[firm]! - payoff[neighbour]!) * (1 / K)));
      if (random() < probability) strategyOf[firm] = strategyOf[neighbour]!;
    }
  };
  // Payoffs take the steps on payoff classes (payoff-classes.ts): with a table of probabilities up
  // to 256 distinct values (a few, ±0 among them, as the full model's), else from the classes' values.
  const fewValues = [0, -0, 0.5, -0.3, 1.3, 2, 0.7];
  for (const [neighbourhood, mutation, share, width, height, values] of [
    ['moore', 0.05, 3.5, 9, 7, 'continuous'],
    ['von-neumann', 0, 40, 9, 7, 'continuous'],
    ['moore', 0.05, 3.5, 20, 15, 'continuous'],
    ['moore', 0.01, 2, 80, 60, 'continuous'],
    ['von-neumann', 0.01, 6, 12, 10, 'few'],
  ] as const) {
    it(`${neighbourhood}, mutation ${mutation}, ${share} generations' steps (blocks of 1024 and a part), ${width} × ${height}, ${values} payoffs`, () => {
      const space = new Lattice(width, height, neighbourhood, 'torus');
      const setup = deriveStream(8, neighbourhood);
      const strategyOf = Uint8Array.from({ length: space.size }, () => Math.floor(setup() * 3));
      const payoff = Float64Array.from({ length: space.size }, () =>
        values === 'few' ? fewValues[Math.floor(setup() * fewValues.length)]! : setup() * 2 - 0.5,
      );
      const steps = Math.round(share * space.size);
      const expected = strategyOf.slice();
      const plainStream = deriveStream(9, neighbourhood);
      let plainTaken = 0;
      reference(space, expected, payoff, () => (plainTaken++, plainStream()), steps, mutation, 3, 0.2);
      const stream = deriveStream(9, neighbourhood);
      let taken = 0;
      const revision: Revision = { space, strategyOf, payoff, poolSize: 3, share, mutation, random: () => (taken++, stream()) };
      fermi(revision, 0.2);
      expect([...strategyOf]).toEqual([...expected]);
      expect(taken).toBe(plainTaken);
    });
  }
});
