import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, cooplab } from '../support/cli.js';

function folder(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'cooplab-modules-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const strategy = (id: string, move: string, extra = '') => `${extra}
import { defineStrategy } from 'cooplab';
export default defineStrategy(
  { id: '${id}', name: '${id}', description: 'test module', provenance: 'test', classifier: { memoryDepth: 1, stochastic: false } },
  () => ({ move: (view) => ${move} }),
);
`;

describe('strategy modules in a tournament (--trusted)', () => {
  const submissions = folder({
    'copycat.ts': strategy('copycat', "view.opponent.last ?? 'C'"),
    'nice.js': strategy('nice', "'C'"),
    'crash.ts': strategy('crash', "{ if (view.round === 50) throw new Error('boom'); return 'C'; }"),
    'liar.ts': strategy('liar', "'X'"),
    'reader.ts': strategy('reader', "'C'", "import { readFileSync } from 'node:fs'; readFileSync;"),
    'shapeless.ts': 'export default { id: "No Id" };',
    'twin.ts': strategy('tit-for-tat', "'C'"),
    'notes.test.ts': 'this file is skipped',
  });

  it('plays the honest modules, disqualifies the others with the file and the reason, and exits 0', () => {
    const run = cooplab(['tournament', '--submissions', submissions, '--trusted', '-r', '2', '-f', 'json']);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.strategies).toEqual(['copycat', 'crash', 'liar', 'nice']);
    const reasons = Object.fromEntries(document.disqualified.map((entry: { file: string; reason: string }) => [entry.file.split('/').pop(), entry.reason]));
    expect(reasons['reader.ts']).toMatch(/does not build: imports the Node built-in 'node:fs'/);
    expect(reasons['shapeless.ts']).toMatch(/malformed default export at 'id'/);
    expect(reasons['twin.ts']).toMatch(/id 'tit-for-tat' is already taken by a built-in strategy/);
    expect(reasons['crash.ts']).toBe('threw on round 50: boom');
    expect(reasons['liar.ts']).toBe("returned 'X' on round 1, expected 'C' or 'D'");
    expect(document.ranking.slice(0, 2).sort()).toEqual(['copycat', 'nice']);
    expect(document.scores.crash).toBeNull();
  });

  it('lists the disqualified under the table', () => {
    const run = cooplab(['tournament', '--submissions', submissions, '--trusted', '-r', '1']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Disqualified (matches forfeited):');
    expect(run.stdout).toMatch(/crash \(.*crash\.ts\): threw on round 50: boom/);
    // A module that never built has no id: it is named by its file, never '?'.
    expect(run.stdout).toMatch(/^ {2}\S*reader\.ts: does not build/m);
    expect(run.stdout).not.toMatch(/^ {2}\?/m);
    expect(run.stderr).toMatch(/disqualified \S*reader\.ts: does not build/);
    expect(run.stderr).not.toMatch(/disqualified {2}/);
    // Disqualified entries rank below every valid one.
    const ranked = run.stdout
      .split('\n')
      .filter((line) => /^ +\d+ {2}/.test(line))
      .map((line) => line.trim().split(/ +/)[1]);
    expect(ranked.slice(-2).sort()).toEqual(['crash', 'liar']);
  });

  it('says how to add built-in opponents when only one module can play', () => {
    const run = cooplab(['tournament', '--strategy', join(submissions, 'nice.js'), '--trusted']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'cooplab: only 1 strategy can play: expected at least two (modules play only each other unless --strategies adds built-ins, e.g. --strategies classic)\n',
    );
  });

  it('mixes modules with built-in ids and marks forfeited matches in the CSV', () => {
    const run = cooplab([
      'tournament',
      '--strategies',
      'tit-for-tat',
      '--strategy',
      join(submissions, 'copycat.ts'),
      '--strategy',
      join(submissions, 'crash.ts'),
      '--trusted',
      '-r',
      '1',
      '-f',
      'csv',
    ]);
    expect(run.status).toBe(0);
    const rows = run.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.filter((row) => row.includes('crash')).every((row) => row[8] === '1')).toBe(true);
    expect(rows.filter((row) => !row.includes('crash')).every((row) => row[8] === '0')).toBe(true);
  });

  it('gives byte-identical results for the same seed', () => {
    const args = ['tournament', '--submissions', submissions, '--trusted', '-r', '3', '--noise', '0.05', '-f', 'json'];
    expect(cooplab(args).stdout).toBe(cooplab(args).stdout);
  });

  it('refuses a missing module file with one line and exit 2', () => {
    const run = cooplab(['tournament', '--strategy', '/nonexistent/x.ts', '--trusted']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no such strategy module '\/nonexistent\/x\.ts': expected an existing \.ts or \.js file/);
  });
});

describe('cooplab new-strategy and cooplab validate', () => {
  it('writes a template that validates, and refuses to overwrite it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-new-'));
    const made = cooplab(['new-strategy', 'patient-tft', '--dir', directory]);
    expect(made.status).toBe(0);
    expect(existsSync(join(directory, 'patient-tft.ts'))).toBe(true);
    expect(existsSync(join(directory, 'patient-tft.test.ts'))).toBe(true);
    const file = join(directory, 'patient-tft.ts');
    expect(readFileSync(file, 'utf8')).toContain("name: 'Patient TFT'");
    // The template plays correctly but its provenance is a placeholder the author must replace.
    const placeholder = JSON.parse(cooplab(['validate', file, '--trusted', '--format', 'json']).stdout);
    expect(placeholder.checks.filter((check: { passed: boolean }) => !check.passed).map((check: { name: string }) => check.name)).toEqual(['provenance']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Replace with who proposed it and where.', 'my own, 2026-11-30'));
    const valid = cooplab(['validate', file, '--trusted']);
    expect(valid.stdout).toContain('valid');
    expect(valid.status).toBe(0);
    const again = cooplab(['new-strategy', 'patient-tft', '--dir', directory]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('flags a module whose behaviour does not match its classifier, with exit 1', () => {
    const directory = folder({
      'liar.ts': strategy('liar', "view.opponent.defectionsInLast(3) >= 2 ? 'D' : 'C'"),
      'coin.ts': strategy('coin', "view.random() < 0.5 ? 'C' : 'D'"),
    });
    const liar = cooplab(['validate', join(directory, 'liar.ts'), '--trusted', '--format', 'json']);
    expect(liar.status).toBe(1);
    const report = JSON.parse(liar.stdout);
    expect(report.checks.find((check: { name: string }) => check.name === 'memory depth').passed).toBe(false);
    const coin = JSON.parse(cooplab(['validate', join(directory, 'coin.ts'), '--trusted', '--format', 'json']).stdout);
    expect(coin.checks.find((check: { name: string }) => check.name === 'deterministic').passed).toBe(false);
  });
});

describe('strategy modules on the cluster lattice (--trusted)', () => {
  const directory = folder({
    'copycat.ts': strategy('copycat', "view.opponent.last ?? 'C'"),
    'early.ts': strategy('early', "{ if (view.round >= 3) throw new Error('boom'); return 'C'; }"),
  });

  it('adds a module to the mix and plays it', () => {
    const run = cooplab([
      'cluster',
      '--scenario',
      'rivalry',
      '--size',
      '10x10',
      '-g',
      '3',
      '--strategy',
      join(directory, 'copycat.ts'),
      '--trusted',
      '--headless',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/,share:copycat(,|$)/);
    expect(run.stderr).toMatch(/added copycat to the strategy mix with weight 1/);
  });

  it('contains a module that breaks the rules: its firms defect, the log says why, the run completes', () => {
    const run = cooplab([
      'cluster',
      '--scenario',
      'rivalry',
      '--size',
      '10x10',
      '-g',
      '5',
      '--strategy',
      join(directory, 'early.ts'),
      '--trusted',
      '-f',
      'json',
    ]);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.series).toHaveLength(6);
    expect(document.log).toEqual([{ generation: 1, label: 'strategy early disqualified (its firms defect from now on): threw on round 3: boom' }]);
  });
});

describe('the hostile zoo in one sandboxed tournament (issue 13)', () => {
  const fixtures = fileURLToPath(new URL('../fixtures/modules/', import.meta.url));
  const hostile = readdirSync(join(fixtures, 'hostile')).sort();
  // Contained by design: they tamper, read the clock, recurse or spin, and play the same moves in
  // every run (stack-depth plays on how deep it could recurse, against built-ins and modules).
  const playing = new Set(['busy-loop.js', 'date-now.js', 'stack-depth.js', 'tamper.js']);
  const args = [
    BIN,
    'tournament',
    '--strategies',
    'tit-for-tat,grudger,defector',
    ...['honest/tit-for-tat.ts', 'honest/with-helper.ts', ...hostile.map((name) => `hostile/${name}`)].flatMap((file) => ['--strategy', join(fixtures, file)]),
    '--turns',
    '60',
    '-r',
    '2',
    '--seed',
    '13',
    '-f',
    'json',
  ];
  // Determinism with every core busy is checked by `npm run test:busy` (stress-ng for the whole
  // suite); a hog started here would slow every test file running beside this one.
  function runZoo() {
    return spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 400_000, maxBuffer: 1 << 26 });
  }

  it('exits 0, names every hostile module it disqualifies, scores the honest ones as the built-ins, bounded and byte-identical', () => {
    const first = runZoo();
    expect(first.status).toBe(0);
    expect(first.stdout.length + first.stderr.length).toBeLessThan(64 * 1024);
    expect(first.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const document = JSON.parse(first.stdout) as {
      strategies: string[];
      matrix: (number | null)[][];
      disqualified: { file: string | null; id: string | null; reason: string }[];
    };
    const named = new Set(document.disqualified.map((entry) => entry.file?.split('/').pop()));
    for (const name of hostile) expect(playing.has(name) ? !named.has(name) : named.has(name), name).toBe(true);
    for (const entry of document.disqualified) expect(entry.reason.length).toBeLessThan(700);
    // The honest copy of Tit For Tat scores as the built-in against everyone but stack-depth, which
    // recurses from other frames against a classic built-in (a whole match in one call) than against
    // a module (a call per move), so plays other moves against each: the same in every run.
    const senses = document.strategies.indexOf('stack-depth');
    expect(senses).toBeGreaterThanOrEqual(0);
    const row = (id: string) => document.matrix[document.strategies.indexOf(id)]!.filter((_, column) => column !== senses);
    expect(row('student-tit-for-tat')).toEqual(row('tit-for-tat'));
    const second = runZoo();
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
  }, 900_000);

  it('validates a module in the sandbox when cooplab inherits no spare file descriptors (as under CI)', () => {
    // The sandbox process may not open files once it has answered the host; a terminal or a CI
    // runner may or may not hand cooplab a stray descriptor that leaves room for one.
    const closeInherited = 'for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$0" "$@"';
    const run = spawnSync('bash', ['-c', closeInherited, process.execPath, BIN, 'validate', join(fixtures, 'honest', 'tit-for-tat.ts')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/valid/);
    expect(run.stdout).not.toMatch(/FAIL/);
    expect(run.status).toBe(0);
  });

  it('cooplab validate ends, and reports, for a module that hangs the stack formatter or loops', () => {
    for (const name of ['prepare-stack-hang.js', 'infinite-loop.js']) {
      const run = spawnSync(process.execPath, [BIN, 'validate', join(fixtures, 'hostile', name)], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/plays/);
    }
  });
});
