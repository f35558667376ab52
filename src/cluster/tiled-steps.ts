import { adoptTiledEntry, PACKED_STRATEGY_SHIFT } from './kernel.js';
import type { PackedSteps } from './packed-steps.js';
import { copyStrategies, strategiesDiffer } from './step-tables.js';
import { tileSlot } from './tiled-torus.js';

/**
 * The sequential steps on one-byte entries in tiles (tiled-torus.ts): the loops of packed-steps.ts
 * with the same draws in the same order and the same results, a firm found by its (x, y) and its
 * entry and its neighbours' by their tile slots.
 */

/** A function of two one-byte entries, tabled the first time a pair comes up (packed-steps.ts): NaN until then. */
function byteTable(span: number): Float64Array {
  return new Float64Array(span * span).fill(Number.NaN);
}

/**
 * The row of the firm at `firm` = y · width + x, without an integer division: (firm + ½) / width
 * lies at least ½ / width from a whole number, far more than the product's rounding error.
 */
function rowOf(firm: number, inverseWidth: number): number {
  return ((firm + 0.5) * inverseWidth) | 0;
}

/** Fermi's chance that `own` adopts `other`'s strategy, from the table (worked out the first time the pair comes up). */
function adoptionChance(adoption: Float64Array, value: Float64Array, own: number, other: number, inverseK: number): number {
  const pair = own * value.length + other;
  let probability = adoption[pair]!;
  if (Number.isNaN(probability)) probability = adoption[pair] = 1 / (1 + Math.exp((value[own]! - value[other]!) * inverseK));
  return probability;
}

export function fermiOnTiles({ packed, steps, random, mutation, poolSize, K }: PackedSteps): void {
  const { entry, tilesAcross: across, value, width, height, dxs, dys } = packed;
  const size = width * height;
  const degree = dxs.length;
  const inverseK = 1 / K;
  const inverseWidth = 1 / width;
  const adoption = byteTable(value.length);
  for (let step = 0; step < steps; step++) {
    // ⌊u · n⌋ by truncation: u < 1 and n < 2³¹, so the same integer.
    const firm = (random() * size) | 0;
    const y = rowOf(firm, inverseWidth);
    const x = firm - y * width;
    if (mutation > 0 && random() < mutation) {
      adoptTiledEntry(packed, x, y, (random() * poolSize) | 0);
      continue;
    }
    const k = (random() * degree) | 0;
    let nx = x + dxs[k]!;
    let ny = y + dys[k]!;
    if (nx < 0) nx += width;
    else if (nx >= width) nx -= width;
    if (ny < 0) ny += height;
    else if (ny >= height) ny -= height;
    const own = entry[tileSlot(x, y, across)]!;
    const other = entry[tileSlot(nx, ny, across)]!;
    // Two firms of one strategy: nothing changes and no coin is drawn.
    if (strategiesDiffer(own, other) === 1 && random() < adoptionChance(adoption, value, own, other, inverseK))
      adoptTiledEntry(packed, x, y, other >> PACKED_STRATEGY_SHIFT);
  }
  copyStrategies(packed);
}

export function moranOnTiles({ packed, steps, random, mutation, poolSize, K }: PackedSteps): void {
  const { entry, tilesAcross: across, value, width, height, dxs, dys } = packed;
  const size = width * height;
  const degree = dxs.length;
  const slots = new Int32Array(degree);
  const weights = new Float64Array(degree);
  const inverseK = 1 / K;
  const inverseWidth = 1 / width;
  const span = value.length;
  // A neighbour's weight relative to the best one's, by the pair of their entries.
  const relative = byteTable(span);
  for (let step = 0; step < steps; step++) {
    const firm = (random() * size) | 0;
    const y = rowOf(firm, inverseWidth);
    const x = firm - y * width;
    if (mutation > 0 && random() < mutation) {
      adoptTiledEntry(packed, x, y, (random() * poolSize) | 0);
      continue;
    }
    for (let k = 0; k < degree; k++) {
      let nx = x + dxs[k]!;
      let ny = y + dys[k]!;
      if (nx < 0) nx += width;
      else if (nx >= width) nx -= width;
      if (ny < 0) ny += height;
      else if (ny >= height) ny -= height;
      slots[k] = tileSlot(nx, ny, across);
    }
    const own = entry[tileSlot(x, y, across)]! >> PACKED_STRATEGY_SHIFT;
    const first = entry[slots[0]!]! >> PACKED_STRATEGY_SHIFT;
    let uniform = true;
    for (let k = 1; k < degree && uniform; k++) uniform = entry[slots[k]!]! >> PACKED_STRATEGY_SHIFT === first;
    if (uniform) {
      if (first !== own) adoptTiledEntry(packed, x, y, first);
      continue;
    }
    let highest = -Infinity;
    let best = 0;
    for (let k = 0; k < degree; k++) {
      const neighbour = entry[slots[k]!]!;
      const payoff = value[neighbour]!;
      if (payoff > highest) {
        highest = payoff;
        best = neighbour;
      }
    }
    // Weights relative to the best neighbour's (which weighs 1), so exp cannot overflow.
    let total = 0;
    for (let k = 0; k < degree; k++) {
      const neighbour = entry[slots[k]!]!;
      const pair = neighbour * span + best;
      let weight = relative[pair]!;
      if (Number.isNaN(weight)) weight = relative[pair] = Math.exp((value[neighbour]! - highest) * inverseK);
      weights[k] = weight;
      total += weight;
    }
    let chosen = slots[degree - 1]!;
    let target = random() * total;
    for (let k = 0; k < degree; k++) {
      target -= weights[k]!;
      if (target < 0) {
        chosen = slots[k]!;
        break;
      }
    }
    const model = entry[chosen]! >> PACKED_STRATEGY_SHIFT;
    if (model !== own) adoptTiledEntry(packed, x, y, model);
  }
  copyStrategies(packed);
}
