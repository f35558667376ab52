import type { RandomSource } from '../core/random.js';
import { adoptPackedEntry, PACKED_STRATEGY_SHIFT, type PackedTorus } from './kernel.js';
import { AHEAD, DrawnAhead } from './drawn-ahead.js';

/** What a sequential rule on packed entries needs of a revision. */
export interface PackedSteps {
  readonly packed: PackedTorus;
  /** share × N elementary steps. */
  readonly steps: number;
  readonly random: RandomSource;
  readonly mutation: number;
  readonly poolSize: number;
  readonly K: number;
}

/** Tables of pairs of packed entries up to this many cells; beyond it the loops compute each value. */
const MOST_PAIRS = 1 << 16;

/**
 * A function of two packed entries, worked out the first time a pair comes up and kept: the same
 * expression on the same values, so the same double, without an exponential a step. NaN marks a
 * pair not yet worked out (no value of the functions tabled here is NaN).
 */
function pairTable(span: number): Float64Array | undefined {
  return span * span <= MOST_PAIRS ? new Float64Array(span * span).fill(Number.NaN) : undefined;
}

/** The loops leave strategyOf alone (a scattered write a step) and copy the entries' strategies into it at the end. */
function copyStrategies(packed: PackedTorus): void {
  const { entry, strategyOf } = packed;
  for (let firm = 0; firm < entry.length; firm++) strategyOf[firm] = entry[firm]! >> PACKED_STRATEGY_SHIFT;
}

/** Entries beyond this many bytes are read ahead; a lattice whose entries stay in the core's own caches gains nothing from it. */
const READ_AHEAD_FROM = 1 << 18;

/** A firm's entry and those of the rows above and below, read so that they are in the cache when a step needs them (one number's worth of drawn-ahead.ts). */
function readRows(entry: Uint8Array | Uint16Array, firm: number, width: number, size: number): number {
  const up = firm >= width ? firm - width : firm - width + size;
  const down = firm + width < size ? firm + width : firm + width - size;
  return entry[firm]! ^ entry[up]! ^ entry[down]!;
}

/** 1 if two entries' strategies differ, else 0, by arithmetic (strategies < 2¹¹): a step takes its coin without a branch on what it read. */
function strategiesDiffer(one: number, other: number): number {
  return (((one ^ other) >> PACKED_STRATEGY_SHIFT) + 0x7ff) >> 11;
}

/**
 * fermi with current payoffs on a torus, on the packed entries (kernel.ts): a step reads one
 * entry per firm for its strategy and payoff instead of three scattered arrays, which is what a
 * step on a lattice beyond the caches waits for, and reads the entries of later steps' firms
 * ahead (drawn-ahead.ts). The same draws in the same order as the plain loop (evolution.ts), and
 * the same results.
 */
