import { describe, expect, it } from 'vitest';
import { generatorOf, streamOf, type ClusterState } from '../../src/cluster/state.js';

describe("a generation's streams", () => {
  it('give the same numbers as a generator (generatorOf) as through a closure (streamOf)', () => {
    // streamOf and generatorOf read only the run's seed and the current generation.
    const state = { seed: 'sweep-7', generation: 12 } as unknown as ClusterState;
    for (const [purpose, generation] of [
      ['strategies', undefined],
      ['noise', 3],
      ['init', 0],
    ] as const) {
      const stream = streamOf(state, purpose, generation);
      const generator = generatorOf(state, purpose, generation);
      for (let i = 0; i < 50; i++) expect(generator.uniform()).toBe(stream());
    }
    expect(generatorOf(state, 'noise').uniform()).not.toBe(generatorOf(state, 'noise', 11).uniform());
  });
});
