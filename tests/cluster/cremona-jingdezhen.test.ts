import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../src/cluster/model.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// Cremona and Jingdezhen (issue 16): the same craft base, with and without a business producer.
// Peer review keeps dealings fair in both; only the producer brings the high-end orders on which
// the makers improve their work together, and only peer review keeps those orders honest. Seeds
// 1–10 on 30 × 30, 60 generations; the figures in docs/scenarios.md come from the same runs.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const GENERATIONS = 60;
const PRODUCER = 'business-producer';

function runs(preset: string, overrides: readonly string[]): GenerationRecord[][] {
  const scenario = withOverrides(loadScenario(preset), ['width=30', 'height=30', ...overrides]);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  return SEEDS.map((seed) => [...runScenario(scenario, strategies, { seed, generations: GENERATIONS }).records]);
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const ORDERS = loadScenario('cremona').parameters.activities.findIndex((activity) => activity.name === 'high-end-orders');
const orders = (record: GenerationRecord) => record.activities[ORDERS]!;

describe('cremona and jingdezhen: the business producer carries product improvement, peer review keeps it honest', () => {
  let cremona: GenerationRecord[][] = [];
  let jingdezhen: GenerationRecord[][] = [];
  beforeAll(() => {
    cremona = runs('cremona', []);
    jingdezhen = runs('jingdezhen', []);
  });

  it('jingdezhen is cremona without its producer, and nothing else', () => {
    const withoutProducer = withOverrides(loadScenario('cremona'), [`organisers.${PRODUCER}.active=false`]).parameters;
    const own = loadScenario('jingdezhen').parameters;
    const organiserFields = ({ description: _, ...rest }: { readonly description?: string | undefined }) => rest;
    expect({ ...own, organisers: own.organisers?.map(organiserFields) }).toEqual({
      ...withoutProducer,
      organisers: withoutProducer.organisers?.map(organiserFields),
    });
  });

  it('in cremona makers join the producer and work on its orders; in jingdezhen no order is ever placed', () => {
    for (const records of cremona) {
      const producer = records[30]!.organisers![0]!;
      // Founded with three makers in ten; the rest joined because members earned more.
      expect(producer.members).toBeGreaterThan(0.9);
      expect(producer.credibility).toBeGreaterThan(0.9);
      expect(orders(records[30]!)).toBeGreaterThan(0.8);
    }
    for (const records of jingdezhen) {
      expect(records.every((record) => orders(record) === 0 && record.organisers === undefined)).toBe(true);
    }
  });

  it('fair dealing holds in both; the makers with a producer earn more in every seed', () => {
    const final = (rows: GenerationRecord[][]) => rows.map((records) => records[GENERATIONS]!);
    expect(mean(final(cremona).map((record) => record.cooperation))).toBeGreaterThan(0.9);
    expect(mean(final(jingdezhen).map((record) => record.cooperation))).toBeGreaterThan(0.9);
    SEEDS.forEach((_, k) => {
      expect(final(cremona)[k]!.meanPayoff).toBeGreaterThan(final(jingdezhen)[k]!.meanPayoff + 5);
    });
  });

  it('without peer review the producer alone does not do it: its orders are cheated and co-operation falls', () => {
    const silent = runs('cremona', ['reputation.enabled=false']);
    expect(Math.max(...silent.map((records) => records[GENERATIONS]!.cooperation))).toBeLessThan(0.1);
    expect(Math.min(...silent.map((records) => orders(records[GENERATIONS]!)))).toBeGreaterThan(0.2);
  });
});
