import type { ClusterState } from './state.js';
import { sumOfAll } from './trust-sum.js';
import { trustSumBeside } from './trust-beside.js';

/** Between generations, trust relaxes towards its baseline at rate `decay` (a firm's trust in itself stays at 1). */
export function relaxTrust(state: ClusterState): void {
  const { decay, baseline } = state.parameters.trust;
  if (decay === 0) return;
  const { trust } = state.relationships;
  const { firmA, firmB, count } = state.graph;
  for (let edge = 0; edge < count; edge++) {
    if (firmA[edge] === firmB[edge]) continue;
    trust[edge * 2] = trust[edge * 2]! + decay * (baseline - trust[edge * 2]!);
    trust[edge * 2 + 1] = trust[edge * 2 + 1]! + decay * (baseline - trust[edge * 2 + 1]!);
  }
  state.trustUniform = false;
}

/** Mean trust over all directed neighbour relationships. */
export function meanTrust(state: ClusterState): number {
  // Until trust first moves, every neighbour relationship holds the initial trust.
  if (state.trustUniform) return state.parameters.trust.initial;
  const { trust } = state.relationships;
  const { firmA, firmB, count } = state.graph;
  // The lattice's relationships without a firm's with itself: every one counts, in the same order.
  const every = state.partners === undefined && !state.parameters.selfInteraction;
  const sum = every ? (trustSumBeside(state) ?? sumOfAll(trust, count)) : sumWithoutSelf(trust, firmA, firmB, count);
  const sides = every ? count * 2 : sidesWithoutSelf(firmA, firmB, count);
  return sides > 0 ? sum / sides : state.parameters.trust.initial;
}

// The loops are functions of their own: inside meanTrust, V8 compiled the loop on the stack (OSR)
// before the code after it had run, and every later call left that code there for the interpreter
// (hundreds of deoptimisations a sweep task, 5% of its time). The sums are the same, in the same order.

function sumWithoutSelf(trust: Float64Array, firmA: Int32Array, firmB: Int32Array, count: number): number {
  let sum = 0;
  for (let edge = 0; edge < count; edge++) if (firmA[edge] !== firmB[edge]) sum += trust[edge * 2]! + trust[edge * 2 + 1]!;
  return sum;
}

function sidesWithoutSelf(firmA: Int32Array, firmB: Int32Array, count: number): number {
  let sides = 0;
  for (let edge = 0; edge < count; edge++) if (firmA[edge] !== firmB[edge]) sides += 2;
  return sides;
}

/** Per firm: its mean trust in its neighbours (the initial trust for a firm with none). */
export function firmTrust(state: ClusterState, out: Float32Array): Float32Array {
  const { trust } = state.relationships;
  const { edgeOffsets, edgeList, firmA, firmB } = state.graph;
  for (let firm = 0; firm < state.space.size; firm++) {
    let sum = 0;
    let count = 0;
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const slot = edgeList[k]!;
      const edge = slot >> 1;
      if (firmA[edge] === firmB[edge]) continue;
      sum += trust[slot]!;
      count++;
    }
    out[firm] = count > 0 ? sum / count : state.parameters.trust.initial;
  }
  return out;
}
