import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { shellQuote } from '../../src/classroom/shell-quote.js';
import { readSweep } from '../../src/formats/sweep-files.js';
import { phaseGrid, resolveAxis, resolveMetric } from '../../src/report/sweep-data.js';

/** A hand-made sweep folder: 2 fines × 2 gains × a boolean axis × 1 seed, with one combination missing. */
function fixture(): string {
  const folder = mkdtempSync(join(tmpdir(), 'cooplab-sweep-data-'));
  writeFileSync(
    join(folder, 'manifest.json'),
    JSON.stringify({
      cooplab: '0.1.0',
      scenario: { name: 'training-first', title: 'Training first', description: 'A hand-made manifest.', seed: 1, generations: 10, parameters: {}, events: [] },
      grid: [
        { path: 'sanctions.fine', values: [0, 2] },
        { path: 'trust.gain', values: [0.05, 0.1] },
        { path: 'sanctions.compensate', values: [false, true] },
      ],
      seeds: 1,
      rootSeed: 1,
      generations: 10,
      tasks: 8,
      strategyModules: [],
    }),
  );
  const rows = [
    'task,sanctions.fine,trust.gain,sanctions.compensate,seed_index,seed,final_cooperation,avg_mean_trust',
    '0,0,0.05,,1,11,0.1,0.5',
    '1,0,0.05,1,1,12,0.3,0.5',
    '2,0,0.1,,1,13,0.5,0.5',
    '3,0,0.1,1,1,14,0.7,0.5',
    '4,2,0.05,,1,15,0.2,0.5',
    '5,2,0.05,1,1,16,0.4,0.5',
    '6,2,0.1,,1,17,0.9,0.5',
  ];
  writeFileSync(join(folder, 'results.csv'), `${rows.join('\n')}\n`);
  return folder;
}

describe('sweep data', () => {
  const sweep = readSweep(fixture());

  it('averages a metric over the other axes for each (x, y), with null where nothing ran', () => {
    const grid = phaseGrid(sweep, 'final_cooperation', resolveAxis(sweep, 'sanctions.fine', '--x'), resolveAxis(sweep, 'trust.gain', '--y'));
    expect(grid.cells).toEqual([
      [0.2, 0.30000000000000004],
      [0.6, 0.9],
    ]);
    expect(grid.counts).toEqual([
      [2, 2],
      [2, 1],
    ]);
    // Booleans are read back as csv-stringify writes them ('1' and '').
    const byFlag = phaseGrid(sweep, 'final_cooperation', resolveAxis(sweep, 'sanctions.compensate', '--x'), resolveAxis(sweep, 'trust.gain', '--y'));
    expect(byFlag.counts).toEqual([
      [2, 2],
      [2, 1],
    ]);
  });

  it('accepts short metric names for the final value and lists the columns otherwise', () => {
    expect(resolveMetric(sweep, 'cooperation')).toBe('final_cooperation');
    expect(resolveMetric(sweep, 'avg_mean_trust')).toBe('avg_mean_trust');
    expect(resolveMetric(sweep, 'avgMeanTrust')).toBe('avg_mean_trust');
    expect(() => resolveMetric(sweep, 'trust')).toThrow(InputError);
    expect(() => resolveMetric(sweep, 'trust')).toThrow('expected a column of results.csv: final_cooperation, avg_mean_trust');
    expect(() => resolveAxis(sweep, 'fine', '--y')).toThrow(
      "unknown --y 'fine': expected a path of the sweep's grid: sanctions.fine, trust.gain, sanctions.compensate",
    );
  });

  it('quotes shell arguments only when needed', () => {
    expect(shellQuote('trust.gain=0.3')).toBe('trust.gain=0.3');
    expect(shellQuote('crisis.windows=[{"from":1,"to":2}]')).toBe(`'crisis.windows=[{"from":1,"to":2}]'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
