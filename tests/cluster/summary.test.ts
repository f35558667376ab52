import { describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../src/cluster/metrics.js';
import { runSummary } from '../../src/cluster/summary.js';

/** A record with the figures the summary reads; the rest does not matter to it. */
const record = (generation: number, cooperation: number): GenerationRecord =>
  ({ generation, cooperation, mutualCooperation: cooperation * 0.9, meanTrust: cooperation / 2 }) as unknown as GenerationRecord;

describe('the summary of a run', () => {
  const climbing = [0.04, 0.04, 0.05, 0.1, 0.3, 0.6, 0.8, 0.85, 0.89, 0.89, 0.89, 0.89].map((share, generation) => record(generation, share));

  it('says where co-operation started and ended, and the steepest climb with the event before it', () => {
    const text = runSummary({
      scenario: { name: 'training-first' },
      seed: 1,
      records: climbing,
      log: [{ generation: 2, label: 'The business association starts a joint training programme' }],
    });
    expect(text).toBe(
      'training-first, seed 1: co-operation went from 4% to 89% in 11 generations (mutual co-operation 80%, mean trust 0.45 at generation 11). ' +
        'The steepest climb, from 4% to 89%, came between generation 0 and generation 10, following "The business association starts a joint training programme" (generation 2). 1 event in the log.',
    );
  });

  it('names a peak well above the end, years where the scenario has them, and a run with no climb', () => {
    const falling = [0.1, 0.5, 0.9, 0.5, 0.2].map((share, generation) => record(generation, share));
    const text = runSummary({ scenario: { name: 'crisis', years: { startYear: 1991, generationsPerYear: 2 } }, seed: 3, records: falling, log: [] });
    expect(text).toContain('co-operation went from 10% to 20% in 4 generations');
    expect(text).toContain('It peaked at 90% at generation 2 (1992).');
    const flat = runSummary({ scenario: { name: 'rivalry' }, seed: 1, records: [record(0, 0.01), record(1, 0.02)], log: [] });
    expect(flat).toBe('rivalry, seed 1: co-operation went from 1% to 2% in 1 generation (mutual co-operation 2%, mean trust 0.01 at generation 1).');
    expect(runSummary({ scenario: { name: 'rivalry' }, seed: 1, records: [], log: [] })).toBe('rivalry, seed 1: no generation was played.');
  });
});
