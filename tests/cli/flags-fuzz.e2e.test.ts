import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

/**
 * A property-based fuzz of CLI flags (issue 12): whatever the flags, the CLI either succeeds with
 * finite numbers in its output, or refuses with exit 2 and one printable line — never a stack
 * trace, an internal error or a hang. Values are hostile forms or small valid ones (a valid but
 * enormous job is a long run, not a bug).
 */

const hostile = fc.constantFrom(
  '',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '1e400',
  '-0',
  'abc',
  '\u001b[2J',
  '\u202eevil',
  '2x2',
  '0x0',
  '3,0,5,1',
  '1e308,-1e308,1.7e308,0',
  '{}',
);
const small = fc.constantFrom('1', '2', '3', '0.05', '0.5', '8x8', 'tit-for-tat,defector', 'rivalry', 'json', 'csv');
const value = fc.oneof(hostile, small);

const tournamentFlags = ['--turns', '--repetitions', '--noise', '--payoffs', '--seed', '--prob-end', '--strategies', '--format', '--workers'];
const clusterFlags = ['--generations', '--size', '--seed', '--scenario', '--format', '--set', '--seeds'];

function flags(names: readonly string[]) {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...names), value), { maxLength: 4, selector: ([name]) => name });
}

describe('fuzzing CLI flags', () => {
  it('tournament and cluster: exit 0 with finite output, or exit 2 with one escaped line', () => {
    const command = fc.oneof(
      flags(tournamentFlags).map((pairs) => ['tournament', '-s', 'tit-for-tat,defector,grudger', '-t', '20', '-r', '2', ...pairs.flat()]),
      flags(clusterFlags).map((pairs) => ['cluster', '--headless', '--size', '8x8', '--generations', '3', ...pairs.flat()]),
    );
    fc.assert(
      fc.property(command, (args) => {
        const run = cooplab(args);
        if (run.status === 0) {
          expect(run.stdout).not.toMatch(/\b(Infinity|NaN)\b/);
          expect(run.stderr).not.toMatch(/internal error| {4}at /);
        } else {
          expect(run.status).toBe(2);
          const lines = run.stderr.trimEnd().split('\n');
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(/^cooplab: /);
          expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
          expect(lines[0]).not.toMatch(/internal error/);
        }
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
