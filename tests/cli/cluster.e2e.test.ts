import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

describe('cooplab cluster', () => {
  it('writes one CSV row per generation with the documented columns, byte-identical for the same seed', () => {
    const args = ['cluster', '--scenario', 'training-first', '--generations', '12', '--seed', '4', '--size', '20x15'];
    const first = cooplab(args);
    expect(first.status).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'generation,cooperation,mutual_cooperation,mean_trust,mean_payoff,fines,exits,activity:training,activity:technology-exchange,share:defector,share:tit-for-tat,share:raise-the-stakes,share:trust-threshold,cooperation_low_risk,cooperation_risky,rung:training,rung:technology-exchange,no_rung',
    );
    expect(lines).toHaveLength(1 + 13);
    expect(lines[1]!.startsWith('0,')).toBe(true);
    expect(cooplab(args).stdout).toBe(first.stdout);
    expect(cooplab([...args.slice(0, -4), '--seed', '5', '--size', '20x15']).stdout).not.toBe(first.stdout);
  });

  it('runs the market presets from the command line: stagnation stays at the basic quality, take-off climbs, in every seed', () => {
    const finalQuality = (scenario: string) => {
      const run = cooplab(['cluster', '--scenario', scenario, '--seeds', '3', '--workers', '1', '--size', '20x20', '-g', '60', '--headless']);
      expect(run.status).toBe(0);
      const [header, ...rows] = run.stdout.trimEnd().split('\n');
      const columns = header!.split(',');
      expect(columns.slice(-15)).toEqual([
        'no_rung',
        'firms',
        'entries',
        'spinoffs',
        'market_exits',
        'absorbed',
        'mean_price',
        'mean_quality',
        'quality_spread',
        'mean_profit',
        'innovator_profit',
        'innovations',
        'imitations',
        'mean_size',
        'mean_education',
      ]);
      const generation = columns.indexOf('generation');
      const quality = columns.indexOf('mean_quality');
      return rows
        .map((row) => row.split(','))
        .filter((cells) => cells[generation] === '60')
        .map((cells) => Number(cells[quality]));
    };
    const stagnation = finalQuality('stagnation');
    const takeOff = finalQuality('take-off');
    expect(stagnation).toEqual([0, 0, 0]);
    for (const quality of takeOff) expect(quality).toBeGreaterThan(1);
  });

  it('counts a dated scenario in years: a last CSV column and a year on every point and event of the JSON', () => {
    const args = ['cluster', '--scenario', 'criciuma-crisis', '--generations', '30', '--size', '8x8'];
    const csv = cooplab(args);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]!.endsWith(',no_rung,year')).toBe(true);
    // 25 generations a year from 1991.
    expect(lines.slice(1).map((line) => Number(line.split(',').at(-1)))).toEqual([...Array(25).fill(1991), ...Array(6).fill(1992)]);
    const json = JSON.parse(cooplab([...args, '-f', 'json']).stdout);
    expect(json.scenario).toMatchObject({ startYear: 1991, generationsPerYear: 25 });
    expect(json.log[0]).toMatchObject({ generation: 10, year: 1991 });
    expect(json.series[30].year).toBe(1992);
  });

  it('writes the series and the final lattice as JSON', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-'));
    const out = join(directory, 'run.json');
    const run = cooplab(['cluster', '--scenario', 'nowak-may', '-g', '3', '--size', '9x7', '--set', 'init=single-defector', '-f', 'json', '-o', out]);
    expect(run.status).toBe(0);
    const document = JSON.parse(readFileSync(out, 'utf8'));
    expect(document.series.map((row: { strategies: { defector: number } }) => Math.round(row.strategies.defector * 63))).toEqual([1, 9, 25, 45]);
    expect(document.final).toMatchObject({ width: 9, height: 7, strategies: ['cooperator', 'defector'] });
    expect(document.final.lattice).toHaveLength(7);
    expect(document.final.lattice[0]).toHaveLength(9);
    expect(document.scenario.name).toBe('nowak-may');
  });

  it('runs several seeds on worker threads: run k is exactly the run with seed S+k', () => {
    const args = ['cluster', '--scenario', 'rivalry', '--size', '10x10', '-g', '3', '--seed', '4', '--seeds', '3'];
    const parallel = cooplab([...args, '--workers', '2']);
    expect(parallel.status).toBe(0);
    expect(cooplab([...args, '--workers', '1']).stdout).toBe(parallel.stdout);
    const lines = parallel.stdout.trimEnd().split('\n');
    expect(lines[0]!.startsWith('seed,generation,')).toBe(true);
    expect(lines).toHaveLength(1 + 3 * 4);
    const single = cooplab(['cluster', '--scenario', 'rivalry', '--size', '10x10', '-g', '3', '--seed', '5']).stdout.trimEnd().split('\n').slice(1);
    expect(lines.slice(5, 9)).toEqual(single.map((row) => `5,${row}`));
  });

  it('shares one run between worker threads with --workers: the same output for 1, 2 and 3 threads', () => {
    // training-first splits every generation (deterministic machines, noise drawn up front); 23 × 19 leaves firms straddling the threads' parts.
    const args = ['cluster', '--scenario', 'training-first', '--size', '23x19', '-g', '25', '-f', 'json'];
    const one = cooplab([...args, '--workers', '1']);
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).series).toHaveLength(26);
    for (const workers of ['2', '3']) expect(cooplab([...args, '--workers', workers]).stdout, `${workers} threads`).toBe(one.stdout);
  });

  it('keeps a --set parameter as set even when the timeline would change it', () => {
    const off = cooplab(['cluster', '--scenario', 'training-first', '-g', '30', '--size', '12x12', '--set', 'activities.training.enabled=false']);
    const rivalry = cooplab(['cluster', '--scenario', 'rivalry', '-g', '30', '--size', '12x12']);
    expect(off.status).toBe(0);
    expect(off.stdout).toBe(rivalry.stdout);
  });

  it('runs a scenario file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-'));
    const file = join(directory, 'mine.json');
    const shown = cooplab(['scenarios', 'show', 'sanctions']);
    const scenario = JSON.parse(shown.stdout);
    scenario.name = 'mine';
    scenario.parameters.width = 10;
    scenario.parameters.height = 10;
    writeFileSync(file, JSON.stringify(scenario));
    const run = cooplab(['cluster', '--scenario', file, '-g', '15']);
    expect(run.status).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(17);
    const finesColumn = rows[0]!.split(',').indexOf('fines');
    // The file's own timeline runs: no fine is paid before its rules come in.
    const rules = (scenario.events as { generation: number; set?: Record<string, unknown> }[]).find((event) =>
      Object.keys(event.set ?? {}).some((path) => path.startsWith('sanctions.')),
    )!.generation;
    expect(rules).toBeGreaterThan(1);
    expect(rows.slice(1, 1 + rules).every((row) => row.split(',')[finesColumn] === '0')).toBe(true);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown scenario', ['cluster', '--scenario', 'rivalri'], /unknown scenario 'rivalri': expected a preset \(.*rivalry.*\) or a JSON file/],
    ['an unknown parameter', ['cluster', '--set', 'trust.gane=0.1'], /unknown parameter 'trust\.gane'/],
    ['a bad parameter value', ['cluster', '--set', 'trust.gain=2'], /trust\.gain: got 2, expected a number from 0 to 1/],
    ['a --set without =', ['cluster', '--set', 'trust.gain'], /invalid --set 'trust\.gain': expected path=value/],
    ['a bad size', ['cluster', '--size', '20by10'], /'--size <WxH>' argument '20by10' is invalid\. expected WIDTHxHEIGHT/],
    [
      'an unknown activity',
      ['cluster', '--set', 'activities.golf.enabled=true'],
      /unknown activity 'golf' in 'activities\.golf\.enabled': expected one of training, technology-exchange/,
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one line and exit code 2`, () => {
      const run = cooplab(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }

  it('rejects a bad scenario file naming the field, the value and what was expected', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-'));
    const cases: [unknown, RegExp][] = [
      [
        { name: 'x', title: 't', description: 'd', seed: 1, generations: 5, parameters: { trust: { gain: -0.5 } } },
        /parameters\.trust\.gain: got -0\.5, expected a number from 0 to 1/,
      ],
      [
        { name: 'x', title: 't', description: 'd', seed: 1, generations: 5, parameters: { neighbourhood: 'hex' } },
        /parameters\.neighbourhood: got "hex", expected 'moore' or 'von-neumann'/,
      ],
      [{ name: 'x', title: 't', description: 'd', seed: 'one', generations: 5, parameters: {} }, /seed: got "one", expected a whole number >= 0/],
      [{ name: 'x', title: 't', description: 'd', seed: 1, generations: 5, parameters: {}, colour: 'red' }, /unknown field 'colour'/],
      [
        { name: 'x', title: 't', description: 'd', seed: 1, generations: 5, parameters: {}, events: [{ generation: 3, set: { 'sanctions.fine': 'high' } }] },
        /events\.0\.set\.sanctions\.fine: .*got "high", expected a number from 0 to 1000000/,
      ],
    ];
    cases.forEach(([document, message], index) => {
      const file = join(directory, `bad-${index}.json`);
      writeFileSync(file, JSON.stringify(document));
      const run = cooplab(['cluster', '--scenario', file]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
    const broken = join(directory, 'broken.json');
    writeFileSync(broken, '{ "name": ');
    const run = cooplab(['cluster', '--scenario', broken]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/is not valid JSON/);
  });
});

describe('cooplab scenarios', () => {
  it('lists the presets', () => {
    const run = cooplab(['scenarios']);
    expect(run.status).toBe(0);
    for (const name of ['nowak-may', 'rivalry', 'training-first', 'sanctions', 'criciuma-crisis', 'italian-district', 'external-buyers', 'cremona']) {
      expect(run.stdout).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'));
    }
  });

  it('shows a preset as JSON that parses back', () => {
    const run = cooplab(['scenarios', 'show', 'training-first']);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.events[0]).toMatchObject({ generation: 10, set: { 'activities.training.enabled': true } });
  });
});
