import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { startClusterPlayThreads } from '../../src/cli/cluster-play-threads.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { partsInThisThread, sharedArray, type PlayThreads, type SplitPlayArrays, type SplitPlayTask } from '../../src/cluster/split-play.js';
import { RING_DRAWN, RING_TAKEN, type StepRing } from '../../src/cluster/stale-draws.js';
import { sumOfAll } from '../../src/cluster/trust-sum.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

/** A real task of a small run and its shared arrays: the first the model hands its threads. */
function firstTask(): { arrays: SplitPlayArrays; task: SplitPlayTask } {
  let first: { arrays: SplitPlayArrays; task: SplitPlayTask } | undefined;
  const parts = partsInThisThread(2);
  const recorder: PlayThreads = {
    count: 2,
    run(arrays, task) {
      first ??= { arrays, task };
      parts.run(arrays, task);
    },
  };
  const scenario = withOverrides(loadScenario('training-first'), ['width=6', 'height=5']);
  new ClusterModel({
    parameters: scenario.parameters,
    seed: scenario.seed,
    strategies: requireStrategies(Object.keys(scenario.parameters.strategies)),
    threads: recorder,
  }).step();
  if (first === undefined) throw new Error('the model handed its threads no task');
  return first;
}

/** The real play thread (src/cli/cluster-play-thread.ts) bundled into one script a worker can start without the build. */
async function bundledPlayThread(folder: string): Promise<URL> {
  const outfile = join(folder, 'cluster-play-thread.mjs');
  await build({
    entryPoints: [new URL('../../src/cli/cluster-play-thread.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  return pathToFileURL(outfile);
}

/** A ring of two 1,024-step slots for `steps` steps of the revision's draws. */
function twoSlotRing(steps: number): StepRing {
  return {
    steps,
    chunk: 1024,
    slots: 2,
    firms: sharedArray(Int32Array, 4, 2048),
    others: sharedArray(Int32Array, 4, 2048),
    coins: sharedArray(Float64Array, 8, 2048),
    control: sharedArray(Int32Array, 4, 2),
  };
}

describe('cluster play threads', () => {
  it('fail with one line when a worker dies outright (out of memory), instead of waiting on its count for ever', async () => {
    const { arrays, task } = firstTask();
    const threads = await startClusterPlayThreads(2, {
      script: new URL('./fixtures/dying-play-thread.mjs', import.meta.url),
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    try {
      expect(() => threads.run(arrays, task)).toThrow(
        /^cluster play thread 1 of 1 stopped during a generation \(.+\): try fewer --workers or a smaller lattice$/,
      );
    } finally {
      await threads.close();
    }
  });

  it("fail with one line when the thread drawing the revision's steps dies, instead of waiting for its chunks for ever", async () => {
    const threads = await startClusterPlayThreads(2, {
      script: new URL('./fixtures/dying-play-thread.mjs', import.meta.url),
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    const ring = twoSlotRing(2048);
    try {
      threads.drawSteps!({ key: 'k', width: 4, height: 4, size: 16, dxs: Int32Array.of(1), dys: Int32Array.of(0), mutation: 0, poolSize: 2, ring });
      expect(() => threads.waitUntil!(ring.control, RING_DRAWN, 1)).toThrow(
        /^cluster play thread 1 of 1 stopped during a generation \(.+\): try fewer --workers or a smaller lattice$/,
      );
    } finally {
      await threads.close();
    }
  });

  it("add up the trust and draw steps beside the command's thread, and leave the thread to the next part when neither is taken", async () => {
    const { arrays, task } = firstTask();
    const folder = mkdtempSync(join(tmpdir(), 'cooplab-play-thread-'));
    const threads = await startClusterPlayThreads(2, { script: await bundledPlayThread(folder) });
    const trust = sharedArray(Float64Array, 8, 2000);
    for (let side = 0; side < trust.length; side++) trust[side] = ((side * 0.37) % 1) / 3;
    const job = { trust, count: 1000, sum: sharedArray(Float64Array, 8, 1), ready: sharedArray(Int32Array, 4, 1) };
    // Two slots for four chunks: the thread waits for steps to be taken, which nobody takes but the drop.
    const ring = twoSlotRing(4096);
    try {
      threads.sumTrust!(job);
      threads.waitUntil!(job.ready, 0, 1);
      expect(job.sum[0]).toBe(sumOfAll(trust, 1000));
      threads.drawSteps!({ key: 'k', width: 4, height: 4, size: 16, dxs: Int32Array.of(1), dys: Int32Array.of(0), mutation: 0, poolSize: 2, ring });
      threads.waitUntil!(ring.control, RING_DRAWN, 2);
      // What split-revision.ts's dropStepDrawsEarly does with draws no revision took.
      Atomics.store(ring.control, RING_TAKEN, 2 ** 30);
      Atomics.notify(ring.control, RING_TAKEN);
      threads.waitUntil!(ring.control, RING_DRAWN, 4);
      threads.finish!();
      // A sum posted and never waited for: the worker takes its part after it, and the part is played whole.
      Atomics.store(job.ready, 0, 0);
      threads.sumTrust!(job);
      Atomics.store(arrays.claims, 0, 0);
      threads.run(arrays, task);
      expect(Atomics.load(job.ready, 0)).toBe(1);
      const chunks = task.phase === 'relationships' ? arrays.edgeChunks : arrays.firmChunks;
      expect(Atomics.load(arrays.claims, 0)).toBe(chunks.length - 1 + 2);
    } finally {
      await threads.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuse to start with no thread, which would leave every relationship unplayed', async () => {
    await expect(startClusterPlayThreads(0)).rejects.toThrow(/expected a whole number of threads from 1, got 0/);
    await expect(startClusterPlayThreads(1.5)).rejects.toThrow(/got 1.5/);
  });
});
