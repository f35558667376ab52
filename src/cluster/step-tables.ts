import { PACKED_STRATEGY_SHIFT, type PackedTorus } from './kernel.js';

/** Tables of pairs of packed entries up to this many cells; beyond it the loops compute each value. */
const MOST_PAIRS = 1 << 16;

/**
 * A function of two packed entries, worked out the first time a pair comes up and kept: the same
 * expression on the same values, so the same double, without an exponential a step. NaN marks a
 * pair not yet worked out (no value of the functions tabled here is NaN).
 */
export function pairTable(span: number): Float64Array | undefined {
  return hasPairTable(span) ? new Float64Array(span * span).fill(Number.NaN) : undefined;
}

/** Whether pairTable makes a table for `span` entries (the WebAssembly steps lay theirs out alike). */
export function hasPairTable(span: number): boolean {
  return span * span <= MOST_PAIRS;
}

/** 1 if two entries' strategies differ, else 0, by arithmetic (strategies < 2¹¹): a step takes its coin without a branch on what it read. */
export function strategiesDiffer(one: number, other: number): number {
  return (((one ^ other) >> PACKED_STRATEGY_SHIFT) + 0x7ff) >> 11;
}

/** The loops leave strategyOf alone (a scattered write a step) and copy the entries' strategies into it at the end. */
export function copyStrategies(packed: PackedTorus): void {
  const { entry, strategyOf } = packed;
  for (let firm = 0; firm < entry.length; firm++) strategyOf[firm] = entry[firm]! >> PACKED_STRATEGY_SHIFT;
}
