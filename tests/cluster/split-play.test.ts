import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../src/cluster/events.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { partsInThisThread, type PlayThreads } from '../../src/cluster/split-play.js';
import { chunksFor, runSplitPart } from '../../src/cluster/split-play-kernel.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// A generation's play split in parts (split-play.ts) must give play.ts's results to the bit, for
// any number of parts. The parts run one after another here (partsInThisThread), which is the
// same work on the same shared arrays as worker threads (tests/cli/cluster.e2e.test.ts runs those).

/** Counts the generations whose play was split and the revisions whose restarts were, so that a test cannot pass by never splitting. */
function counted(parts: number): PlayThreads & { splits: number; restarts: number } {
  const inner = partsInThisThread(parts);
  const threads = {
    count: parts,
    splits: 0,
    restarts: 0,
    run: (...args: Parameters<PlayThreads['run']>) => {
      if (args[1].phase === 'relationships') threads.splits++;
      if (args[1].phase === 'restart') threads.restarts++;
      inner.run(...args);
    },
  };
  return threads;
}

/** A run's records and final arrays, hashed; without `threads`, play.ts's general loop plays every generation unless `splitPlay`. */
function digest(preset: string, overrides: readonly string[], generations: number, observeFirms: boolean, threads?: PlayThreads, splitPlay = false): string {
  return digestSized(preset, ['width=14', 'height=11', ...overrides], generations, observeFirms, threads, splitPlay);
}

/** digest with the lattice's size among the overrides. */
function digestSized(
  preset: string,
  overrides: readonly string[],
  generations: number,
  observeFirms: boolean,
  threads?: PlayThreads,
  splitPlay = false,
  events: readonly ClusterEvent[] = [],
): string {
  const scenario = withOverrides(loadScenario(preset), overrides);
  const model = new ClusterModel({
    parameters: scenario.parameters,
    seed: scenario.seed,
    strategies: requireStrategies(Object.keys(scenario.parameters.strategies)),
    events: [...scenario.events, ...events],
    observeFirms,
    threads,
    splitPlay: threads !== undefined || splitPlay,
  });
  const hash = createHash('sha256');
  for (let generation = 0; generation < generations; generation++) hash.update(JSON.stringify(model.step()));
  for (const values of [model.strategyOf, model.payoff, model.wealth, model.cooperationShare, model.activityOf])
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  const { window, trust, machineState, defections } = model.relationships;
  for (const values of [window, trust, machineState, defections]) hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return hash.digest('hex');
}

const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['training-first', []],
  ['training-first', ['roundsPerGeneration=3', 'noise=0.2']],
  ['training-first', ['selfInteraction=true', 'externalBuyers.share=0.3', 'externalBuyers.bonus=0.4', 'boundary=fixed']],
  ['rivalry', ['noise=0']],
  ['criciuma-crisis', []],
  ['external-buyers', ['noise=0.05']],
  ['lock-in', ['neighbourhood=von-neumann']],
];

