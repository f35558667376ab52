import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { prepareHysteresis, runHysteresis, type HysteresisSpec } from '../../src/cluster/hysteresis.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { hysteresisCsv, hysteresisDocument, hysteresisJson, readHysteresis } from '../../src/formats/hysteresis.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { HOSTILE, HOSTILE_SHOWN, REMOVED, refusal, scratch, withField, writeJson } from './refused.js';

const folder = scratch('hysteresis');
const spec: HysteresisSpec = { path: 'subsidy', from: 0, to: 1, steps: 2, generations: 4 };
const prepared = prepareHysteresis(withOverrides(loadScenario('lock-in'), ['width=8', 'height=8']), spec);
const strategies = requireStrategies(Object.keys(prepared.parameters.strategies));
const seeds = [4, 5];
// Records in the order the seeds ran (one seed's loop after the other): the document puts them in loop order.
const records = seeds.flatMap((seed) => runHysteresis(prepared, strategies, spec, seed));
const document = hysteresisDocument(prepared, spec, seeds, records, '0.1.0');
const file = join(folder, 'loop.json');
writeFileSync(file, hysteresisJson(document));

describe('a hysteresis loop as JSON', () => {
  it('holds what was run and the records in loop order, seeds innermost; reads back the same document', () => {
    expect(document.parameter).toBe('subsidy');
    expect(document.scenario.name).toBe('lock-in');
    expect(document.scenario.events).toEqual([]);
    expect(document.records.map((record) => `${record.direction} ${record.value} ${record.seed}`)).toEqual([
      'up 0 4',
      'up 0 5',
      'up 0.5 4',
      'up 0.5 5',
      'up 1 4',
      'up 1 5',
      'down 1 4',
      'down 1 5',
      'down 0.5 4',
      'down 0.5 5',
      'down 0 4',
      'down 0 5',
    ]);
    expect(readHysteresis(file)).toEqual(document);
    expect(hysteresisJson(readHysteresis(file))).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses a wrong or missing value in one line naming the file and the field, escaping what a hostile file holds', async () => {
    const original = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const direction = writeJson(folder, 'direction.json', withField(original, 'records.2.direction', 'sideways'));
    expect(await refusal(() => readHysteresis(direction))).toBe(`hysteresis loop '${direction}': records.2.direction: got "sideways", expected "up" or "down"`);
    const missing = writeJson(folder, 'missing.json', withField(original, 'parameter', REMOVED));
    expect(await refusal(() => readHysteresis(missing))).toBe(`hysteresis loop '${missing}': parameter: missing: expected a string`);
    const hostile = writeJson(folder, 'hostile.json', withField(original, 'steps', HOSTILE));
    expect(await refusal(() => readHysteresis(hostile))).toBe(`hysteresis loop '${hostile}': steps: got ${HOSTILE_SHOWN}, expected a number`);
  });
});

describe('a hysteresis loop as CSV', () => {
  it('is one row per seed and step, with the metrics of the generation recorded', () => {
    const rows = parse(hysteresisCsv(document), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'direction',
      'step',
      'value',
      'seed',
      'generation',
      'cooperation',
      'mutual_cooperation',
      'mean_trust',
      'mean_payoff',
      'cooperation_low_risk',
      'cooperation_risky',
    ]);
    expect(rows).toHaveLength(12);
    expect(rows.map((row) => Number(row.cooperation))).toEqual(document.records.map((record) => record.cooperation));
    expect(rows[11]).toMatchObject({ direction: 'down', step: '5', value: '0', seed: '5', generation: '23' });
    // The split by activity: an empty cell where no round of that kind was played.
    expect(rows.map((row) => (row.cooperation_risky === '' ? null : Number(row.cooperation_risky)))).toEqual(
      document.records.map((record) => record.cooperationRisky),
    );
    expect(document.records.some((record) => record.cooperationLowRisk !== null)).toBe(true);
  });
});
