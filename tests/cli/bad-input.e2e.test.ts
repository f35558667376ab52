import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cooplab, type CliRun } from '../support/cli.js';

/**
 * Bad input of every kind gets one line on stderr naming the bad value and what was expected, a
 * non-zero exit and nothing else: no stack trace, no crash, no control characters, nothing left
 * behind (issue 12).
 */

const folder = mkdtempSync(join(tmpdir(), 'cooplab-bad-input-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

/** A minimal valid scenario with `extra` fields merged in. */
function scenario(extra: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'bad', title: 't', description: 'd', seed: 1, generations: 2, parameters: { width: 6, height: 6, ...parameters }, ...extra });
}

/** Asserts the run failed with exactly one printable line (no escape codes, no stack) and returns it. */
function oneLine(run: CliRun, status = 2): string {
  expect(run.status).toBe(status);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cooplab: /);
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  expect(lines[0]).not.toMatch(/internal error| {4}at /);
  expect(lines[0]!.length).toBeLessThan(600);
  return lines[0]!;
}

describe('hostile and broken scenario files, --set values and flags', () => {
  it('refuses values nested thousands deep in a file, a --set value and an exercise file (no stack overflow)', () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const inFile = file('deep.json', scenario().replace('"width":6', `"noise":${deep},"width":6`));
    expect(oneLine(cooplab(['cluster', '--scenario', inFile, '--headless']))).toMatch(/nests deeper than 64 levels/);
    expect(oneLine(cooplab(['cluster', '--generations', '1', '--headless', '--set', `noise=${deep}`]))).toMatch(/nests deeper than 64 levels/);
    const exercise = file('deep-exercise.json', `{"id":"x","task":${deep}}`);
    expect(oneLine(cooplab(['exercises', '--check', exercise]))).toMatch(/nests deeper than 64 levels/);
  });

  it('refuses __proto__, constructor and prototype in --set paths, event paths and file keys', () => {
    for (const path of ['trust.__proto__.hasOwnProperty=5', '__proto__.toString=1', 'strategies.__proto__=1', 'sanctions.constructor=1']) {
      expect(oneLine(cooplab(['cluster', '--generations', '1', '--headless', '--set', path]))).toMatch(/__proto__, constructor or prototype/);
    }
    const inEvent = file('proto-event.json', scenario({ events: [{ generation: 1, set: { 'trust.__proto__.hasOwnProperty': 5 } }] }));
    expect(oneLine(cooplab(['cluster', '--scenario', inEvent, '--headless']))).toMatch(/__proto__, constructor or prototype/);
    const inKeys = file('proto-keys.json', scenario().replace('"parameters":{', '"parameters":{"__proto__":{"noise":0.5},'));
    expect(oneLine(cooplab(['cluster', '--scenario', inKeys, '--headless']))).toMatch(/'parameters\.__proto__' is not allowed/);
  });

  it('addresses lists by position only: crisis.windows.length is an unknown parameter', () => {
    expect(oneLine(cooplab(['cluster', '--generations', '1', '--headless', '--set', 'crisis.windows.length={}']))).toMatch(
      /unknown parameter 'crisis\.windows\.length'/,
    );
  });

  it('bounds what a file may ask for: events, generations and lattice size', () => {
    const events = Array.from({ length: 20_000 }, (_, generation) => ({ generation, set: { noise: 0.01 } }));
    expect(oneLine(cooplab(['cluster', '--scenario', file('events.json', scenario({ events })), '--headless']))).toMatch(/at most 10000 events/);
    expect(oneLine(cooplab(['cluster', '--scenario', file('long.json', scenario({ generations: 1e9 })), '--headless']))).toMatch(/generations: got 1000000000/);
    expect(oneLine(cooplab(['cluster', '--headless', '--size', '10000x10000']))).toMatch(/at most 16777216 firms/);
  });

  it('bounds what flags may ask for: generations as a file does, and the matches of a tournament (no crash)', () => {
    expect(oneLine(cooplab(['cluster', '--headless', '--generations', '99999999999']))).toMatch(/--generations .* expected a whole number from 0 to 1000000$/);
    expect(oneLine(cooplab(['sweep', '--scenario', 'rivalry', '--grid', 'sanctions.fine=0,1', '-g', '1000001', '--out', join(folder, 'never')]))).toMatch(
      /--generations .* expected a whole number from 1 to 1000000$/,
    );
    expect(oneLine(cooplab(['tournament', '--repetitions', '999999999999']))).toBe(
      'cooplab: 78 pairs of strategies × 999999999999 repetitions: expected at most 10,000,000 matches in one tournament (fewer repetitions or strategies)',
    );
  });

  it('refuses inputs whose results could not be finite', () => {
    expect(oneLine(cooplab(['cluster', '--generations', '1', '--headless', '--set', 'temptation=1e308']))).toMatch(/temptation: got 1e\+308/);
    expect(oneLine(cooplab(['cluster', '--generations', '1', '--headless', '--set', 'activities.cooperation.cost=1e308']))).toMatch(/cost/);
    expect(oneLine(cooplab(['tournament', '--payoffs', '1e308,-1e308,1.7e308,0', '--allow-any-game']))).toMatch(/--payoffs/);
  });

  it('accepts a UTF-8 byte-order mark, and refuses UTF-16 and syntax errors in one escaped line', () => {
    const bom = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scenario())]));
    const run = cooplab(['cluster', '--scenario', bom, '--headless']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^generation,cooperation/);
    const utf16 = file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(scenario(), 'utf16le')]));
    expect(oneLine(cooplab(['cluster', '--scenario', utf16, '--headless']))).toMatch(/is not UTF-8 text/);
    const broken = file('syntax.json', '{"name":\n"x",\u0000,}');
    expect(oneLine(cooplab(['cluster', '--scenario', broken, '--headless']))).toMatch(/not (valid JSON|UTF-8 text)/);
    const syntax = file('syntax2.json', '{"name":\n"x",,}');
    expect(oneLine(cooplab(['cluster', '--scenario', syntax, '--headless']))).toMatch(/is not valid JSON \(/);
  });

  it('escapes control characters in unknown keys and cuts huge values', () => {
    const withEscape = file('escape.json', scenario({}, { 'temp\u001b[2Jtation': 3 }));
    expect(oneLine(cooplab(['cluster', '--scenario', withEscape, '--headless']))).toContain('temp\\u001b[2Jtation');
    const huge = file('huge.json', scenario({}, { noise: Array.from({ length: 1_000_000 }, () => 1) }));
    expect(oneLine(cooplab(['cluster', '--scenario', huge, '--headless']))).toMatch(/noise/);
  });
});