describe('a generation split in parts', () => {
  for (const [preset, overrides] of CASES) {
    it(`gives ${preset} ${overrides.join(' ')} the same run as one thread, in 1, 2 and 3 parts`, () => {
      for (const observe of [true, false]) {
        const alone = digest(preset, overrides, 14, observe);
        // The one-thread default: the split kernel without threads.
        expect(digest(preset, overrides, 14, observe, undefined, true), `no threads, observe ${observe}`).toBe(alone);
        for (const parts of [1, 2, 3]) {
          const threads = counted(parts);
          expect(digest(preset, overrides, 14, observe, threads), `${parts} parts, observe ${observe}`).toBe(alone);
          expect(threads.splits).toBe(14);
          // Each revision's, and the start's (populate.ts).
          expect(threads.restarts).toBe(14 + 1);
        }
      }
    });
  }

  it("draws the full model's revision steps beside the steps (split-revision.ts): the same run as one thread, in 1, 2 and 3 parts", () => {
    // Mutation 0.05 so that mutants come up in every chunk of steps; 120 × 100 firms take 12 chunks a revision, round the ring of 8.
    const overrides = ['width=120', 'height=100', 'mutation=0.05'];
    const alone = digest('training-first', overrides, 3, false);
    for (const parts of [1, 2, 3]) {
      const inner = partsInThisThread(parts);
      let drawn = 0;
      let summed = 0;
      let laid = 0;
      const threads: PlayThreads = {
        ...inner,
        drawSteps: (job) => {
          drawn++;
          inner.drawSteps!(job);
        },
        sumTrust: (job) => {
          summed++;
          inner.sumTrust!(job);
        },
        layFlips: (job) => {
          laid++;
          inner.layFlips!(job);
        },
      };
      expect(digestSized('training-first', overrides, 3, false, threads), `${parts} parts`).toBe(alone);
      expect(drawn).toBe(3);
      // The mean trust's sum beside the command's thread (trust-beside.ts), every generation once trust has moved.
      expect(summed).toBe(3);
      // The next generation's noise flips, laid beside the steps (split-play.ts, startNextFlipsBeside).
      expect(laid).toBe(3);
    }
    // And they are the flips played: one more flip laid beside changes the run.
    const inner = partsInThisThread(2);
    const flipping: PlayThreads = {
      ...inner,
      layFlips: (job) => {
        inner.layFlips!(job);
        job.outcome[0] = job.outcome[0]! ^ 1;
      },
    };
    expect(digestSized('training-first', overrides, 3, false, flipping)).not.toBe(alone);
  });

  it('lays the flips again where an event changes the noise after they were laid beside', () => {
    const overrides = ['width=40', 'height=30'];
    const events: ClusterEvent[] = [
      { generation: 2, set: { noise: 0.2 } },
      { generation: 4, set: { noise: 0 } },
    ];
    const alone = digestSized('training-first', overrides, 6, false, undefined, true, events);
    const inner = partsInThisThread(2);
    let laid = 0;
    const threads: PlayThreads = {
      ...inner,
      layFlips: (job) => {
        laid++;
        inner.layFlips!(job);
      },
    };
    expect(digestSized('training-first', overrides, 6, false, threads, true, events)).toBe(alone);
    expect(laid).toBe(6);
    // Without the events the run differs: they take effect.
    expect(digestSized('training-first', overrides, 6, false, undefined, true)).not.toBe(alone);
  });

  it("adds up the trust on the command's thread where trust moves between the play and the record (decay, exits)", () => {
    for (const override of ['trust.decay=0.1', 'exit.threshold=-2']) {
      const overrides = ['width=40', 'height=30', override];
      const alone = digestSized('training-first', overrides, 4, false, undefined, true);
      const inner = partsInThisThread(2);
      let summed = 0;
      const threads: PlayThreads = {
        ...inner,
        sumTrust: (job) => {
          summed++;
          inner.sumTrust!(job);
        },
      };
      expect(digestSized('training-first', overrides, 4, false, threads, true), override).toBe(alone);
      expect(summed, override).toBe(0);
    }
  });

  it('gives the same run whichever part claims the chunks: parts run last to first', () => {
    const alone = digest('training-first', ['roundsPerGeneration=3'], 6, false);
    for (const parts of [2, 3]) {
      const claims: { claimed: number; chunks: number }[] = [];
      const reversed: PlayThreads = {
        ...partsInThisThread(parts),
        run(arrays, task) {
          // The last part runs first and claims every chunk; the others find none left.
          for (let part = parts - 1; part >= 0; part--) runSplitPart(arrays, task, part, parts);
          // Each part's last claim finds none.
          if (task.phase === 'relationships') claims.push({ claimed: Atomics.load(arrays.claims, 0) - parts, chunks: arrays.edgeChunks.length - 1 });
          // Threads that play chunks at once add a firm's payoff in edge order only if every firm with relationships in two chunks is a straddler.
          const { edgeOffsets, edgeList, edgeChunks, straddling } = arrays;
          const chunkOf = (edge: number): number => edgeChunks.findLastIndex((start) => start <= edge);
          for (let firm = 0; firm < straddling.length; firm++) {
            const chunks = new Set(Array.from(edgeList.subarray(edgeOffsets[firm]!, edgeOffsets[firm + 1]!), (slot) => chunkOf(slot >> 1)));
            expect(straddling[firm], `firm ${firm}`).toBe(chunks.size > 1 ? 1 : 0);
          }
        },
      };
      expect(digest('training-first', ['roundsPerGeneration=3'], 6, false, reversed), `${parts} parts`).toBe(alone);
      expect(claims).toHaveLength(6);
      for (const { claimed, chunks } of claims) {
        expect(claimed).toBe(chunks);
        expect(chunks).toBeGreaterThan(parts);
      }
    }
  });

  it('lays out chunks that cover the items once, largest first, one for one thread', () => {
    expect(Array.from(chunksFor(1000, 1))).toEqual([0, 1000]);
    for (const [total, threads] of [
      [4_000_000, 2],
      [16_000_000, 3],
      [308, 2],
      [5, 4],
    ] as const) {
      const starts = Array.from(chunksFor(total, threads));
      expect(starts[0]).toBe(0);
      expect(starts.at(-1)).toBe(total);
      const sizes = starts.slice(1).map((start, k) => start - starts[k]!);
      expect(sizes.every((size) => size > 0)).toBe(true);
      // Non-increasing but for the last, which takes what is left.
      expect(sizes.slice(0, -1).every((size, k) => k === 0 || size <= sizes[k - 1]!)).toBe(true);
      if (total >= 1000) expect(sizes.at(-2)).toBeLessThanOrEqual(Math.ceil(total / (64 * threads)));
    }
  });

  it('leaves a generation with draws during play to one thread: sanctions draw per lone defection from generation 5 on', () => {
    const threads = counted(2);
    const alone = digest('sanctions', [], 8, false);
    expect(digest('sanctions', [], 8, false, threads)).toBe(alone);
    expect(threads.splits).toBe(5);
    // The restarts after a revision draw nothing: they are split throughout.
    expect(threads.restarts).toBe(8 + 1);
  });
});
