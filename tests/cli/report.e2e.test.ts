import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cooplab, type CliRun } from '../support/cli.js';
import { type Browser, hasChromium, launchChromium, type Page } from '../support/tools.js';
import { checkWellFormed } from '../report/xml.js';
import { marksOf } from '../report/vega-svg.js';
import { classDocument } from '../../src/formats/class-results.js';
import { ClassSession } from '../../src/classroom/session.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { emit } from '../../src/formats/output.js';

/** Small inputs of every kind, made by the real CLI: a 2 × 3 sweep, a cluster run and a tournament. */
const folder = mkdtempSync(join(tmpdir(), 'cooplab-report-'));
const sweep = join(folder, 'sweep');
const run = join(folder, 'run.json');
const tournament = join(folder, 'tournament.json');
const classRun = join(folder, 'class.json');
const reports = {
  cluster: join(folder, 'run.html'),
  tournament: join(folder, 'tournament.html'),
  sweep: join(folder, 'sweep.html'),
  class: join(folder, 'class.html'),
  seeds: join(folder, 'runs.html'),
};
const runs = join(folder, 'runs.json');

/** A class session of four students over four rounds, with the training programme switched on after the second. */
function writeClassRun(): void {
  const session = new ClassSession(
    {
      mode: 'pairwise',
      rounds: 4,
      timeLimit: 20,
      defaultMove: 'D',
      scenario: loadScenario('rivalry'),
      seed: 1,
      fill: [],
      seats: 0,
      sanctions: { fine: 3, detection: 1 },
    },
    () => 'token',
  );
  const seats = ['Ana', 'Ben', 'Caro', 'Dan'].map((name) => {
    const joined = session.join(name, undefined);
    if (!joined.ok) throw new Error(joined.reason);
    return joined.seat;
  });
  session.start();
  for (let round = 1; round <= 4; round++) {
    if (round === 3) session.apply({ type: 'toggle-activity', index: 0 });
    session.openRound(round * 1000);
    for (const seat of seats) session.choose(seat, round, seat === 0 && round < 3 ? 'D' : 'C');
  }
  emit(`${JSON.stringify(classDocument(session, '0.1.0'), null, 2)}\n`, classRun);
}

/** The real CLI, as tests/support/cli.ts runs it, but without blocking: independent runs go side by side. */
function cooplabAsync(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  writeClassRun();
  const inputs = await Promise.all([
    cooplabAsync([
      'sweep',
      '--scenario',
      'training-first',
      '--size',
      '8x8',
      '-g',
      '12',
      '--grid',
      'sanctions.fine=0,2',
      '--grid',
      'trust.gain=0.05:0.15:0.05',
      '--seeds',
      '2',
      '--workers',
      '1',
      '--out',
      sweep,
    ]),
    cooplabAsync(['cluster', '--scenario', 'training-first', '--size', '10x10', '-g', '20', '--set', 'trust.gain=0.3', '-f', 'json', '-o', run]),
    cooplabAsync(['cluster', '--scenario', 'training-first', '--size', '10x10', '-g', '20', '--seeds', '3', '--workers', '1', '-f', 'json', '-o', runs]),
    cooplabAsync([
      'tournament',
      '--strategies',
      'tit-for-tat,defector,grudger,alternator',
      '--turns',
      '20',
      '--repetitions',
      '2',
      '-f',
      'json',
      '-o',
      tournament,
    ]),
  ]);
  const made = [
    ...inputs,
    ...(await Promise.all([
      cooplabAsync(['report', run, '--out', reports.cluster]),
      cooplabAsync(['report', tournament, '--out', reports.tournament]),
      cooplabAsync(['report', sweep, '--out', reports.sweep]),
      cooplabAsync(['report', classRun, '--out', reports.class]),
      cooplabAsync(['report', runs, '--out', reports.seeds]),
    ])),
  ];
  for (const result of made) expect(result.stderr.replace(/^cooplab: wrote .*\n/gm, '').replace(/^sweep .*\n/gm, '')).toBe('');
  for (const result of made) expect(result.status).toBe(0);
});

