import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cooplab, type CliRun } from '../support/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'cooplab-hysteresis-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// A small loop: 10 × 10 firms, 3 values each way, 5 generations at each, 2 seeds.
const loop = [
  'hysteresis',
  '--scenario',
  'lock-in',
  '--size',
  '10x10',
  '--parameter',
  'subsidy',
  '--from',
  '0',
  '--to',
  '1',
  '--steps',
  '2',
  '-g',
  '5',
  '--seeds',
  '2',
];

function oneLine(run: CliRun): string {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cooplab: /);
  expect(lines[0]).not.toMatch(/internal error| {4}at /);
  return lines[0]!;
}

describe('cooplab hysteresis', () => {
  const csv = cooplab([...loop, '-f', 'csv', '--workers', '1']);

  it('prints one CSV row per seed and step of the loop, the same on any number of workers', () => {
    expect(csv.status).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('direction,step,value,seed,generation,cooperation,mutual_cooperation,mean_trust,mean_payoff,cooperation_low_risk,cooperation_risky');
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 5).join(','))).toEqual([
      'up,0,0,1,4',
      'up,0,0,2,4',
      'up,1,0.5,1,9',
      'up,1,0.5,2,9',
      'up,2,1,1,14',
      'up,2,1,2,14',
      'down,3,1,1,19',
      'down,3,1,2,19',
      'down,4,0.5,1,24',
      'down,4,0.5,2,24',
      'down,5,0,1,29',
      'down,5,0,2,29',
    ]);
    expect(cooplab([...loop, '-f', 'csv', '--workers', '2']).stdout).toBe(csv.stdout);
  });

  it('saves the loop as JSON with an SVG beside it, and draws the saved loop again in the terminal', () => {
    const json = join(folder, 'loop.json');
    const svg = join(folder, 'loop.svg');
    const saved = cooplab([...loop, '-f', 'json', '-o', json, '--svg', svg, '--workers', '1']);
    expect(saved.status).toBe(0);
    expect(saved.stderr).toBe(`cooplab: wrote ${svg} and its Vega-Lite spec ${join(folder, 'loop.vl.json')}\n`);
    const document = JSON.parse(readFileSync(json, 'utf8')) as { parameter: string; seeds: number[]; records: unknown[] };
    expect(document.parameter).toBe('subsidy');
    expect(document.seeds).toEqual([1, 2]);
    expect(document.records).toHaveLength(12);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*>.*<\/svg>\n$/s);
    const plot = cooplab(['hysteresis', '--input', json]);
    expect(plot.status).toBe(0);
    expect(plot.stdout.split('\n')[0]).toBe('Co-operation after 5 generations at each subsidy, up and back down (lock-in)');
    expect(plot.stdout).toMatch(/▲/);
    expect(plot.stdout).toMatch(/^ +0 +0\.5 +1$/m);
    expect(plot.stdout).toMatch(/^(widest gap at subsidy = |the branches up and down coincide)/m);
    // The same loop run again and drawn straight away: the same plot.
    expect(cooplab([...loop, '--workers', '1']).stdout).toBe(plot.stdout);
  });

  it('refuses bad input in one line with exit code 2', () => {
    expect(oneLine(cooplab([...loop, '--parameter', 'subsidies']))).toMatch(/^cooplab: unknown parameter 'subsidies': expected a path such as/);
    expect(oneLine(cooplab([...loop, '--from', '1', '--to', '0']))).toBe('cooplab: invalid range --from 1 --to 0: expected two numbers with --from < --to');
    expect(oneLine(cooplab([...loop, '--parameter', 'activities.training.enabled']))).toBe(
      "cooplab: --parameter 'activities.training.enabled' is true, not a number: expected a numeric parameter such as subsidy, sanctions.fine or activities.training.cost",
    );
    expect(oneLine(cooplab([...loop, '--from', 'low']))).toMatch(/^cooplab: option '--from <x>' argument 'low' is invalid\. expected a number$/);
    expect(oneLine(cooplab([...loop, '--steps', '0']))).toMatch(/^cooplab: option '--steps <n>' argument '0' is invalid\. expected a positive whole number$/);
    expect(oneLine(cooplab(['hysteresis', '--scenario', 'lock-in']))).toBe(
      'cooplab: hysteresis needs --parameter, --from and --to (or --input FILE to draw a saved loop): expected e.g. --parameter subsidy --from 0 --to 1',
    );
    expect(oneLine(cooplab(['hysteresis', '--input', join(folder, 'absent.json')]))).toMatch(
      /^cooplab: cannot read hysteresis loop file '.*absent\.json' \(ENOENT\)/,
    );
  });
});
