import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

describe('cooplab evolve', () => {
  it('runs the generational dynamics of "The Evolution of Trust" as a table', () => {
    const run = cooplab([
      'evolve',
      '--dynamics',
      'generational',
      '--population',
      'cooperator=23,defector=1,tit-for-tat=1',
      '--payoffs',
      '2,-1,3,0',
      '--turns',
      '10',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('tit-for-tat took over the population');
  });

  it('writes one CSV row per generation with a share column per strategy', () => {
    const run = cooplab(['evolve', '--population', 'tit-for-tat=2,defector=1', '-g', '4', '-f', 'csv']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('generation,share:tit-for-tat,share:defector');
    expect(lines).toHaveLength(1 + 5);
    expect(lines[1]).toMatch(/^0,0\.666666666666666\d*,0\.333333333333333\d*$/);
  });

  it('reports the winner and the settings in JSON, byte-identical for the same seed', () => {
    const args = ['evolve', '--dynamics', 'moran', '--population', 'cooperator=8,defector=4', '--turns', '20', '-g', '500', '--seed', '3', '-f', 'json'];
    const first = cooplab(args);
    expect(first.status).toBe(0);
    expect(cooplab(args).stdout).toBe(first.stdout);
    const document = JSON.parse(first.stdout);
    expect(document.winner).toBe('defector');
    expect(document.settings).toMatchObject({ dynamics: 'moran', order: 'birth-death', graph: 'complete' });
  });

  it('estimates Moran fixation over many runs with a 95% interval', () => {
    const run = cooplab([
      'evolve',
      '--dynamics',
      'moran',
      '--population',
      'tit-for-tat=5,defector=5',
      '--turns',
      '10',
      '--runs',
      '40',
      '-g',
      '2000',
      '-f',
      'json',
    ]);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout).fixation as { strategy: string; fixations: number; runs: number; ci95: [number, number] }[];
    expect(rows.reduce((sum, row) => sum + row.fixations, 0)).toBe(40);
    for (const row of rows) {
      expect(row.ci95[0]).toBeLessThanOrEqual(row.fixations / 40);
      expect(row.ci95[1]).toBeGreaterThanOrEqual(row.fixations / 40);
    }
  });

  it('rejects a bad population with one line and exit 2', () => {
    for (const [population, message] of [
      ['tit-for-tatt=1', /unknown strategy 'tit-for-tatt' in --population.*did you mean 'tit-for-tat'/],
      ['tit-for-tat', /expected id=count pairs/],
    ] as const) {
      const run = cooplab(['evolve', '--population', population]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
