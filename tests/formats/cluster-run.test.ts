import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import {
  clusterCsv,
  clusterJson,
  clusterRunDocument,
  clusterRunsCsv,
  clusterRunsJson,
  parseClusterRun,
  readClusterRun,
} from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { HOSTILE, REMOVED, withField, HOSTILE_SHOWN, refusal, scratch, writeJson } from './refused.js';

const folder = scratch('cluster');
const scenario = withOverrides(loadScenario('training-first'), ['width=8', 'height=8']);
const run = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 3, generations: 12 });
const file = join(folder, 'run.json');
writeFileSync(file, clusterJson(run, '0.1.0'));

describe('a cluster run as JSON', () => {
  it('reads back what it wrote: the same document, its fields in snake_case in the file', () => {
    const read = readClusterRun(file);
    expect(read).toEqual(clusterRunDocument(run, '0.1.0'));
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.series[4]).toMatchObject({
      mutual_cooperation: read.series[4]!.mutualCooperation,
      mean_trust: read.series[4]!.meanTrust,
      no_rung: read.series[4]!.noRung,
    });
    expect(written.series[4]).not.toHaveProperty('meanTrust');
    expect(read.log).toEqual([{ generation: 10, label: 'The business association starts a joint training programme' }]);
    expect(read.final.lattice).toHaveLength(8);
  });

  it('refuses a wrong value in one line naming the file, the field, the value and what was expected', async () => {
    const bad = writeJson(folder, 'bad-value.json', withField(JSON.parse(readFileSync(file, 'utf8')), 'series.3.cooperation', 'high'));
    expect(await refusal(() => readClusterRun(bad))).toBe(`cluster run '${bad}': series.3.cooperation: got "high", expected a number`);
  });

  it('names a bad field as the file spells it', async () => {
    const bad = writeJson(folder, 'bad-trust.json', withField(JSON.parse(readFileSync(file, 'utf8')), 'series.3.mean_trust', 'high'));
    expect(await refusal(() => readClusterRun(bad))).toBe(`cluster run '${bad}': series.3.mean_trust: got "high", expected a number`);
  });

  it('still reads a run written before the snake_case convention (camelCase fields), as the same document', async () => {
    // What cooplab wrote until then: the document as the program names its fields.
    const older = join(folder, 'older.json');
    writeFileSync(older, JSON.stringify(clusterRunDocument(run, '0.1.0'), null, 2));
    expect(readClusterRun(older)).toEqual(readClusterRun(file));
    const bad = writeJson(folder, 'older-bad.json', withField(JSON.parse(readFileSync(older, 'utf8')), 'series.3.meanTrust', 'high'));
    expect(await refusal(() => readClusterRun(bad))).toBe(`cluster run '${bad}': series.3.meanTrust: got "high", expected a number`);
  });

  it('refuses a missing field, and escapes what a hostile file holds', async () => {
    const missing = writeJson(folder, 'missing.json', withField(JSON.parse(readFileSync(file, 'utf8')), 'final', REMOVED));
    expect(await refusal(() => readClusterRun(missing))).toBe(`cluster run '${missing}': final: missing: expected an object`);
    const hostile = writeJson(folder, 'hostile.json', withField(JSON.parse(readFileSync(file, 'utf8')), 'log.0.generation', HOSTILE));
    expect(await refusal(() => readClusterRun(hostile))).toBe(`cluster run '${hostile}': log.0.generation: got ${HOSTILE_SHOWN}, expected a number`);
  });

  it('refuses a file that is not JSON', async () => {
    const text = join(folder, 'not.json');
    writeFileSync(text, 'generation,cooperation\n');
    expect(await refusal(() => readClusterRun(text))).toMatch(/^cluster run file '.*not\.json' is not valid JSON \(.*\): expected a JSON object$/);
  });
});

describe('a cluster run as CSV', () => {
  it('holds one row per generation with the JSON series values, by column name', () => {
    const rows = parse(clusterCsv(run), { columns: true, cast: true }) as Record<string, number>[];
    const { series } = clusterRunDocument(run, '0.1.0');
    expect(rows).toHaveLength(series.length);
    rows.forEach((row, index) => {
      const point = series[index]!;
      expect(row).toEqual({
        generation: point.generation,
        cooperation: point.cooperation,
        mutual_cooperation: point.mutualCooperation,
        mean_trust: point.meanTrust,
        mean_payoff: point.meanPayoff,
        fines: point.fines,
        exits: point.exits,
        ...Object.fromEntries(Object.entries(point.activities).map(([name, share]) => [`activity:${name}`, share])),
        ...Object.fromEntries(Object.entries(point.strategies).map(([id, share]) => [`share:${id}`, share])),
        // An empty cell where no round of that kind was played (csv-parse reads it as '').
        cooperation_low_risk: point.cooperationLowRisk ?? '',
        cooperation_risky: point.cooperationRisky ?? '',
        ...Object.fromEntries(Object.entries(point.rungs!).map(([name, share]) => [`rung:${name}`, share])),
        no_rung: point.noRung,
      });
    });
  });

  it("keeps the first version's columns in front, in their order: the new ones come last", () => {
    const header = clusterCsv(run).split('\n')[0]!.split(',');
    expect(header).toEqual([
      'generation',
      'cooperation',
      'mutual_cooperation',
      'mean_trust',
      'mean_payoff',
      'fines',
      'exits',
      'activity:training',
      'activity:technology-exchange',
      'share:defector',
      'share:tit-for-tat',
      'share:raise-the-stakes',
      'share:trust-threshold',
      'cooperation_low_risk',
      'cooperation_risky',
      'rung:training',
      'rung:technology-exchange',
      'no_rung',
    ]);
    // Before training starts (generation 10) no round is low-risk: an empty cell, not 0.
    expect(clusterCsv(run).split('\n')[1]!.split(',')[13]).toBe('');
  });
});

