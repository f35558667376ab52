import type { RandomSource } from '../core/random.js';
import { Lattice, type Space } from './space.js';

/**
 * Strategy revision. Each rule reads this generation's payoffs and writes the strategies for
 * the next one into strategyOf; the model then restarts the relationships of the firms whose
 * strategy differs (once, however often a firm changed back and forth during the revision).
 */
export interface Revision {
  readonly space: Space;
  readonly strategyOf: Uint8Array;
  readonly payoff: Float64Array;
  readonly poolSize: number;
  /** Share of firms (synchronous) or of N elementary steps (sequential) that revise. */
  readonly share: number;
  readonly mutation: number;
  readonly random: RandomSource;
  /** A buffer of one byte per firm that a synchronous rule may use (saves an allocation a generation). */
  readonly scratch?: Uint8Array | undefined;
}

/** A revising firm mutates with probability μ: it takes a strategy from the pool at random. */
function mutate(revision: Revision): number {
  if (revision.mutation > 0 && revision.random() < revision.mutation) {
    return Math.floor(revision.random() * revision.poolSize);
  }
  return -1;
}

function adopt(revision: Revision, firm: number, strategy: number): void {
  revision.strategyOf[firm] = strategy;
}

/**
 * Nowak & May (1992): every firm at once adopts the strategy of the highest-payoff firm
 * among its neighbours and itself. Ties keep the own strategy; among neighbours that tie
 * for best, the first in neighbourhood order wins.
 */
export function imitateBest(revision: Revision): void {
  const { space, strategyOf, payoff, share } = revision;
  const { neighbourOffsets, neighbourList, size } = space;
  const next = revision.scratch?.length === size ? revision.scratch : new Uint8Array(size);
  const lattice = space instanceof Lattice ? space : undefined;
  const deltas = lattice?.deltas ?? new Int32Array(0);
  const width = lattice?.width ?? 0;
  const deltaCount = deltas.length;
  const [d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0] = deltas;
  for (let firm = 0, column = 0; firm < size; firm++, column = column + 1 === width ? 0 : column + 1) {
    let best = firm;
    let bestPayoff = payoff[firm]!;
    if (lattice !== undefined && column > 0 && column < width - 1 && firm >= width && firm < size - width) {
      // Away from the edges the neighbours are at fixed index differences, in the same order.
      if (deltaCount === 8) {
        // Moore, unrolled: this loop is Nowak & May's whole revision on a million firms.
        let value = payoff[firm + d0]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d0);
        value = payoff[firm + d1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d1);
        value = payoff[firm + d2]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d2);
        value = payoff[firm + d3]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d3);
        value = payoff[firm + d4]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d4);
        value = payoff[firm + d5]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d5);
        value = payoff[firm + d6]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d6);
        value = payoff[firm + d7]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + d7);
      } else {
        for (let k = 0; k < deltaCount; k++) {
          const neighbour = firm + deltas[k]!;
          const value = payoff[neighbour]!;
          if (value > bestPayoff) {
            bestPayoff = value;
            best = neighbour;
          }
        }
      }
    } else {
      for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) {
        const neighbour = neighbourList[k]!;
        const value = payoff[neighbour]!;
        if (value > bestPayoff) {
          bestPayoff = value;
          best = neighbour;
        }
      }
    }
    next[firm] = strategyOf[best]!;
  }
  if (share >= 1 && revision.mutation === 0) {
    strategyOf.set(next);
    return;
  }
  for (let firm = 0; firm < size; firm++) {
    if (share < 1 && revision.random() >= share) continue;
    const mutant = mutate(revision);
    adopt(revision, firm, mutant >= 0 ? mutant : next[firm]!);
  }
}

/**
 * Pairwise comparison (Szabó & Tőke 1998; Traulsen et al. 2006): random sequential; a firm
 * x picks a random neighbour y and adopts its strategy with probability
 * 1 / (1 + exp((P_x − P_y) / K)). One generation is share × N elementary updates.
 */
export function fermi(revision: Revision, K: number): void {
  const { space, strategyOf, payoff, random, mutation, poolSize } = revision;
  const { neighbourOffsets, neighbourList, size } = space;
  const steps = Math.round(revision.share * size);
  // On a torus a neighbour's index is arithmetic: no lookups in the neighbour lists, whose
  // random access dominates a million-firm sequential update.
  const torus = space instanceof Lattice && space.boundary === 'torus' ? space : undefined;
  const width = torus?.width ?? 1;
  const height = torus?.height ?? 1;
  const dxs = Int32Array.from(torus?.offsets ?? [], ([dx]) => dx);
  const dys = Int32Array.from(torus?.offsets ?? [], ([, dy]) => dy);
  const degreeOnTorus = dxs.length;
  const inverseK = 1 / K;
  for (let step = 0; step < steps; step++) {
    const firm = Math.floor(random() * size);
    if (mutation > 0 && random() < mutation) {
      strategyOf[firm] = Math.floor(random() * poolSize);
      continue;
    }
    let neighbour: number;
    if (torus !== undefined) {
      const k = Math.floor(random() * degreeOnTorus);
      const x = firm % width;
      const y = (firm - x) / width;
      let nx = x + dxs[k]!;
      let ny = y + dys[k]!;
      if (nx < 0) nx += width;
      else if (nx >= width) nx -= width;
      if (ny < 0) ny += height;
      else if (ny >= height) ny -= height;
      neighbour = ny * width + nx;
    } else {
      const degree = neighbourOffsets[firm + 1]! - neighbourOffsets[firm]!;
      if (degree === 0) continue;
      neighbour = neighbourList[neighbourOffsets[firm]! + Math.floor(random() * degree)]!;
    }
    const probability = 1 / (1 + Math.exp((payoff[firm]! - payoff[neighbour]!) * inverseK));
    if (random() < probability) strategyOf[firm] = strategyOf[neighbour]!;
  }
}

/**
 * Death–birth Moran updating (Ohtsuki et al. 2006): a random firm's strategy is replaced by
 * that of a neighbour chosen in proportion to payoff. Payoffs can be negative, so weights are
 * payoffs less the lowest among the neighbours (all equal: uniform). share × N steps.
 */
export function moran(revision: Revision): void {
  const { space, strategyOf, payoff, random } = revision;
  const { neighbourOffsets, neighbourList, size } = space;
  const steps = Math.round(revision.share * size);
  for (let step = 0; step < steps; step++) {
    const firm = Math.floor(random() * size);
    const mutant = mutate(revision);
    if (mutant >= 0) {
      adopt(revision, firm, mutant);
      continue;
    }
    const from = neighbourOffsets[firm]!;
    const to = neighbourOffsets[firm + 1]!;
    if (to === from) continue;
    let lowest = Infinity;
    for (let k = from; k < to; k++) lowest = Math.min(lowest, payoff[neighbourList[k]!]!);
    let total = 0;
    for (let k = from; k < to; k++) total += payoff[neighbourList[k]!]! - lowest;
    let chosen = neighbourList[to - 1]!;
    if (total > 0) {
      let target = random() * total;
      for (let k = from; k < to; k++) {
        target -= payoff[neighbourList[k]!]! - lowest;
        if (target < 0) {
          chosen = neighbourList[k]!;
          break;
        }
      }
    } else {
      chosen = neighbourList[from + Math.floor(random() * (to - from))]!;
    }
    adopt(revision, firm, strategyOf[chosen]!);
  }
}
