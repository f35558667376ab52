import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cooplab } from '../support/cli.js';

// One naming convention in every data file cooplab writes (docs/formats.md, "Field names"): every
// JSON field and every CSV column in snake_case. The commands below write every kind of output,
// with the optional parts switched on (organisers, reputation, partner choice, the market layer,
// years), on lattices small enough to cost little.

const folder = mkdtempSync(join(tmpdir(), 'cooplab-field-names-'));

/** Where a document carries an input file's keys (a scenario, parameters, --set paths) or names and ids as keys: not field names. */
const NOT_FIELD_NAMES = [
  /^scenario(\.|$)/,
  /^parameters(\.|$)/,
  /^runs\.\*\.(scenario|parameters)(\.|$)/,
  /^grid\.\*\.values/,
  /^series\.\*\.(activities|strategies|rungs|organisers|shares)\.[^.]+$/,
  /^runs\.\*\.series\.\*\.(activities|strategies|rungs|organisers)\.[^.]+$/,
  /^scores\.[^.]+$/,
  /^settings\.population\.[^.]+$/,
  /^\*\.parameters\.[^.]+$/,
];

/** A name in the other convention: a capital after a small letter or digit (`meanTrust`); `R`, `ci95`, `mean_trust` pass. */
const CAMEL = /[a-z0-9][A-Z]/;

/** Every field name of a JSON document with its path (list positions as `*`), except where NOT_FIELD_NAMES says the keys are not field names. */
function fieldNames(value: unknown, path = ''): { path: string; name: string }[] {
  if (Array.isArray(value)) return value.flatMap((entry) => fieldNames(entry, path === '' ? '*' : `${path}.*`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, entry]) => {
    const at = path === '' ? name : `${path}.${name}`;
    if (NOT_FIELD_NAMES.some((pattern) => pattern.test(at))) return [];
    return [{ path: at, name }, ...fieldNames(entry, at)];
  });
}

function camelFields(document: unknown): string[] {
  return fieldNames(document)
    .filter((field) => CAMEL.test(field.name))
    .map((field) => field.path);
}

/** The columns of a CSV header that are field names: the parts of `activity:NAME`, `share:ID`, `organiser:NAME:x` after a name are checked, the name is not. */
function camelColumns(csv: string, gridPaths: readonly string[] = []): string[] {
  const header = csv.split('\n')[0]!.split(',');
  return header.filter((column) => {
    if (gridPaths.includes(column)) return false;
    const parts = column.split(':');
    const named =
      parts[0] === 'organiser' ? [parts[0], ...parts.slice(2)] : parts[0] === 'activity' || parts[0] === 'share' || parts[0] === 'rung' ? [parts[0]] : parts;
    return named.some((part) => CAMEL.test(part));
  });
}

function run(args: readonly string[]): string {
  const result = cooplab(args, { cwd: folder });
  expect(result.stderr.split('\n').filter((line) => line.startsWith('cooplab:') && !line.includes('wrote'))).toEqual([]);
  expect(result.status).toBe(0);
  return result.stdout;
}

const tiny = ['--generations', '3', '--size', '10x10'];
const jsonOutputs = new Map<string, unknown>();
const csvOutputs = new Map<string, { csv: string; grid?: string[] }>();

