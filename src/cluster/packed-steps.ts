import type { RandomSource, StreamState } from '../core/random.js';
import { adoptPackedEntry, PACKED_STRATEGY_SHIFT, type PackedTorus } from './kernel.js';
import { stepsInKernel } from './sequential-wasm.js';
import { copyStrategies, pairTable, strategiesDiffer } from './step-tables.js';

/** What a sequential rule on packed entries needs of a revision. */
export interface PackedSteps {
  readonly packed: PackedTorus;
  /** share × N elementary steps. */
  readonly steps: number;
  readonly random: RandomSource;
  readonly mutation: number;
  readonly poolSize: number;
  readonly K: number;
  /** The generator behind `random`, when the revision holds it: the WebAssembly steps (sequential-wasm.ts) continue it and hand it back. */
  readonly stream?: StreamState | undefined;
}

/**
 * fermi with current payoffs on a torus, on the packed entries (kernel.ts): a step reads one
 * entry per firm for its strategy and payoff instead of three scattered arrays, which is what a
 * step on a lattice beyond the caches waits for. The same draws in the same order as the plain
 * loop (evolution.ts), and the same results. One loop at every size: numbers drawn ahead and the
 * entries of later steps read ahead made a step beyond the caches slower, not faster
 * (docs/benchmarks.md, "Lattice against C", sequential updates). Where it can, the WebAssembly
 * kernel takes the same steps (sequential-wasm.ts): this loop is the reference.
 */
export function fermiOnPackedTorus(revision: PackedSteps): void {
  const { packed, steps, random, mutation, poolSize, K } = revision;
  if (steps === 0) return;
  if (stepsInKernel('fermi', revision)) {
    copyStrategies(packed);
    return;
  }
  const { entry, value, width, height, dxs, dys } = packed;
  const size = width * height;
  const degree = dxs.length;
  const inverseK = 1 / K;
  const span = value.length;
  const adoption = pairTable(span);
  const probabilityOf = (own: number, other: number): number => {
    if (adoption === undefined) return 1 / (1 + Math.exp((value[own]! - value[other]!) * inverseK));
    const pair = own * span + other;
    let probability = adoption[pair]!;
    if (Number.isNaN(probability)) probability = adoption[pair] = 1 / (1 + Math.exp((value[own]! - value[other]!) * inverseK));
    return probability;
  };
  const neighbourOf = (firm: number, k: number): number => {
    const x = firm % width;
    const y = (firm - x) / width;
    let nx = x + dxs[k]!;
    let ny = y + dys[k]!;
    if (nx < 0) nx += width;
    else if (nx >= width) nx -= width;
    if (ny < 0) ny += height;
    else if (ny >= height) ny -= height;
    return ny * width + nx;
  };
  for (let step = 0; step < steps; step++) {
    // ⌊u · n⌋ by truncation: u < 1 and n < 2³¹, so the same integer.
    const firm = (random() * size) | 0;
    if (mutation > 0 && random() < mutation) {
      adoptPackedEntry(packed, firm, (random() * poolSize) | 0);
      continue;
    }
    const own = entry[firm]!;
    const other = entry[neighbourOf(firm, (random() * degree) | 0)]!;
    // Two firms of one strategy: nothing changes and no coin is drawn.
    if (strategiesDiffer(own, other) === 1 && random() < probabilityOf(own, other)) adoptPackedEntry(packed, firm, other >> PACKED_STRATEGY_SHIFT);
  }
  copyStrategies(packed);
}

/**
 * moran with current payoffs on a torus, on the packed entries (kernel.ts): neighbours by
 * arithmetic, in neighbourhood order, and each one's strategy and payoff from its entry, instead
 * of the neighbour lists, strategies, ties and counts. The same draws, weights and results as the
 * plain loop (evolution.ts). Where it can, the WebAssembly kernel takes the same steps.
 */
export function moranOnPackedTorus(revision: PackedSteps): void {
  const { packed, steps, random, mutation, poolSize, K } = revision;
  if (steps === 0) return;
  if (stepsInKernel('moran', revision)) {
    copyStrategies(packed);
    return;
  }
  const { entry, value, width, height, dxs, dys } = packed;
  const size = width * height;
  const degree = dxs.length;
  const neighbours = new Int32Array(degree);
  const weights = new Float64Array(degree);
  const inverseK = 1 / K;
  const span = value.length;
  // A neighbour's weight relative to the best one's, by the pair of their entries.
  const relative = pairTable(span);
  for (let step = 0; step < steps; step++) {
    const firm = (random() * size) | 0;
    if (mutation > 0 && random() < mutation) {
      adoptPackedEntry(packed, firm, (random() * poolSize) | 0);
      continue;
    }
    const x = firm % width;
    const y = (firm - x) / width;
    for (let k = 0; k < degree; k++) {
      let nx = x + dxs[k]!;
      let ny = y + dys[k]!;
      if (nx < 0) nx += width;
      else if (nx >= width) nx -= width;
      if (ny < 0) ny += height;
      else if (ny >= height) ny -= height;
      neighbours[k] = ny * width + nx;
    }
    const own = entry[firm]! >> PACKED_STRATEGY_SHIFT;
    const first = entry[neighbours[0]!]! >> PACKED_STRATEGY_SHIFT;
    let uniform = true;
    for (let k = 1; k < degree && uniform; k++) uniform = entry[neighbours[k]!]! >> PACKED_STRATEGY_SHIFT === first;
    if (uniform) {
      if (first !== own) adoptPackedEntry(packed, firm, first);
      continue;
    }
    let highest = -Infinity;
    let best = 0;
    for (let k = 0; k < degree; k++) {
      const neighbour = entry[neighbours[k]!]!;
      const payoff = value[neighbour]!;
      if (payoff > highest) {
        highest = payoff;
        best = neighbour;
      }
    }
    // Weights relative to the best neighbour's (which weighs 1), so exp cannot overflow.
    let total = 0;
    for (let k = 0; k < degree; k++) {
      const neighbour = entry[neighbours[k]!]!;
      let weight: number;
      if (relative === undefined) weight = Math.exp((value[neighbour]! - highest) * inverseK);
      else {
        const pair = neighbour * span + best;
        weight = relative[pair]!;
        if (Number.isNaN(weight)) weight = relative[pair] = Math.exp((value[neighbour]! - highest) * inverseK);
      }
      weights[k] = weight;
      total += weight;
    }
    let chosen = neighbours[degree - 1]!;
    let target = random() * total;
    for (let k = 0; k < degree; k++) {
      target -= weights[k]!;
      if (target < 0) {
        chosen = neighbours[k]!;
        break;
      }
    }
    const model = entry[chosen]! >> PACKED_STRATEGY_SHIFT;
    if (model !== own) adoptPackedEntry(packed, firm, model);
  }
  copyStrategies(packed);
}
