import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

// A --headless run ends as the live view does: the run in one paragraph, on stderr, the output left as data.
describe('cooplab cluster --headless', () => {
  it('writes the series on stdout and the run in one paragraph on stderr', () => {
    const run = cooplab(['cluster', '--scenario', 'training-first', '--size', '10x10', '-g', '12', '--headless']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^generation,cooperation,/);
    expect(run.stderr).toMatch(/^training-first, seed 1: co-operation went from \d+% to \d+% in 12 generations \(.*\)\. .*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('without --headless (a pipe, -f json) leaves stderr empty', () => {
    const run = cooplab(['cluster', '--scenario', 'training-first', '--size', '10x10', '-g', '3', '-f', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
