import { runHysteresis, type HysteresisRecord, type HysteresisSpec } from '../cluster/hysteresis.js';
import type { Scenario } from '../cluster/scenario.js';
import { requireStrategies } from '../../strategies/registry.js';

export interface HysteresisJob {
  /** The scenario as prepareHysteresis returned it. */
  readonly scenario: Scenario;
  readonly spec: HysteresisSpec;
  readonly seed: number;
}

/** One seed's loop (a piscina task, or called in the main thread): the same records wherever it runs. */
export default function runHysteresisJob(job: HysteresisJob): HysteresisRecord[] {
  const strategies = requireStrategies(Object.keys(job.scenario.parameters.strategies));
  return runHysteresis(job.scenario, strategies, job.spec, job.seed);
}