describe('older runs and years', () => {
  it('reads a run written before the split co-operation, the rungs and years', () => {
    const old = JSON.parse(readFileSync(file, 'utf8'));
    for (const point of old.series) {
      delete point.cooperationLowRisk;
      delete point.cooperationRisky;
      delete point.rungs;
      delete point.noRung;
    }
    const read = readClusterRun(writeJson(folder, 'old.json', old));
    expect(read.series[3]).not.toHaveProperty('rungs');
    expect(read.series[3]!.cooperation).toBe(run.records[3]!.cooperation);
  });

  it('without years: no year column and no year field', () => {
    expect(clusterCsv(run).split('\n')[0]).not.toContain('year');
    const document = clusterRunDocument(run, '0.1.0');
    expect(document.series[0]).not.toHaveProperty('year');
    expect(document.log[0]).not.toHaveProperty('year');
    expect(document.scenario).not.toHaveProperty('startYear');
  });

  it('with years: a last year column, a year on every point and event, and the scale in the scenario', () => {
    const dated = { ...run, scenario: { ...run.scenario, years: { startYear: 1990, generationsPerYear: 4 } } };
    const rows = parse(clusterCsv(dated), { columns: true, cast: true }) as Record<string, number>[];
    expect(Object.keys(rows[0]!).at(-1)).toBe('year');
    // Generations 0–3 are 1990, 4–7 are 1991, 8–11 are 1992, 12 is 1993.
    expect(rows.map((row) => row.year)).toEqual([1990, 1990, 1990, 1990, 1991, 1991, 1991, 1991, 1992, 1992, 1992, 1992, 1993]);
    const document = clusterRunDocument(dated, '0.1.0');
    expect(document.series.map((point) => point.year)).toEqual(rows.map((row) => row.year));
    expect(document.log).toEqual([{ generation: 10, year: 1992, label: 'The business association starts a joint training programme' }]);
    expect(document.scenario).toMatchObject({ startYear: 1990, generationsPerYear: 4 });
    const again = readClusterRun(writeJson(folder, 'dated.json', JSON.parse(clusterJson(dated, '0.1.0'))));
    expect(again).toEqual(document);
  });
});

describe('several seeds in one document', () => {
  const again = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 4, generations: 12 });

  it('JSON: { "runs": [ … ] }, each run readable as a cluster run', () => {
    const { runs } = JSON.parse(clusterRunsJson([clusterJson(run, '0.1.0'), clusterJson(again, '0.1.0')])) as { runs: unknown[] };
    expect(runs.map((entry, index) => parseClusterRun(entry, `runs.${index}`))).toEqual([clusterRunDocument(run, '0.1.0'), clusterRunDocument(again, '0.1.0')]);
  });

  it('CSV: one header with a seed column in front, then every run', () => {
    const rows = parse(clusterRunsCsv([3, 4], [clusterCsv(run), clusterCsv(again)]), { columns: true, cast: true }) as Record<string, number>[];
    const single = parse(clusterCsv(again), { columns: true, cast: true }) as Record<string, number>[];
    expect(rows).toHaveLength(26);
    expect(rows.slice(13)).toEqual(single.map((row) => ({ seed: 4, ...row })));
  });
});

describe('standing in a cluster run', () => {
  const spoken = withOverrides(loadScenario('cremona'), ['width=8', 'height=8']);
  const strategies = requireStrategies(Object.keys(spoken.parameters.strategies));

  it('adds the reputation columns at the end when the layer is on, with cheats below fair dealers, and leaves them out when it is off', () => {
    const withStanding = runScenario(spoken, strategies, { seed: 2, generations: 5 });
    const rows: Record<string, string>[] = parse(clusterCsv(withStanding), { columns: true });
    expect(Object.keys(rows[0]!).slice(-3)).toEqual(['reputation_cooperators', 'reputation_defectors', 'bad_standing']);
    for (const row of rows) expect(Number(row.reputation_defectors)).toBeLessThan(Number(row.reputation_cooperators));
    const document = clusterRunDocument(withStanding, '0.1.0');
    expect(document.series[0]!.reputation).toEqual(withStanding.records[0]!.reputation);
    expect(parseClusterRun(JSON.parse(clusterJson(withStanding, '0.1.0')), 'run.json')).toEqual(document);

    const silent = runScenario(withOverrides(spoken, ['reputation.enabled=false']), strategies, { seed: 2, generations: 5 });
    expect(clusterCsv(silent).split('\n')[0]).not.toContain('reputation');
    expect(clusterRunDocument(silent, '0.1.0').series[0]).not.toHaveProperty('reputation');
  });

  it('leaves the cells empty for generations played before the layer was switched on', () => {
    const later = { ...withOverrides(spoken, ['reputation.enabled=false']), events: [{ generation: 2, set: { 'reputation.enabled': true } }] };
    const rows: Record<string, string>[] = parse(clusterCsv(runScenario(later, strategies, { seed: 2, generations: 3 })), { columns: true });
    expect(rows.map((row) => row.bad_standing === '')).toEqual([true, true, false, false]);
  });
});
