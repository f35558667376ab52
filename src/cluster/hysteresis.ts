import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import type { Strategy } from '../core/strategy.js';
import { ClusterModel, type GenerationRecord } from './model.js';
import { getPath, isStructural, withParameter } from './parameters.js';
import { withOverrides, type Scenario } from './scenario.js';

/**
 * A hysteresis loop: one parameter swept up and then back down while the cluster runs on, so each
 * step starts from where the last one settled (strategies, trust, relationships and their
 * histories carry over). Where the branches up and down part, the cluster's state depends on its
 * history and not only on the parameter: Meyer-Stamer's two stable constellations (docs/scenarios.md,
 * `lock-in`). This module runs one seed's loop and summarises loops; it does no I/O.
 */

/** The most steps a loop may take each way: a loop is drawn, so a few dozen is plenty. */
export const MAX_STEPS = 1000;
/** The most generations a loop may spend at one value. */
export const MAX_STEP_GENERATIONS = 100_000;

export interface HysteresisSpec {
  /** A numeric parameter path, as for --set (`subsidy`, `activities.training.cost`). */
  readonly path: string;
  readonly from: number;
  readonly to: number;
  /** Intervals between `from` and `to`: the loop visits steps + 1 values each way. */
  readonly steps: number;
  /** Generations played at each value before the cluster's state there is recorded. */
  readonly generations: number;
}

export type Direction = 'up' | 'down';

/** The metrics a loop records at each value, as the generation record names them. */
export const LOOP_METRICS = ['cooperation', 'mutualCooperation', 'meanTrust', 'meanPayoff'] as const;
export type LoopMetric = (typeof LOOP_METRICS)[number];

/** Where one seed's cluster settled at one value on one branch: the last generation played there. */
export interface HysteresisRecord extends Readonly<Record<LoopMetric, number>> {
  readonly direction: Direction;
  /** Position along the loop: 0 … steps up, then steps + 1 … 2·steps + 1 down. */
  readonly step: number;
  readonly value: number;
  readonly seed: number;
  /** The generation recorded (the model's clock runs on through the whole loop). */
  readonly generation: number;
  /** Co-operation in the low-risk rounds and in the risky rounds alone; null where no round was of that kind. */
  readonly cooperationLowRisk: number | null;
  readonly cooperationRisky: number | null;
}

/** The values of a loop's branch up, `from` to `to` in equal steps (printed as decimals, so 0.1 + 0.2 reads 0.3). */
export function loopValues(spec: Pick<HysteresisSpec, 'from' | 'to' | 'steps'>): number[] {
  return Array.from({ length: spec.steps + 1 }, (_, k) =>
    k === spec.steps ? spec.to : Number((spec.from + (k * (spec.to - spec.from)) / spec.steps).toPrecision(12)),
  );
}

/**
 * Checks a loop against a scenario before anything runs, and returns the scenario it runs: the
 * parameter pinned at `from` (the timeline's events that set it are dropped, as with --set; the
 * others happen at their generations, counted from the start of the loop).
 */
export function prepareHysteresis(scenario: Scenario, spec: HysteresisSpec): Scenario {
  const { path } = spec;
  if (!Number.isSafeInteger(spec.steps) || spec.steps < 1 || spec.steps > MAX_STEPS) {
    throw new InputError(`invalid --steps ${printable(String(spec.steps))}: expected a whole number from 1 to ${MAX_STEPS}`);
  }
  if (!Number.isSafeInteger(spec.generations) || spec.generations < 1 || spec.generations > MAX_STEP_GENERATIONS) {
    throw new InputError(`invalid --generations ${printable(String(spec.generations))}: expected a whole number from 1 to ${MAX_STEP_GENERATIONS}`);
  }
  if (!Number.isFinite(spec.from) || !Number.isFinite(spec.to) || spec.from >= spec.to) {
    throw new InputError(`invalid range --from ${printable(String(spec.from))} --to ${printable(String(spec.to))}: expected two numbers with --from < --to`);
  }
  const current = getPath(scenario.parameters, path);
  if (isStructural(path)) {
    throw new InputError(
      `--parameter '${printable(path, 80)}' shapes the lattice or the starting population: expected a parameter that can change during a run`,
    );
  }
  if (typeof current !== 'number') {
    throw new InputError(
      `--parameter '${printable(path, 80)}' is ${printable(JSON.stringify(current) ?? String(current), 40)}, not a number: expected a numeric parameter such as subsidy, sanctions.fine or activities.training.cost`,
    );
  }
  for (const value of loopValues(spec)) {
    try {
      withParameter(scenario.parameters, path, value);
    } catch (error) {
      if (error instanceof InputError)
        throw new InputError(`--parameter ${printable(path, 80)} at ${value} (from --from ${spec.from} to --to ${spec.to}): ${error.message}`);
      throw error;
    }
  }
  return withOverrides(scenario, [`${path}=${JSON.stringify(spec.from)}`]);
}

