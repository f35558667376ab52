import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

// `npm start` runs `node bin/cooplab.js`: the live demo, which needs a terminal. In a pipe it
// says so at once and exits 2; an explicit `cooplab cluster` keeps printing its CSV.
describe('npm start in a pipe', () => {
  it('is what npm start runs', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(manifest.scripts.start).toBe('node bin/cooplab.js');
  });

  for (const args of [[], ['--projector']]) {
    it(`explains on stderr how to run the demo and what to run for data, computes nothing and exits 2${args.length > 0 ? ' (with --projector too)' : ''}`, () => {
      const run = cooplab(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain("the live demo needs a terminal: run 'npm start'");
      expect(run.stderr).toContain('cooplab cluster --scenario training-first --format csv');
    });
  }

  it('leaves an explicit cooplab cluster alone: CSV in a pipe, --projector or not', () => {
    for (const extra of [[], ['--projector']]) {
      const run = cooplab(['cluster', '--scenario', 'training-first', '--generations', '3', '--size', '10x10', ...extra]);
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]!.startsWith('generation,cooperation,')).toBe(true);
      expect(lines).toHaveLength(5);
    }
  });
});
