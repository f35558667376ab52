import { ClusterModel, type GenerationRecord } from './model.js';
import type { Scenario } from './scenario.js';
import type { Strategy } from '../core/strategy.js';
import type { PlayThreads } from './split-play.js';

/** A finished run of a scenario: its settings and one record per generation. */
export interface ClusterRun {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly generations: number;
  /** Row g is generation g as played: row 0 is the initial configuration. */
  readonly records: readonly GenerationRecord[];
  readonly model: ClusterModel;
}

/**
 * Runs a scenario for `generations` revisions: generations 0..generations are played and
 * recorded (generations + 1 rows). `onGeneration` may stop the run early by returning false.
 */
export function runScenario(
  scenario: Scenario,
  strategies: readonly Strategy[],
  options: {
    seed: number;
    generations: number;
    onGeneration?: (record: GenerationRecord, model: ClusterModel) => boolean | undefined;
    /** Threads to share each generation's play (the same results with any number). */
    threads?: PlayThreads | undefined;
  },
): ClusterRun {
  const { seed, threads } = options;
  const model = new ClusterModel({ parameters: scenario.parameters, seed, strategies, events: scenario.events, observeFirms: false, threads });
  const records: GenerationRecord[] = [];
  for (let generation = 0; generation <= options.generations; generation++) {
    const record = model.step();
    records.push(record);
    if (options.onGeneration?.(record, model) === false) break;
  }
  return { scenario, seed: options.seed, generations: options.generations, records, model };
}
