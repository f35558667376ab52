import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cooplab } from './support/cli.js';

const root = resolve(import.meta.dirname, '..');
const docs = readFileSync(join(root, 'docs/library.md'), 'utf8');

/** The code block of docs/library.md that follows the library-example marker. */
function exampleFromDocs(): string {
  const match = /<!-- library-example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(docs);
  if (match === null) throw new Error('docs/library.md has no library-example block');
  return match[1]!;
}

/** Runs the CLI and returns its stdout, failing with its stderr if it did not exit 0. */
function cli(args: readonly string[]): string {
  const run = cooplab(args);
  if (run.status !== 0) throw new Error(`cooplab ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe('the library example of docs/library.md', () => {
  const project = mkdtempSync(join(tmpdir(), 'cooplab-library-'));
  let printed: string[] = [];

  beforeAll(() => {
    // A project that has cooplab installed: node_modules/cooplab is this package, imported by name.
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'cooplab'), 'dir');
    writeFileSync(join(project, 'example.mjs'), exampleFromDocs());
    printed = execFileSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8', timeout: 120_000 }).trimEnd().split('\n');
  }, 150_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('prints what docs/library.md says it prints', () => {
    const shown = /It prints:\s*```text\n([\s\S]*?)```/.exec(docs)![1]!.trimEnd();
    expect(printed.join('\n')).toBe(shown);
  });

  it('prints the figures the CLI gives for the same inputs', () => {
    expect(printed).toHaveLength(6);
    const tournament = JSON.parse(cli(['tournament', '--noise', '0.05', '--format', 'json'])) as {
      summary: { id: string; rank: number; mean_per_turn: number }[];
    };
    const top = [...tournament.summary].sort((a, b) => a.rank - b.rank).slice(0, 3);
    expect(printed.slice(0, 3)).toEqual(top.map((line) => `${line.rank} ${line.id} ${line.mean_per_turn.toFixed(3)}`));

    const cases: [number, string, string[]][] = [
      [3, 'as written', []],
      [4, 'no fines', ['--set', 'sanctions.fine=0']],
    ];
    for (const [index, label, extra] of cases) {
      const csv = cli(['cluster', '--scenario', 'sanctions', '--size', '30x30', '--seeds', '10', '--generations', '60', '--headless', ...extra]);
      const rows = csv
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
      const finals = rows.filter((row) => row[1] === '60').map((row) => Number(row[2]));
      expect(finals).toHaveLength(10);
      const mean = finals.reduce((sum, value) => sum + value, 0) / finals.length;
      expect(printed[index]).toBe(
        `${label}: final co-operation ${mean.toFixed(3)} (min ${Math.min(...finals).toFixed(3)}, max ${Math.max(...finals).toFixed(3)})`,
      );
    }

    const moran = JSON.parse(
      cli([
        'evolve',
        '--dynamics',
        'moran',
        '--population',
        'tit-for-tat=1,defector=9',
        '--turns',
        '20',
        '--runs',
        '200',
        '--generations',
        '10000',
        '--format',
        'json',
      ]),
    ) as { fixation: { strategy: string; fixations: number }[] };
    const tft = moran.fixation.find((row) => row.strategy === 'tit-for-tat')!;
    expect(printed[5]).toBe(`tit-for-tat fixed in ${tft.fixations} of 200 runs`);
  }, 120_000);
});
