import { describe, expect, it } from 'vitest';
import { CurrentPayoffs } from '../../src/cluster/kernel.js';
import { ClusterModel } from '../../src/cluster/model.js';
import { DEFAULT_PARAMETERS, type ClusterParameters } from '../../src/cluster/parameters.js';
import { fermiOnPackedTorus, moranOnPackedTorus } from '../../src/cluster/packed-steps.js';
import { hasPairTable } from '../../src/cluster/step-tables.js';
import { sequentialKernelRuns, withoutSequentialKernel } from '../../src/cluster/sequential-wasm.js';
import { deriveStream, StreamState } from '../../src/core/random.js';
import { sequentialCase } from '../support/cluster.js';
import { builtin } from '../support/play.js';

// The sequential steps in WebAssembly (src/wasm/sequential-kernel.ts) against the JavaScript loops
// of packed-steps.ts, which are the reference: from one configuration and one stream, the same
// strategies, the same entries and the same numbers drawn afterwards.

const twoPool = [builtin('cooperator'), builtin('defector')];
// Ten strategies need 16-bit entries, and their pairs of entries are too many for a table.
const tenPool = Array.from({ length: 10 }, (_, index) => builtin(index % 2 === 0 ? 'cooperator' : 'defector'));

describe('the WebAssembly steps (sequential-wasm.ts) against the JavaScript loops', () => {
  for (const rule of ['fermi', 'moran'] as const) {
    for (const [strategies, neighbourhood, mutation, width, height] of [
      [twoPool, 'von-neumann', 0, 9, 7],
      [twoPool, 'moore', 0.05, 9, 7],
      [twoPool, 'moore', 0, 3, 3],
      [twoPool, 'von-neumann', 0.3, 3, 5],
      [tenPool, 'von-neumann', 0.02, 11, 5],
      [tenPool, 'moore', 0, 9, 7],
      [twoPool, 'von-neumann', 0.01, 301, 199],
    ] as const) {
      it(`${rule}: ${strategies.length} strategies, ${neighbourhood}, mutation ${mutation}, ${width} × ${height}`, () => {
        const { parameters, space, strategyOf, buyerTied, table, entries } = sequentialCase(
          strategies,
          neighbourhood,
          width,
          height,
          deriveStream(7, rule, neighbourhood, width),
        );
        const revise = (kernel: boolean) => {
          const target = { space, strategyOf: strategyOf.slice(), buyerTied };
          const packed = new CurrentPayoffs().reset(target, parameters, table, entries).packed!;
          expect(hasPairTable(packed.value.length)).toBe(strategies.length <= 8);
          const stream = new StreamState().absorb(`8 ${rule} ${neighbourhood} ${width}`).seal();
          let taken = 0;
          const steps = {
            packed,
            // Several generations' worth on the small lattices, one on the large one.
            steps: Math.round((space.size > 1000 ? 1 : 3.5) * space.size),
            random: () => {
              taken++;
              return stream.uniform();
            },
            mutation,
            poolSize: strategies.length,
            K: 0.3,
            stream,
          };
          const take = () => (rule === 'fermi' ? fermiOnPackedTorus(steps) : moranOnPackedTorus(steps));
          if (kernel) take();
          else withoutSequentialKernel(take);
          const next = Array.from({ length: 5 }, () => stream.next());
          return { strategyOf: [...target.strategyOf], entry: [...packed.entry], next, taken };
        };
        const inJavaScript = revise(false);
        const inKernel = revise(true);
        // The kernel drew every number itself, from the stream's state.
        expect(inJavaScript.taken).toBeGreaterThan(0);
        expect(inKernel.taken).toBe(0);
        expect({ ...inKernel, taken: 0 }).toEqual({ ...inJavaScript, taken: 0 });
        expect(inKernel.strategyOf).not.toEqual([...strategyOf]);
      });
    }
  }
});

describe('a run on current payoffs is the same with the WebAssembly steps on or off', () => {
  for (const rule of ['fermi', 'moran'] as const) {
    it(`${rule}: generation by generation`, () => {
      const parameters: ClusterParameters = {
        ...DEFAULT_PARAMETERS,
        width: 14,
        height: 11,
        temptation: 1.3,
        cooperators: 0.6,
        mutation: 0.01,
        update: { ...DEFAULT_PARAMETERS.update, rule, K: 0.4 },
      };
      const run = () => {
        const model = new ClusterModel({ parameters, seed: 9, strategies: twoPool });
        return { records: Array.from({ length: 12 }, () => model.step()), strategyOf: [...model.strategyOf] };
      };
      const before = sequentialKernelRuns();
      const inKernel = run();
      // The revision handed its stream to the kernel every generation.
      expect(sequentialKernelRuns() - before).toBe(12);
      expect(withoutSequentialKernel(run)).toEqual(inKernel);
      expect(sequentialKernelRuns() - before).toBe(12);
      expect(inKernel.records[11]!.strategies).not.toEqual(inKernel.records[0]!.strategies);
    });
  }
});