describe('output that cannot be written', () => {
  it('says what could not be written and why, exit 1, and leaves no temporary file', () => {
    const where = join(folder, 'out-cases');
    mkdirSync(where);
    expect(oneLine(cooplab(['tournament', '-s', 'tit-for-tat,defector', '--out', ''], { cwd: where }))).toMatch(/invalid --out ''/);
    expect(oneLine(cooplab(['tournament', '-s', 'tit-for-tat,defector', '--out', join(where, 'missing', 'x.json')]), 1)).toMatch(
      /cannot write '.*x\.json': the folder does not exist \(ENOENT\)/,
    );
    writeFileSync(join(where, 'a-file'), '');
    expect(
      oneLine(
        cooplab([
          'sweep',
          '--scenario',
          'rivalry',
          '--grid',
          'sanctions.fine=0,1',
          '--generations',
          '2',
          '--size',
          '6x6',
          '--out',
          join(where, 'a-file', 'sweep'),
        ]),
        1,
      ),
    ).toMatch(/cannot mkdir .*: a part of the path is not a folder \(ENOTDIR\)/);
    expect(readdirSync(where)).toEqual(['a-file']);
  });
});

describe('an empty output path', () => {
  // Refused as the command line is read: a run that would take hours (or a class host that would
  // wait for students) stops at once, and nothing is written in the current folder.
  const commands: [string[], string][] = [
    [['tournament', '-s', 'tit-for-tat,defector', '--out'], "--out '': expected a file path"],
    [['cluster', '--scenario', 'rivalry', '--size', '1000x1000', '--generations', '10000', '--headless', '--out'], "--out '': expected a file path"],
    [['evolve', '--dynamics', 'ecological', '--population', 'cooperator=1,defector=1', '--out'], "--out '': expected a file path"],
    [['hysteresis', '--scenario', 'rivalry', '--parameter', 'sanctions.fine', '--from', '0', '--to', '1', '--svg'], "--svg '': expected a file path"],
    [['sweep', '--scenario', 'rivalry', '--grid', 'sanctions.fine=0,1', '--generations', '2', '--size', '6x6', '--out'], "--out '': expected a folder path"],
    [['merge', 'a', 'b', '--out'], "--out '': expected a folder path"],
    [['plot', 'a', '--x', 'a', '--y', 'b', '--svg'], "--svg '': expected a file path"],
    [['report', 'a', '--out'], "--out '': expected a file path"],
    [['class', 'host', '--headless', '--port', '0', '--out'], "--out '': expected a folder path"],
  ];

  it('is refused before any work, in one line, for every command that writes', () => {
    const where = join(folder, 'empty-out');
    mkdirSync(where);
    for (const [args, message] of commands) expect(oneLine(cooplab([...args, ''], { cwd: where })), args[0]).toBe(`cooplab: invalid ${message}`);
    expect(readdirSync(where)).toEqual([]);
  });
});