export function fermiOnPackedTorus({ packed, steps, random, mutation, poolSize, K }: PackedSteps): void {
  if (steps === 0) return;
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
  if (entry.byteLength <= READ_AHEAD_FROM) {
    // In cache: the plain loop on the stream, which the buffer would only slow down.
    for (let step = 0; step < steps; step++) {
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
    return;
  }
  // A step takes two numbers at least (its firm, then its neighbour or the mutation coin), three at most, four with mutation.
  const drawn = new DrawnAhead(random, 2);
  const most = mutation > 0 ? 4 : 3;
  const numbers = drawn.numbers;
  const readAhead = entry.byteLength > READ_AHEAD_FROM;
  let read = 0;
  let step = 0;
  while (step < steps) {
    drawn.refill(steps - step);
    let at = drawn.start;
    const stop = drawn.end - most;
    if (at > stop) {
      // The last step: fewer numbers are sure to be taken than it may take, so it takes them one by one.
      const firm = (drawn.next() * size) | 0;
      if (mutation > 0 && drawn.next() < mutation) adoptPackedEntry(packed, firm, (drawn.next() * poolSize) | 0);
      else {
        const own = entry[firm]!;
        const other = entry[neighbourOf(firm, (drawn.next() * degree) | 0)]!;
        if (strategiesDiffer(own, other) === 1 && drawn.next() < probabilityOf(own, other)) adoptPackedEntry(packed, firm, other >> PACKED_STRATEGY_SHIFT);
      }
      step++;
      continue;
    }
    for (; step < steps && at <= stop; step++) {
      if (readAhead) {
        // At most three numbers a step: reading ahead for three keeps up with every number.
        read ^= readRows(entry, (numbers[at + AHEAD]! * size) | 0, width, size);
        read ^= readRows(entry, (numbers[at + AHEAD + 1]! * size) | 0, width, size);
        read ^= readRows(entry, (numbers[at + AHEAD + 2]! * size) | 0, width, size);
      }
      // ⌊u · n⌋ by truncation: u < 1 and n < 2³¹, so the same integer.
      const firm = (numbers[at++]! * size) | 0;
      if (mutation > 0 && numbers[at++]! < mutation) {
        adoptPackedEntry(packed, firm, (numbers[at++]! * poolSize) | 0);
        continue;
      }
      const own = entry[firm]!;
      const other = entry[neighbourOf(firm, (numbers[at++]! * degree) | 0)]!;
      // Two firms of one strategy: nothing changes and no coin is taken.
      const differ = strategiesDiffer(own, other);
      const coin = numbers[at]!;
      at += differ;
      if (differ === 1 && coin < probabilityOf(own, other)) adoptPackedEntry(packed, firm, other >> PACKED_STRATEGY_SHIFT);
    }
    drawn.start = at;
  }
  drawn.read = read;
  copyStrategies(packed);
}

/**
 * moran with current payoffs on a torus, on the packed entries (kernel.ts): neighbours by
 * arithmetic, in neighbourhood order, and each one's strategy and payoff from its entry, instead
 * of the neighbour lists, strategies, ties and counts; later steps' entries are read ahead
 * (drawn-ahead.ts). The same draws, weights and results as the plain loop (evolution.ts).
 */
export function moranOnPackedTorus({ packed, steps, random, mutation, poolSize, K }: PackedSteps): void {
  if (steps === 0) return;
  const { entry, value, width, height, dxs, dys } = packed;
  const size = width * height;
  const degree = dxs.length;
  const neighbours = new Int32Array(degree);
  const weights = new Float64Array(degree);
  const inverseK = 1 / K;
  const span = value.length;
  // A neighbour's weight relative to the best one's, by the pair of their entries.
  const relative = pairTable(span);
  // A step takes one number at least (its firm), two with mutation; two at most, three with mutation.
  const least = mutation > 0 ? 2 : 1;
  const most = mutation > 0 ? 3 : 2;
  const drawn = new DrawnAhead(random, least);
  const numbers = drawn.numbers;
  const readAhead = entry.byteLength > READ_AHEAD_FROM;
  let read = 0;
  let step = 0;
  while (step < steps) {
    drawn.refill(steps - step);
    const last = drawn.start > drawn.end - most;
    // The last step takes its numbers one by one (fewer are sure to be taken than it may take).
    let at = drawn.start;
    for (; step < steps && (last || at <= drawn.end - most); step++) {
      let firm: number;
      let coin: number;
      if (last) {
        firm = (drawn.next() * size) | 0;
        coin = mutation > 0 ? drawn.next() : 1;
      } else {
        if (readAhead) {
          // At most two numbers a step (without mutation): reading ahead for two keeps up with every number.
          read ^= readRows(entry, (numbers[at + AHEAD]! * size) | 0, width, size);
          read ^= readRows(entry, (numbers[at + AHEAD + 1]! * size) | 0, width, size);
          if (mutation > 0) read ^= readRows(entry, (numbers[at + AHEAD + 2]! * size) | 0, width, size);
        }
        firm = (numbers[at++]! * size) | 0;
        coin = mutation > 0 ? numbers[at++]! : 1;
      }
      if (coin < mutation) {
        adoptPackedEntry(packed, firm, ((last ? drawn.next() : numbers[at++]!) * poolSize) | 0);
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
      let target = (last ? drawn.next() : numbers[at++]!) * total;
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
    if (!last) drawn.start = at;
  }
  drawn.read = read;
  copyStrategies(packed);
}