beforeAll(() => {
  const json = (name: string, args: readonly string[]) => jsonOutputs.set(name, JSON.parse(run(args)));
  const csv = (name: string, args: readonly string[]) => csvOutputs.set(name, { csv: run(args) });
  json('tournament', ['tournament', '-s', 'tft,alld,grudger', '--turns', '10', '--repetitions', '2', '--prob-end', '0.1', '-f', 'json']);
  csv('tournament matches', ['tournament', '-s', 'tft,alld', '--turns', '10', '--repetitions', '2', '-f', 'csv']);
  json('strategies', ['strategies', '--format', 'json']);
  json('strategies show', ['strategies', 'show', 'gtft', '--format', 'json']);
  json('validate', ['validate', join(import.meta.dirname, '../fixtures/modules/honest/tit-for-tat.ts'), '--format', 'json']);
  // Organisers, reputation and partner choice; the market layer; years.
  for (const scenario of ['silicon-valley', 'market-phases', 'criciuma-crisis']) {
    json(`cluster ${scenario}`, ['cluster', '--scenario', scenario, ...tiny, '--set', 'reputation.enabled=true', '-f', 'json']);
    csv(`cluster ${scenario}`, ['cluster', '--scenario', scenario, ...tiny, '--set', 'reputation.enabled=true', '--headless']);
  }
  json('cluster --seeds', ['cluster', '--scenario', 'rivalry', ...tiny, '--seeds', '2', '-f', 'json']);
  csv('cluster --seeds', ['cluster', '--scenario', 'rivalry', ...tiny, '--seeds', '2', '--headless']);
  json('evolve', ['evolve', '--dynamics', 'ecological', '--population', 'tft=1,alld=1', '-g', '3', '--turns', '10', '--prob-end', '0.2', '-f', 'json']);
  json('evolve moran --runs', ['evolve', '--dynamics', 'moran', '--population', 'tft=3,alld=2', '--turns', '10', '--runs', '3', '-f', 'json']);
  csv('evolve', ['evolve', '--dynamics', 'ecological', '--population', 'tft=1,alld=1', '-g', '3', '--turns', '10', '-f', 'csv']);
  csv('evolve moran --runs', ['evolve', '--dynamics', 'moran', '--population', 'tft=3,alld=2', '--turns', '10', '--runs', '3', '-f', 'csv']);
  const loop = [
    'hysteresis',
    '--scenario',
    'lock-in',
    '--parameter',
    'subsidy',
    '--from',
    '0',
    '--to',
    '1',
    '--steps',
    '1',
    '-g',
    '2',
    '--size',
    '8x8',
    '--seeds',
    '1',
  ];
  json('hysteresis', [...loop, '-f', 'json']);
  csv('hysteresis', [...loop, '-f', 'csv']);
  run(['sweep', '--scenario', 'rivalry', '--grid', 'sanctions.fine=0,1', ...tiny, '--seeds', '1', '--out', 'sweep', '--workers', '1']);
  jsonOutputs.set('sweep manifest.json', JSON.parse(readFileSync(join(folder, 'sweep', 'manifest.json'), 'utf8')));
  for (const task of readdirSync(join(folder, 'sweep', 'tasks')))
    jsonOutputs.set(`sweep tasks/${task}`, JSON.parse(readFileSync(join(folder, 'sweep', 'tasks', task), 'utf8')));
  for (const file of ['results.csv', 'series.csv'])
    csvOutputs.set(`sweep ${file}`, { csv: readFileSync(join(folder, 'sweep', file), 'utf8'), grid: ['sanctions.fine'] });
  // A class of bots alone, with a round of a tenth of a second: the teacher's `start` on stdin, and the session ends when stdin does.
  const host = spawnSync(
    process.execPath,
    [
      BIN,
      'class',
      'host',
      '--headless',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--fill',
      'tft,alld',
      '--seats',
      '4',
      '--rounds',
      '1',
      // Bots alone: the round lasts its whole time limit, so a short one.
      '--time-limit',
      '0.1',
      '--pause',
      '0',
      '--out',
      join(folder, 'class'),
    ],
    { input: 'start\n', encoding: 'utf8', timeout: 100_000 },
  );
  expect(host.status, host.stderr).toBe(0);
  jsonOutputs.set('class.json', JSON.parse(readFileSync(join(folder, 'class', 'class.json'), 'utf8')));
  csvOutputs.set('moves.csv', { csv: readFileSync(join(folder, 'class', 'moves.csv'), 'utf8') });
}, 240_000);

describe('every field name in snake_case', () => {
  it('in every JSON document, with the optional parts present', () => {
    expect(jsonOutputs.size).toBeGreaterThanOrEqual(15);
    const found = Object.fromEntries([...jsonOutputs].map(([name, document]) => [name, camelFields(document)]));
    expect(found).toEqual(Object.fromEntries([...jsonOutputs.keys()].map((name) => [name, []])));
    // The optional parts were there to be checked.
    const paths = new Set([...jsonOutputs.values()].flatMap((document) => fieldNames(document).map((field) => field.path)));
    for (const path of [
      'series.*.organisers',
      'series.*.reputation.bad_standing',
      'series.*.ties.mean_degree',
      'series.*.market.mean_quality',
      'series.*.year',
    ])
      expect(paths).toContain(path);
    expect(paths).toContain('rounds_played');
    expect(paths).toContain('summary.*.mean_per_turn');
    expect(paths).toContain('*.memory_depth');
  });

  it('in every CSV header', () => {
    expect(csvOutputs.size).toBeGreaterThanOrEqual(11);
    const found = Object.fromEntries([...csvOutputs].map(([name, { csv, grid }]) => [name, camelColumns(csv, grid)]));
    expect(found).toEqual(Object.fromEntries([...csvOutputs.keys()].map((name) => [name, []])));
    expect(csvOutputs.get('cluster silicon-valley')!.csv.split('\n')[0]).toContain(':spent:cost_sharing');
  });

  it('the check itself finds a name in the other convention', () => {
    expect(camelFields({ series: [{ meanTrust: 1, activities: { someName: 1 } }], scenario: { startYear: 1 } })).toEqual(['series.*.meanTrust']);
    expect(camelColumns('generation,meanTrust,share:titForTat,organiser:bigOne:spentOn\n')).toEqual(['meanTrust', 'organiser:bigOne:spentOn']);
  });
});
