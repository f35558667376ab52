import { buildActivityTable } from '../../src/cluster/activities.js';
import { ClusterModel, type ClusterEvent } from '../../src/cluster/model.js';
import { DEFAULT_PARAMETERS, validateParameters, type ActivitySpec, type ClusterParameters } from '../../src/cluster/parameters.js';
import { poolEntry } from '../../src/cluster/pool.js';
import { WindowHistory } from '../../src/cluster/relationships.js';
import { Lattice, type Neighbourhood } from '../../src/cluster/space.js';
import type { RandomSource } from '../../src/core/random.js';
import { defineStrategy } from '../../src/authoring/define.js';
import type { Move, Strategy } from '../../src/core/strategy.js';
import { builtin } from './play.js';

/** A plain prisoner's dilemma with a negative sucker's payoff, easy to add up by hand. */
export const DEAL: ActivitySpec = { name: 'deal', lowRisk: false, R: 3, S: -1, T: 4, P: 0, cost: 0, trustThreshold: 0, enabled: true };

/** The two rungs of the workshop ladder (docs/model.md): low-risk training, risky technology exchange. */
export const TRAINING: ActivitySpec = { name: 'training', lowRisk: true, R: 1, S: -0.3, T: 1.3, P: 0, cost: 0, trustThreshold: 0, enabled: true };
export const TECH: ActivitySpec = { name: 'tech', lowRisk: false, R: 3, S: -3, T: 5, P: 0, cost: 0, trustThreshold: 0.6, enabled: true };

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key; lists, values and `strategies` replace (as in scenario files). */
function merge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    merged[key] = key === 'strategies' ? value : merge(base[key], value);
  }
  return merged;
}

/**
 * Parameters for hand-worked tests: a 2×1 lattice with fixed edges and no self-interaction,
 * the DEAL activity (R=3, S=−1, T=4, P=0), everyone drawn from `strategies` (no cooperator
 * share), and frozen strategies (update.share 0), overlaid with `overrides`.
 */
export function clusterParameters(overrides: DeepPartial<ClusterParameters> = {}): ClusterParameters {
  const base: ClusterParameters = {
    ...DEFAULT_PARAMETERS,
    width: 2,
    height: 1,
    boundary: 'fixed',
    selfInteraction: false,
    cooperators: null,
    strategies: { cooperator: 1 },
    activities: [DEAL],
    update: { ...DEFAULT_PARAMETERS.update, share: 0 },
  };
  return validateParameters(merge(base, overrides));
}

export interface FirmsOptions {
  readonly seed?: number;
  readonly kernel?: boolean;
  readonly events?: readonly ClusterEvent[];
  /** Lattice width; default: the whole layout is one row. */
  readonly width?: number;
}

/**
 * A model whose firms hold the given strategies, row by row (ids of built-ins or strategy
 * objects). The pool is the distinct strategies in order of first appearance. The layout is
 * written into `strategyOf` before the first step, which is exact as long as no relationship
 * has a past yet (every machine is in its initial state), so rivalry history needs a
 * single-strategy layout.
 */
export function firms(layout: readonly (string | Strategy)[], overrides: DeepPartial<ClusterParameters> = {}, options: FirmsOptions = {}): ClusterModel {
  const resolved = layout.map((entry) => (typeof entry === 'string' ? builtin(entry) : entry));
  const pool: Strategy[] = [];
  for (const strategy of resolved) if (!pool.some((known) => known.id === strategy.id)) pool.push(strategy);
  const width = options.width ?? layout.length;
  const parameters = clusterParameters({
    width,
    height: layout.length / width,
    ...overrides,
    strategies: Object.fromEntries(pool.map((strategy) => [strategy.id, 1])),
  });
  if (parameters.rivalry.history > 0 && pool.length > 1) throw new Error('firms(): rivalry history needs a single-strategy layout');
  const model = new ClusterModel({ parameters, seed: options.seed ?? 1, strategies: pool, kernel: options.kernel, events: options.events });
  for (const [firm, strategy] of resolved.entries()) model.strategyOf[firm] = pool.findIndex((known) => known.id === strategy.id);
  return model;
}

/** The edge between firms a and b (either order). */
export function edgeBetween(model: ClusterModel, a: number, b: number): number {
  const { firmA, firmB, count } = model.graph;
  for (let edge = 0; edge < count; edge++) {
    if ((firmA[edge] === a && firmB[edge] === b) || (firmA[edge] === b && firmB[edge] === a)) return edge;
  }
  throw new Error(`no relationship between firms ${a} and ${b}`);
}

/** Firm `a`'s trust in firm `b`. */
export function trustOf(model: ClusterModel, a: number, b: number): number {
  const edge = edgeBetween(model, a, b);
  return model.relationships.trust[edge * 2 + (model.graph.firmA[edge] === a ? 0 : 1)]!;
}

/** Firm `a`'s moves towards firm `b` as a strategy sees them (the window, oldest first). */
export function movesOf(model: ClusterModel, a: number, b: number): string {
  return historyOf(model, a, b).toArray().join('');
}

/** Firm `a`'s side of its relationship with `b`, as the WindowHistory a strategy reads. */
export function historyOf(model: ClusterModel, a: number, b: number): WindowHistory {
  const edge = edgeBetween(model, a, b);
  const history = new WindowHistory(model.relationships);
  history.point(edge, model.graph.firmA[edge] === a ? 0 : 1);
  return history;
}

/** Tit-for-tat written as move() only, with no finite-state form: it goes through the general path. */
export const titForTatByMove: Strategy = defineStrategy(
  {
    id: 'tit-for-tat-by-move',
    name: 'Tit For Tat (move only)',
    description: "Co-operates first, then repeats the partner's last move; written as move() only.",
    provenance: 'test fixture',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  () => ({ move: (view): Move => view.opponent.last ?? 'C' }),
);

/** The built-in tit-for-tat's own players, without its finite-state form: its machine runs through move(). */
export const titForTatWrapped: Strategy = defineStrategy(
  {
    id: 'tit-for-tat-wrapped',
    name: 'Tit For Tat (wrapped)',
    description: 'The built-in tit-for-tat, hidden behind defineStrategy.',
    provenance: 'test fixture',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  (parameters) => builtin('tit-for-tat').create(parameters),
);

/** A scripted random source: the given numbers in order, then `after` (or an error). */
export function scripted(values: readonly number[], after?: () => number): () => number {
  let index = 0;
  return () => {
    if (index < values.length) return values[index++]!;
    if (after !== undefined) return after();
    throw new Error('scripted random source exhausted');
  };
}

/**
 * A torus of `strategies` drawn from `setup`, half its firms tied to external buyers, with what a
 * sequential revision's current payoffs are made from: the set-up the packed steps' tests share.
 */
export function sequentialCase(strategies: readonly Strategy[], neighbourhood: Neighbourhood, width: number, height: number, setup: RandomSource) {
  const parameters = clusterParameters({ width, height, neighbourhood, boundary: 'torus', selfInteraction: false, externalBuyers: { share: 0.5, bonus: 0.7 } });
  const space = new Lattice(width, height, neighbourhood, 'torus');
  const strategyOf = Uint8Array.from({ length: space.size }, () => Math.floor(setup() * strategies.length));
  const buyerTied = Uint8Array.from({ length: space.size }, () => (setup() < 0.5 ? 1 : 0));
  const table = buildActivityTable(parameters, 0);
  const entries = strategies.map((strategy) => poolEntry(strategy, table));
  return { parameters, space, strategyOf, buyerTied, table, entries };
}
