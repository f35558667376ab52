import { restartSide } from './pool.js';
import type { ClusterState } from './state.js';

/**
 * Firms whose wealth fell below the threshold exit; each is replaced by a spin-off of its
 * best-paid neighbour (partner, when firms choose them), which takes the parent's strategy, starts with no wealth and no past,
 * and is wary of the parent it split from. Returns how many firms exited.
 */
export function exitAndSpinOff(state: ClusterState, threshold: number, spinoffTrust: number): number {
  const { neighbours, wealth, payoff, strategyOf, relationships } = state;
  const size = neighbours.size;
  const exiting: number[] = [];
  for (let firm = 0; firm < size; firm++) if (wealth[firm]! < threshold) exiting.push(firm);
  if (exiting.length === 0) return 0;
  const { neighbourOffsets, neighbourList } = neighbours;
  const parents = exiting.map((firm) => {
    let best = -1;
    for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) {
      const neighbour = neighbourList[k]!;
      if (best < 0 || payoff[neighbour]! > payoff[best]!) best = neighbour;
    }
    return best;
  });
  const initial = state.parameters.trust.initial;
  const { edgeOffsets, edgeList, firmA, firmB } = state.graph;
  // Taken before any replacement, so a parent that exits too passes on the strategy it played.
  const inherited = parents.map((parent, index) => (parent >= 0 ? strategyOf[parent]! : strategyOf[exiting[index]!]!));
  exiting.forEach((firm, index) => {
    const parent = parents[index]!;
    strategyOf[firm] = inherited[index]!;
    wealth[firm] = 0;
    // A new firm's standing starts afresh: the news about the firm that left is not about it.
    state.reputation?.reset(firm, state.parameters.reputation?.initial ?? 1);
    // A new firm has no past; it starts wary of the parent it split from.
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const edge = edgeList[k]! >> 1;
      if (firmA[edge] === firmB[edge]) {
        relationships.reset(edge, 1, 1);
        continue;
      }
      const other = firmA[edge] === firm ? firmB[edge]! : firmA[edge]!;
      const level = other === parent ? spinoffTrust : initial;
      relationships.reset(edge, level, level);
      state.communication?.forget(edge);
      // Both sides meet afresh: the neighbour's strategy state for the old firm is gone too.
      restartSide(state, edge, 0);
      restartSide(state, edge, 1);
    }
  });
  state.trustUniform = false;
  return exiting.length;
}
