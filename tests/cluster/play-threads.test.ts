import { describe, expect, it } from 'vitest';
import { startClusterPlayThreads } from '../../src/cli/cluster-play-threads.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { partsInThisThread, sharedArray, type PlayThreads, type SplitPlayArrays, type SplitPlayTask } from '../../src/cluster/split-play.js';
import { RING_DRAWN, type StepRing } from '../../src/cluster/stale-draws.js';
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
    const ring: StepRing = {
      steps: 2048,
      chunk: 1024,
      slots: 2,
      firms: sharedArray(Int32Array, 4, 2048),
      others: sharedArray(Int32Array, 4, 2048),
      coins: sharedArray(Float64Array, 8, 2048),
      control: sharedArray(Int32Array, 4, 2),
    };
    try {
      threads.drawSteps!({ key: 'k', width: 4, height: 4, size: 16, dxs: Int32Array.of(1), dys: Int32Array.of(0), mutation: 0, poolSize: 2, ring });
      expect(() => threads.waitUntil!(ring.control, RING_DRAWN, 1)).toThrow(
        /^cluster play thread 1 of 1 stopped during a generation \(.+\): try fewer --workers or a smaller lattice$/,
      );
    } finally {
      await threads.close();
    }
  });

  it('refuse to start with no thread, which would leave every relationship unplayed', async () => {
    await expect(startClusterPlayThreads(0)).rejects.toThrow(/expected a whole number of threads from 1, got 0/);
    await expect(startClusterPlayThreads(1.5)).rejects.toThrow(/got 1.5/);
  });
});