describe('cooplab plot', () => {
  it('draws a phase diagram in the terminal: title, the axes with their values, a cell per combination, a legend', () => {
    const result = cooplab(['plot', sweep, '--x', 'sanctions.fine', '--y', 'trust.gain', '--metric', 'cooperation']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/\u001b/);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('final_cooperation by sanctions.fine and trust.gain (training-first)');
    expect(lines[1]).toContain('the mean over 2 seeds');
    const rows = lines.filter((line) => line.includes('│'));
    expect(rows.map((row) => row.split('│')[0]!.trim())).toEqual(['0.15', '0.1', '0.05']);
    for (const row of rows) expect(row.split('│')[1]!.trim().split(/\s+/)).toHaveLength(2);
    expect(result.stdout).toMatch(/ 0 +2 +sanctions\.fine →/);
    expect(result.stdout).toMatch(/^scale {2}· < 0\.2/m);
  });

  it('writes the same diagram as an SVG image, and its Vega-Lite spec with the data beside it', () => {
    const file = join(folder, 'phase.svg');
    const result = cooplab(['plot', sweep, '--x', 'trust.gain', '--y', 'sanctions.fine', '--metric', 'avg_mean_trust', '--svg', file]);
    expect(result.status).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(checkWellFormed(svg)).toEqual([]);
    expect(svg).toContain('<title>avg_mean_trust by trust.gain and sanctions.fine (training-first)</title>');
    expect(marksOf(svg, 'cell')).toHaveLength(6);
    expect(svg).toContain('linearGradient');
    expect(result.stderr).toBe(`cooplab: wrote ${file} and its Vega-Lite spec ${join(folder, 'phase.vl.json')}\n`);
    const spec = JSON.parse(readFileSync(join(folder, 'phase.vl.json'), 'utf8')) as { $schema: string; title: string; data: { values: { value: number }[] } };
    expect(spec.$schema).toMatch(/vega-lite/);
    expect(spec.title).toBe('avg_mean_trust by trust.gain and sanctions.fine (training-first)');
    expect(spec.data.values).toHaveLength(6);
    // The same data, the same picture: byte for byte.
    expect(
      cooplab(['plot', sweep, '--x', 'trust.gain', '--y', 'sanctions.fine', '--metric', 'avg_mean_trust', '--svg', join(folder, 'again.svg')]).status,
    ).toBe(0);
    expect(readFileSync(join(folder, 'again.svg'), 'utf8')).toBe(svg);
  });

  it.each([
    [['plot', join(folder, 'missing'), '--x', 'a', '--y', 'b'], /^cooplab: no sweep folder '.*missing': expected a folder written by cooplab sweep --out\n$/],
    [
      ['plot', sweep, '--x', 'sanctions.fines', '--y', 'trust.gain'],
      /^cooplab: unknown --x 'sanctions\.fines': expected a path of the sweep's grid: sanctions\.fine, trust\.gain\n$/,
    ],
    [
      ['plot', sweep, '--x', 'sanctions.fine', '--y', 'trust.gain', '--metric', 'happiness'],
      /^cooplab: unknown metric 'happiness': expected a column of results\.csv: final_cooperation, .*avg_exits.*\n$/,
    ],
  ])('refuses bad input with one line and exit 2: %j', (args, message) => {
    const result = cooplab(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('cooplab report', () => {
  const html = (kind: keyof typeof reports) => readFileSync(reports[kind], 'utf8');

  it('writes self-contained HTML: no scripts, no external assets', () => {
    for (const kind of ['cluster', 'tournament', 'sweep', 'class', 'seeds'] as const) {
      const page = html(kind);
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(page).not.toMatch(/<script|<link|<img|src=|@import|url\((?!#)/i);
      for (const svg of page.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(checkWellFormed(svg)).toEqual([]);
    }
  });

  it('reports a cluster run: settings, six charts, the event log and the command that reproduces it', () => {
    const page = html('cluster');
    expect(page).toContain('<title>Cluster run: Training first: low-risk joint activities pave the way</title>');
    expect((page.match(/<svg /g) ?? []).length).toBe(6);
    for (const title of [
      'Co-operation and trust',
      'Co-operation by kind of activity',
      'Activity ladder',
      'Relationships on the trust ladder',
      'Strategy shares',
    ]) {
      expect(page).toContain(`<title>${title}</title>`);
    }
    expect(page).toContain('The business association starts a joint training programme');
    expect(page).toContain('cooplab cluster --scenario training-first --size 10x10 --set trust.gain=0.3 --seed 1 --generations 20 -f json -o run.json');
  });

  it('the rebuilt cluster command gives the same run, byte for byte', () => {
    const again = join(folder, 'again.json');
    const result = cooplab([
      'cluster',
      '--scenario',
      'training-first',
      '--size',
      '10x10',
      '--set',
      'trust.gain=0.3',
      '--seed',
      '1',
      '--generations',
      '20',
      '-f',
      'json',
      '-o',
      again,
    ]);
    expect(result.status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(run, 'utf8'));
  });

  it('reports a tournament: the ranking table and the score-matrix heatmap', () => {
    const page = html('tournament');
    expect(page).toContain('<th scope="col">rank</th>');
    expect((page.match(/<tr><td class="number">\d+<\/td><td>[a-z-]+<\/td>/g) ?? []).length).toBe(4);
    expect(page).toContain('<title>Score matrix</title>');
    const matrix = page.slice(page.indexOf('<title>Score matrix</title>'));
    expect(marksOf(matrix.slice(0, matrix.indexOf('</svg>')), 'cell')).toHaveLength(16);
    expect(page).toContain(
      'cooplab tournament --strategies tit-for-tat,defector,grudger,alternator --turns 20 --repetitions 2 --seed 1 -f json -o tournament.json',
    );
  });

  it('reports a sweep: the settings, a phase diagram and the results table', () => {
    const page = html('sweep');
    expect(page).toContain('<th scope="row">grid: trust.gain</th><td>0.05, 0.1, 0.15</td>');
    expect(page).toContain('<title>final_cooperation by sanctions.fine and trust.gain (training-first)</title>');
    expect(marksOf(page, 'cell')).toHaveLength(6);
    expect((page.match(/<tr><td class="number">\d+<\/td>/g) ?? []).length).toBe(12);
    // Co-operation over time: a line per combination with the band of its two seeds.
    expect(page).toContain('<title>Co-operation over time, by combination</title>');
    expect(marksOf(page, 'band')).toHaveLength(6);
    // The final lattice of each combination's first seed: 8 × 8 firms each.
    expect(page).toContain('<h2>Final lattices</h2>');
    expect((page.match(/<rect class="cell firm"/g) ?? []).length).toBe(6 * 64);
    expect(page).toMatch(
      /cooplab sweep --scenario training-first --size 8x8 --grid sanctions\.fine=0,2 --grid trust\.gain=0\.05,0\.1,0\.15 --seeds 2 --generations 12 --seed 1 --out /,
    );
  });

  it("reports a class session: the charts, the leaderboard, the rounds and the teacher's interventions", () => {
    const page = html('class');
    expect(page).toContain('<title>Class session: pairwise rounds</title>');
    for (const title of ['Co-operation and trust', 'Activity ladder']) expect(page).toContain(`<title>${title}</title>`);
    expect(page).toContain('<td>training programme switched on</td>');
    expect((page.match(/<tr><td class="number">\d+<\/td><td>(Ana|Ben|Caro|Dan)<\/td>/g) ?? []).length).toBe(4);
  });

  it('reports a run over several seeds: the mean with a band from the lowest to the highest seed, and each seed', () => {
    const page = html('seeds');
    expect(page).toContain('<title>Cluster runs over 3 seeds: Training first: low-risk joint activities pave the way</title>');
    expect((page.match(/<svg /g) ?? []).length).toBe(2);
    // One band per metric: co-operation, mutual co-operation and trust, then the payoff.
    expect(marksOf(page, 'band')).toHaveLength(4);
    const documents = (JSON.parse(readFileSync(runs, 'utf8')) as { runs: { seed: number; series: { cooperation: number }[] }[] }).runs;
    const finals = documents.map((document) => document.series[document.series.length - 1]!.cooperation);
    const mean = finals.reduce((sum, value) => sum + value, 0) / finals.length;
    const rounded = (value: number) => String(Number(value.toFixed(3)));
    expect(page).toContain(`co-operation ${rounded(mean)} (${rounded(Math.min(...finals))}–${rounded(Math.max(...finals))})`);
    expect(page).toContain('cooplab cluster --scenario training-first --size 10x10 --seed 1 --seeds 3 --generations 20 -f json -o runs.json');
  });

  it('refuses what is not a run, with one line and exit 2', () => {
    const result = cooplab(['report', join(folder, 'tournament.html'), '--out', join(folder, 'x.html')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^cooplab: run file '.*tournament\.html' is not valid JSON \(.*\): expected the output of cooplab cluster -f json or cooplab tournament -f json\n$/,
    );
    const missing = cooplab(['report', join(folder, 'nothing.json'), '--out', join(folder, 'x.html')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^cooplab: no run '.*nothing\.json': expected/);
  });
});

describe.runIf(hasChromium('the report tests in headless Chromium'))('the reports in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['cluster', 6],
    ['tournament', 2],
    ['sweep', 8],
    ['class', 2],
    ['seeds', 2],
  ] as const)('the %s report loads without errors and draws %i charts', async (kind, charts) => {
    const errors: string[] = [];
    const requests: string[] = [];
    const tab = page!;
    tab.removeAllListeners();
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(reports[kind]).href;
    const response = await tab.goto(url, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    const sizes = await tab.$$eval('svg', (elements) => elements.map((element) => element.getBoundingClientRect()).map((box) => [box.width, box.height]));
    expect(sizes).toHaveLength(charts);
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThan(100);
      expect(height).toBeGreaterThan(100);
    }
    // Every chart drew its marks: cells, lines or areas with a size.
    const marks = await tab.$$eval('svg', (elements) =>
      elements.map(
        (element) =>
          [...element.querySelectorAll('.cell, .mark-rect > path, .mark-line > path, .mark-area > path')].filter(
            (mark) => (mark as unknown as { getBBox(): { width: number } }).getBBox().width > 0,
          ).length,
      ),
    );
    for (const count of marks) expect(count).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });
});