describe('damaged sweep task files', () => {
  const args = (out: string) => [
    'sweep',
    '--scenario',
    'rivalry',
    '--grid',
    'sanctions.fine=0,1',
    '--seeds',
    '2',
    '--generations',
    '4',
    '--size',
    '8x8',
    '--out',
    out,
    '--workers',
    '1',
  ];

  it('a resume recomputes a task file cut short, says so, and ends with the same results; merge names a damaged file', () => {
    const out = join(folder, 'sweep');
    expect(cooplab(args(out)).status).toBe(0);
    const results = readFileSync(join(out, 'results.csv'), 'utf8');
    const tasks = readdirSync(join(out, 'tasks'));
    const damaged = join(out, 'tasks', tasks[0]!);
    writeFileSync(damaged, readFileSync(damaged, 'utf8').slice(0, 60));

    const resumed = cooplab(args(out));
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/sweep task file .* is not valid JSON .*: running its task again/);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe(results);

    writeFileSync(damaged, '{"key":');
    const merged = cooplab(['merge', out, '--out', join(folder, 'merged')]);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toMatch(/sweep task file '.*' is not valid JSON/);
    expect(existsSync(join(folder, 'merged', 'results.csv'))).toBe(false);
  }, 120_000);
});

describe('errors that point the right way (issue 19)', () => {
  it.each([
    [
      'a lattice too small, judged as given',
      ['cluster', '--size', '2x2', '--generations', '1'],
      /^cooplab: width × height 2×2: a torus needs at least 3×3 firms$/,
    ],
    [
      'a missing scenario file',
      ['cluster', '--scenario', 'nothere.json'],
      /^cooplab: no such scenario file 'nothere\.json': expected an existing JSON file or a preset \(/,
    ],
    ['a mistyped preset, with the close one', ['cluster', '--scenario', 'rivlary'], /^cooplab: unknown scenario 'rivlary': .*; did you mean 'rivalry'\?$/],
    ['a missing module for validate', ['validate', 'nothere.ts'], /^cooplab: no such strategy module 'nothere\.ts': expected an existing \.ts or \.js file$/],
    [
      'an empty module path',
      ['tournament', '--strategy', '', '-s', 'defector'],
      /^cooplab: no such strategy module '': expected an existing \.ts or \.js file$/,
    ],
    [
      'a folder given as a module',
      ['validate', tmpdir()],
      /^cooplab: strategy module '.*' is a folder: expected a \.ts or \.js file \(--submissions takes a folder of modules\)$/,
    ],
    ['a missing exercise file', ['exercise', 'mine.json'], /^cooplab: no such exercise file 'mine\.json'/],
    ['a command nothing is close to: no guess', ['frobnicate'], /^cooplab: unknown command 'frobnicate': expected one of [a-z, -]+$/],
    [
      'a strategy nothing is close to: no guess',
      ['tournament', '-s', 'zzzz,defector'],
      /^cooplab: unknown strategy 'zzzz': expected one of the ids listed by 'cooplab strategies'$/,
    ],
  ])('%s', (_label, args, expected) => {
    const line = oneLine(cooplab(args));
    expect(line).toMatch(expected);
    expect(line).not.toMatch(/--strategy/);
  });
});

describe('the short names researchers type (tft, alld, wsls, …)', () => {
  it('are accepted wherever a strategy is named, and outputs use the full ids', () => {
    const tournament = cooplab(['tournament', '-s', 'tft,alld,wsls,gtft', '-r', '1', '--turns', '5', '-f', 'json']);
    expect(tournament.status).toBe(0);
    expect(JSON.parse(tournament.stdout).strategies).toEqual(['tit-for-tat', 'defector', 'win-stay-lose-shift', 'generous-tit-for-tat']);
    const cluster = cooplab([
      'cluster',
      '--scenario',
      'rivalry',
      '--size',
      '6x6',
      '--generations',
      '1',
      '--headless',
      '--set',
      'strategies={"tft":1,"alld":1}',
    ]);
    expect(cluster.status).toBe(0);
    expect(cluster.stdout.split('\n')[0]).toContain('share:tit-for-tat,share:defector');
    const shown = cooplab(['strategies', 'show', 'tf2t']);
    expect(shown.stdout).toMatch(/^Tit For Two Tats \(tit-for-two-tats\)/);
  });

  it('a mix that names a strategy twice, once by its short name, is refused', () => {
    const line = oneLine(cooplab(['cluster', '--scenario', 'rivalry', '--set', 'strategies={"tft":1,"tit-for-tat":1}']));
    expect(line).toMatch(/names 'tit-for-tat' a second time: expected each strategy once/);
  });
});