/** One seed's loop on a scenario prepared by prepareHysteresis: the branch up, then the branch down. */
export function runHysteresis(prepared: Scenario, strategies: readonly Strategy[], spec: HysteresisSpec, seed: number): HysteresisRecord[] {
  const model = new ClusterModel({ parameters: prepared.parameters, seed, strategies, events: prepared.events, observeFirms: false });
  const up = loopValues(spec);
  const legs: [Direction, number][] = [
    ...up.map((value): [Direction, number] => ['up', value]),
    ...[...up].reverse().map((value): [Direction, number] => ['down', value]),
  ];
  return legs.map(([direction, value], step) => {
    model.set(spec.path, value, `${direction}: ${spec.path} = ${value}`);
    let last: GenerationRecord | undefined;
    for (let generation = 0; generation < spec.generations; generation++) last = model.step();
    const record = last!;
    return {
      direction,
      step,
      value,
      seed,
      generation: record.generation,
      cooperation: record.cooperation,
      mutualCooperation: record.mutualCooperation,
      meanTrust: record.meanTrust,
      meanPayoff: record.meanPayoff,
      cooperationLowRisk: record.cooperationLowRisk,
      cooperationRisky: record.cooperationRisky,
    };
  });
}

/** One value on one branch over the seeds: each seed's figure, their mean and their range. */
export interface BranchPoint {
  readonly value: number;
  /** Per seed, in the order of the records. */
  readonly seeds: readonly number[];
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export interface LoopSummary {
  readonly metric: LoopMetric;
  /** Branch points in increasing value, for both branches. */
  readonly up: readonly BranchPoint[];
  readonly down: readonly BranchPoint[];
  /** Where the branches' means lie furthest apart (the loop's width), and by how much (down − up). */
  readonly widest: { readonly value: number; readonly gap: number };
  readonly seeds: number;
}

/** The two branches of a loop over its seeds, and where they lie furthest apart. */
export function summariseLoop(records: readonly HysteresisRecord[], metric: LoopMetric): LoopSummary {
  const branch = (direction: Direction): BranchPoint[] => {
    const byValue = new Map<number, number[]>();
    for (const record of records) {
      if (record.direction !== direction) continue;
      const list = byValue.get(record.value) ?? [];
      list.push(record[metric]);
      byValue.set(record.value, list);
    }
    return [...byValue.entries()]
      .sort(([a], [b]) => a - b)
      .map(([value, list]) => ({
        value,
        seeds: list,
        mean: list.reduce((sum, x) => sum + x, 0) / list.length,
        min: Math.min(...list),
        max: Math.max(...list),
      }));
  };
  const up = branch('up');
  const down = branch('down');
  let widest = { value: up[0]?.value ?? 0, gap: 0 };
  for (const point of up) {
    const other = down.find((candidate) => candidate.value === point.value);
    if (other !== undefined && Math.abs(other.mean - point.mean) > Math.abs(widest.gap)) widest = { value: point.value, gap: other.mean - point.mean };
  }
  return { metric, up, down, widest, seeds: new Set(records.map((record) => record.seed)).size };
}
