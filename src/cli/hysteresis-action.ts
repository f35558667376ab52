import { availableParallelism } from 'node:os';
import { prepareHysteresis, type HysteresisRecord, type HysteresisSpec } from '../cluster/hysteresis.js';
import { withOverrides } from '../cluster/scenario.js';
import { InputError } from '../core/errors.js';
import { hysteresisCsv, hysteresisDocument, hysteresisJson, readHysteresis, type HysteresisDocument } from '../formats/hysteresis.js';
import { emit } from '../formats/output.js';
import { loadScenario } from '../formats/scenario-file.js';
import { loopChart, loopPlot, loopText } from '../report/hysteresis-plot.js';
import { writeChartFiles } from '../report/chart-files.js';
import { colourEnabled } from '../theme/theme.js';
import { cooplabVersion } from '../version.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import type { HysteresisOptions } from './hysteresis-command.js';
import type { HysteresisJob } from './hysteresis-worker.js';
import { workerThreads } from './worker-threads.js';

export async function runHysteresisCommand(options: HysteresisOptions): Promise<void> {
  const document = options.input === undefined ? await runLoop(options) : readHysteresis(options.input);
  if (options.svg !== undefined) {
    const [svg, spec] = await writeChartFiles(loopChart(loopPlot(document, options.metric)), options.svg);
    process.stderr.write(`cooplab: wrote ${svg} and its Vega-Lite spec ${spec}\n`);
  }
  if (options.format === 'json') emit(hysteresisJson(document), options.out);
  else if (options.format === 'csv') emit(hysteresisCsv(document), options.out);
  else emit(loopText(loopPlot(document, options.metric), options.out === undefined && colourEnabled() && process.stdout.isTTY === true), options.out);
}

async function runLoop(options: HysteresisOptions): Promise<HysteresisDocument> {
  if (options.parameter === undefined || options.from === undefined || options.to === undefined) {
    throw new InputError(
      'hysteresis needs --parameter, --from and --to (or --input FILE to draw a saved loop): expected e.g. --parameter subsidy --from 0 --to 1',
    );
  }
  const base = loadScenario(options.scenario);
  const sized = options.size === undefined ? [] : [`width=${options.size.width}`, `height=${options.size.height}`];
  const scenario = withOverrides(base, [...sized, ...options.set]);
  const spec: HysteresisSpec = { path: options.parameter, from: options.from, to: options.to, steps: options.steps, generations: options.generations };
  const prepared = prepareHysteresis(scenario, spec);
  requireStrategies(Object.keys(prepared.parameters.strategies), builtinStrategies, `the strategies of scenario '${prepared.name}'`);
  const first = options.seed ?? scenario.seed;
  const seeds = Array.from({ length: options.seeds }, (_, k) => first + k);
  const jobs: HysteresisJob[] = seeds.map((seed) => ({ scenario: prepared, spec, seed }));
  const workers = workerThreads(options.workers ?? availableParallelism(), jobs.length);
  let results: HysteresisRecord[][];
  if (workers <= 1) {
    const { default: runJob } = await import('./hysteresis-worker.js');
    results = jobs.map(runJob);
  } else {
    const { Piscina } = await import('piscina');
    const pool = new Piscina({ filename: new URL('./hysteresis-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
    try {
      results = (await Promise.all(jobs.map((job) => pool.run(job)))) as HysteresisRecord[][];
    } finally {
      await pool.destroy();
    }
  }
  return hysteresisDocument(prepared, spec, seeds, results.flat(), cooplabVersion());
}
