import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { LOOP_METRICS, type HysteresisRecord, type HysteresisSpec } from '../cluster/hysteresis.js';
import { scenarioDocument, writtenScenarioSchema, type Scenario } from '../cluster/scenario.js';
import { parseOutputDocument, readJsonFile } from './document.js';
import { snakeCase, toFileFields, type KeyRules } from './field-names.js';
import { prettyJson } from './json.js';

/**
 * A hysteresis loop's documents (docs/formats.md): the JSON that `cooplab hysteresis -f json`
 * writes and `cooplab hysteresis --input` draws again, and the tidy CSV (one row per seed and
 * step of the loop) for pandas or R.
 */

const recordSchema = z.object({
  direction: z.enum(['up', 'down']),
  step: z.number().int().min(0),
  value: z.number(),
  seed: z.number().int().min(0),
  generation: z.number().int().min(0),
  cooperation: z.number(),
  mutualCooperation: z.number(),
  meanTrust: z.number(),
  meanPayoff: z.number(),
  cooperationLowRisk: z.number().nullable(),
  cooperationRisky: z.number().nullable(),
});

const hysteresisSchema = z.object({
  cooplab: z.string(),
  /** The scenario as run, with the parameter pinned at `from` and any --set: a scenario file. */
  scenario: writtenScenarioSchema,
  parameter: z.string(),
  from: z.number(),
  to: z.number(),
  steps: z.number().int().min(1),
  generations: z.number().int().min(1),
  seeds: z.array(z.number().int().min(0)).min(1),
  records: z.array(recordSchema).min(1),
});

/** A hysteresis loop as its JSON holds it. */
export type HysteresisDocument = z.infer<typeof hysteresisSchema>;

/** The loop's document: what was run, and where each seed settled at each step. Records in loop order, seeds innermost. */
export function hysteresisDocument(
  scenario: Scenario,
  spec: HysteresisSpec,
  seeds: readonly number[],
  records: readonly HysteresisRecord[],
  version: string,
): HysteresisDocument {
  const ordered = [...records].sort((a, b) => a.step - b.step || seeds.indexOf(a.seed) - seeds.indexOf(b.seed));
  return {
    cooplab: version,
    scenario: scenarioDocument(scenario),
    parameter: spec.path,
    from: spec.from,
    to: spec.to,
    steps: spec.steps,
    generations: spec.generations,
    seeds: [...seeds],
    records: ordered.map((record) => ({ ...record })),
  };
}

/** The scenario keeps the scenario file's spelling. */
const HYSTERESIS_KEYS: KeyRules = { scenario: 'verbatim' };

export function hysteresisJson(document: HysteresisDocument): string {
  return prettyJson(toFileFields(document, HYSTERESIS_KEYS));
}

/** One row per seed and step: direction, step, value, seed, generation, then the metrics (an empty cell where a split has no rounds). */
export function hysteresisCsv(document: HysteresisDocument): string {
  const columns = ['direction', 'step', 'value', 'seed', 'generation', ...LOOP_METRICS.map(snakeCase), 'cooperation_low_risk', 'cooperation_risky'];
  const rows = document.records.map((record) => [
    record.direction,
    record.step,
    record.value,
    record.seed,
    record.generation,
    ...LOOP_METRICS.map((metric) => record[metric]),
    record.cooperationLowRisk ?? '',
    record.cooperationRisky ?? '',
  ]);
  return stringify(rows, { header: true, columns });
}

/** A loop's JSON (already parsed), checked; `file` names it in messages. */
export function parseHysteresis(document: unknown, file: string): HysteresisDocument {
  return parseOutputDocument(hysteresisSchema, document, 'hysteresis loop', file, HYSTERESIS_KEYS);
}

/** Reads the JSON of `cooplab hysteresis -f json`; a bad file is refused in one line. */
export function readHysteresis(file: string): HysteresisDocument {
  return parseHysteresis(readJsonFile(file, 'hysteresis loop'), file);
}
