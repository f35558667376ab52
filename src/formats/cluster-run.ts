import { stringify } from 'csv-stringify/sync';
import type { LiveSnapshot } from '../cluster/live.js';
import type { GenerationRecord } from '../cluster/model.js';
import type { ClusterRun } from '../cluster/run.js';
import { scenarioDocument } from '../cluster/scenario.js';
import { prettyJson } from './json.js';

/** One row per generation; row 0 is the initial configuration as played. */
export function clusterCsv(run: ClusterRun): string {
  return seriesCsv(
    run.records,
    run.scenario.parameters.activities.map((activity) => activity.name),
    run.model.pool.map((strategy) => strategy.id),
  );
}

/** The per-generation series as tidy CSV (also what the live view exports). */
export function seriesCsv(records: readonly GenerationRecord[], activityNames: readonly string[], strategyIds: readonly string[]): string {
  const columns = [
    'generation',
    'cooperation',
    'mutual_cooperation',
    'mean_trust',
    'mean_payoff',
    'fines',
    'exits',
    ...activityNames.map((name) => `activity:${name}`),
    ...strategyIds.map((id) => `share:${id}`),
  ];
  const rows = records.map((record) => [
    record.generation,
    record.cooperation,
    record.mutualCooperation,
    record.meanTrust,
    record.meanPayoff,
    record.fines,
    record.exits,
    ...record.activities,
    ...record.strategies,
  ]);
  return stringify(rows, { header: true, columns });
}

/** Every firm's state, one row per firm, for a snapshot export. */
export function latticeCsv(snapshot: LiveSnapshot): string {
  const rows: (string | number)[][] = [];
  for (let firm = 0; firm < snapshot.width * snapshot.height; firm++) {
    const activity = snapshot.activityOf[firm]!;
    rows.push([
      firm % snapshot.width,
      Math.floor(firm / snapshot.width),
      snapshot.strategies[snapshot.strategyOf[firm]!]!,
      snapshot.cooperation[firm]!,
      snapshot.trust[firm]!,
      activity === 255 ? '' : snapshot.activities[activity]!.name,
    ]);
  }
  return stringify(rows, { header: true, columns: ['x', 'y', 'strategy', 'cooperation', 'trust', 'activity'] });
}

export function clusterJson(run: ClusterRun, version: string): string {
  const { model, scenario } = run;
  const activityNames = scenario.parameters.activities.map((activity) => activity.name);
  const ids = model.pool.map((strategy) => strategy.id);
  const { width, height } = model.space;
  const lattice: number[][] = [];
  for (let y = 0; y < height; y++) lattice.push(Array.from(model.strategyOf.subarray(y * width, (y + 1) * width)));
  return prettyJson({
    cooplab: version,
    scenario: scenarioDocument(scenario),
    seed: run.seed,
    generations: run.generations,
    parameters: scenario.parameters,
    log: model.log,
    series: run.records.map((record) => ({
      generation: record.generation,
      cooperation: record.cooperation,
      mutualCooperation: record.mutualCooperation,
      meanTrust: record.meanTrust,
      meanPayoff: record.meanPayoff,
      fines: record.fines,
      exits: record.exits,
      activities: Object.fromEntries(activityNames.map((name, index) => [name, record.activities[index]])),
      strategies: Object.fromEntries(ids.map((id, index) => [id, record.strategies[index]])),
    })),
    final: {
      generation: model.generation,
      width,
      height,
      strategies: ids,
      // lattice[y][x]: index into `strategies` of the firm at (x, y) after the last revision
      lattice,
    },
  });
}
