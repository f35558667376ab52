import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDocument, withOverrides } from '../../src/cluster/scenario.js';
import { parseGridAxis, planSweep, runSweepTask } from '../../src/cluster/sweep.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { assemble, prepareFolder, readManifest, readSweep, readTaskResults, taskFile, writeTask, type SweepManifest } from '../../src/formats/sweep-files.js';
import { requireStrategies } from '../../strategies/registry.js';
import { withField, HOSTILE, HOSTILE_SHOWN, refusal, scratch, writeJson } from './refused.js';

const scenario = withOverrides(loadScenario('rivalry'), ['width=6', 'height=6']);
const grid = [parseGridAxis('sanctions.fine=0,2'), parseGridAxis('sanctions.compensate=false,true')];
const tasks = planSweep(scenario, grid, 1, 5);
const manifest: SweepManifest = {
  cooplab: '0.1.0',
  scenario: { ...scenarioDocument(scenario), parameters: scenario.parameters },
  grid,
  seeds: 1,
  rootSeed: 5,
  generations: 4,
  tasks: tasks.length,
  strategyModules: [],
};
const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
const results = tasks.map((task) => runSweepTask(scenario, strategies, task, 4));

/** A sweep folder written as `cooplab sweep` writes one. */
function sweepFolder(): string {
  const directory = scratch('sweep');
  prepareFolder(directory, manifest);
  for (const result of results) writeTask(directory, result);
  assemble(directory, manifest, readTaskResults(directory));
  return directory;
}

describe('a sweep folder', () => {
  const directory = sweepFolder();

  it('reads back its manifest and task files as written, and its manifest byte for byte', () => {
    const read = readManifest(directory);
    expect(read).toEqual(JSON.parse(JSON.stringify(manifest)));
    // merge writes the manifest it read: the same bytes
    const again = scratch('sweep-again');
    prepareFolder(again, read);
    expect(readFileSync(join(again, 'manifest.json'), 'utf8')).toBe(readFileSync(join(directory, 'manifest.json'), 'utf8'));
    const tasksRead = readTaskResults(directory).sort((a, b) => a.index - b.index);
    expect(tasksRead).toEqual(JSON.parse(JSON.stringify(results)));
  });

  it('writes snake_case fields, and a folder begun before that convention (camelCase) still resumes and reads', () => {
    expect(JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8'))).toMatchObject({ root_seed: 5, strategy_modules: [] });
    expect(JSON.parse(readFileSync(taskFile(directory, results[0]!.key), 'utf8'))).toMatchObject({
      seed_index: 1,
      final: { mean_trust: results[0]!.final.meanTrust },
    });
    const older = scratch('sweep-older');
    prepareFolder(older, manifest);
    writeFileSync(join(older, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(taskFile(older, results[0]!.key), `${JSON.stringify(results[0])}\n`);
    expect(() => prepareFolder(older, manifest)).not.toThrow();
    expect(readManifest(older)).toEqual(readManifest(directory));
    expect(readTaskResults(older)).toEqual([JSON.parse(JSON.stringify(results[0]))]);
    expect(() => prepareFolder(older, { ...manifest, rootSeed: 6 })).toThrow(/holds a different sweep/);
  });

  it('reads back results.csv: one row per task, its grid values as written and its metrics', () => {
    const sweep = readSweep(directory);
    expect(sweep.columns.slice(0, 5)).toEqual(['task', 'sanctions.fine', 'sanctions.compensate', 'seed_index', 'seed']);
    expect(sweep.rows).toHaveLength(4);
    expect(sweep.rows.map((row) => [row['sanctions.fine'], row['sanctions.compensate']])).toEqual([
      ['0', ''],
      ['0', '1'],
      ['2', ''],
      ['2', '1'],
    ]);
    expect(sweep.rows.map((row) => Number(row.final_cooperation))).toEqual(results.map((result) => result.final.cooperation));
  });

  it('refuses a malformed manifest, task file or results.csv in one escaped line', async () => {
    const broken = sweepFolder();
    const manifestFile = join(broken, 'manifest.json');
    writeJson(broken, 'manifest.json', withField(manifest, 'grid.0.values', '0,2'));
    expect(await refusal(() => readManifest(broken))).toBe(`sweep manifest '${manifestFile}': grid.0.values: got "0,2", expected a list`);
    writeJson(broken, 'manifest.json', withField(manifest, `scenario.${HOSTILE}`, 1));
    expect(await refusal(() => readSweep(broken))).toBe(
      `sweep manifest '${manifestFile}': scenario: unknown field '\\u001b[2J\\u202eevil': expected only the fields of docs/formats.md`,
    );
    writeJson(broken, 'manifest.json', manifest);
    const task = taskFile(broken, results[0]!.key);
    writeJson(broken, `tasks/${results[0]!.key}.json`, withField(results[0], 'seedIndex', HOSTILE));
    expect(await refusal(() => readTaskResults(broken))).toBe(
      `sweep task '${task}': seedIndex: got ${HOSTILE_SHOWN}, expected a number; delete it and run the same cooplab sweep command again to redo the task`,
    );
    const csv = join(broken, 'results.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('sanctions.compensate', 'compensate'));
    expect(await refusal(() => readSweep(broken))).toBe(
      `results.csv '${csv}': column 3: got 'compensate', expected 'sanctions.compensate' (the columns start with task, sanctions.fine, sanctions.compensate, seed_index, seed)`,
    );
  });
});
