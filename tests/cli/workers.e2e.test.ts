import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

// --workers far beyond the tasks and the cores: no more threads than tasks, one line of warning, the same results.

const MANY = 64;
const tooMany = MANY > 4 * availableParallelism();
const warning = (used: number) =>
  new RegExp(`^cooplab: warning: --workers ${MANY} is more than 4 threads per core .*; using ${used} \\(no more than the tasks\\)$`);

function expectWarning(stderr: string, used: number): void {
  const lines = stderr.trim() === '' ? [] : stderr.trim().split('\n');
  if (!tooMany) {
    expect(lines).toEqual([]);
    return;
  }
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(warning(used));
}

describe('--workers beyond the tasks', () => {
  it('plays a tiny tournament in one thread, with the same ranking as --workers 1', () => {
    const args = ['tournament', '-s', 'tit-for-tat,defector,grudger', '-t', '20', '-r', '2'];
    const many = cooplab([...args, '--workers', String(MANY)]);
    expect(many.status, many.stderr).toBe(0);
    expect(many.stdout).toBe(cooplab([...args, '--workers', '1']).stdout);
    expectWarning(many.stderr, 1);
  });

  it('ends the threads it started early for a big tournament that then fails on its input: one line, exit 2, no hang', () => {
    // 60 M turns on --workers 2: bin/cooplab.js starts a worker before the CLI finds the unknown id.
    const run = cooplab(['tournament', '-s', 'tit-for-tat,no-such-strategy', '-r', '100000', '--workers', '2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cooplab: unknown strategy 'no-such-strategy': [^\n]*\n$/);
  });

  it('runs two cluster seeds on two threads', () => {
    const args = ['cluster', '--scenario', 'rivalry', '--size', '10x10', '-g', '3', '--seed', '4', '--seeds', '2'];
    const many = cooplab([...args, '--workers', String(MANY)]);
    expect(many.status, many.stderr).toBe(0);
    expect(many.stdout).toBe(cooplab([...args, '--workers', '1']).stdout);
    expectWarning(many.stderr, 2);
  });

  it('runs a sweep of four tasks on four threads', () => {
    const sweep = ['sweep', '--scenario', 'rivalry', '--size', '8x8', '-g', '3', '--grid', 'sanctions.fine=0,3', '--seeds', '2'];
    const many = mkdtempSync(join(tmpdir(), 'cooplab-workers-'));
    const one = mkdtempSync(join(tmpdir(), 'cooplab-workers-'));
    const run = cooplab([...sweep, '--out', many, '--workers', String(MANY)]);
    expect(run.status, run.stderr).toBe(0);
    expect(cooplab([...sweep, '--out', one, '--workers', '1']).status).toBe(0);
    expect(readFileSync(join(many, 'results.csv'), 'utf8')).toBe(readFileSync(join(one, 'results.csv'), 'utf8'));
    // The sweep's progress lines are on stderr too: the warning is the one line that names --workers.
    const named = run.stderr.split('\n').filter((line) => line.includes('--workers'));
    if (tooMany) expect(named).toHaveLength(1);
    if (tooMany) expect(named[0]).toMatch(warning(4));
  });
});
