import type { ClusterState } from './state.js';

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
  let sum = 0;
  let sides = 0;
  if (state.partners === undefined && !state.parameters.selfInteraction) {
    // The lattice's relationships without a firm's with itself: every one counts, in the same order.
    for (let edge = 0; edge < count; edge++) sum += trust[edge * 2]! + trust[edge * 2 + 1]!;
    sides = count * 2;
  } else {
    for (let edge = 0; edge < count; edge++) {
      if (firmA[edge] === firmB[edge]) continue;
      sum += trust[edge * 2]! + trust[edge * 2 + 1]!;
      sides += 2;
    }
  }
  return sides > 0 ? sum / sides : state.parameters.trust.initial;
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
