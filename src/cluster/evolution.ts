import type { RandomSource } from '../core/random.js';
import type { Space } from './space.js';

/**
 * Strategy revision. Each rule reads this generation's payoffs and writes the strategies for
 * the next one, calling `changed(firm)` for every firm whose strategy changes.
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
  readonly changed: (firm: number) => void;
}

/** A revising firm mutates with probability μ: it takes a strategy from the pool at random. */
function mutate(revision: Revision): number {
  if (revision.mutation > 0 && revision.random() < revision.mutation) {
    return Math.floor(revision.random() * revision.poolSize);
  }
  return -1;
}

function adopt(revision: Revision, firm: number, strategy: number): void {
  if (revision.strategyOf[firm] !== strategy) {
    revision.strategyOf[firm] = strategy;
    revision.changed(firm);
  }
}

/**
 * Nowak & May (1992): every firm at once adopts the strategy of the highest-payoff firm
 * among its neighbours and itself. Ties keep the own strategy; among neighbours that tie
 * for best, the first in neighbourhood order wins.
 */
export function imitateBest(revision: Revision): void {
  const { space, strategyOf, payoff, share } = revision;
  const { neighbourOffsets, neighbourList, size } = space;
  const next = new Uint8Array(size);
  for (let firm = 0; firm < size; firm++) {
    let best = firm;
    let bestPayoff = payoff[firm]!;
    for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) {
      const neighbour = neighbourList[k]!;
      const value = payoff[neighbour]!;
      if (value > bestPayoff) {
        bestPayoff = value;
        best = neighbour;
      }
    }
    next[firm] = strategyOf[best]!;
  }
  const everyone = share >= 1 && revision.mutation === 0;
  for (let firm = 0; firm < size; firm++) {
    if (!everyone) {
      if (share < 1 && revision.random() >= share) continue;
      const mutant = mutate(revision);
      if (mutant >= 0) {
        adopt(revision, firm, mutant);
        continue;
      }
    }
    adopt(revision, firm, next[firm]!);
  }
}

/**
 * Pairwise comparison (Szabó & Tőke 1998; Traulsen et al. 2006): random sequential; a firm
 * x picks a random neighbour y and adopts its strategy with probability
 * 1 / (1 + exp((P_x − P_y) / K)). One generation is share × N elementary updates.
 */
export function fermi(revision: Revision, K: number): void {
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
    const degree = neighbourOffsets[firm + 1]! - neighbourOffsets[firm]!;
    if (degree === 0) continue;
    const neighbour = neighbourList[neighbourOffsets[firm]! + Math.floor(random() * degree)]!;
    const probability = 1 / (1 + Math.exp((payoff[firm]! - payoff[neighbour]!) / K));
    if (random() < probability) adopt(revision, firm, strategyOf[neighbour]!);
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
