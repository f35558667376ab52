import { newFirmAt } from './entry.js';
import type { ClusterState } from './state.js';

/**
 * Firms whose wealth fell below the threshold exit; each is replaced by a spin-off of its
 * best-paid neighbour (partner, when firms choose them), which takes the parent's strategy, starts with no wealth and no past,
 * and is wary of the parent it split from. Returns how many firms exited.
 */
export function exitAndSpinOff(state: ClusterState, threshold: number, spinoffTrust: number): number {
  const { neighbours, wealth, payoff, strategyOf } = state;
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
  // Taken before any replacement, so a parent that exits too passes on the strategy it played.
  const inherited = parents.map((parent, index) => (parent >= 0 ? strategyOf[parent]! : strategyOf[exiting[index]!]!));
  exiting.forEach((firm, index) => {
    const parent = parents[index]!;
    // A new firm has no past; it starts wary of the parent it split from.
    newFirmAt(state, firm, inherited[index]!, (neighbour) => (neighbour === parent ? spinoffTrust : initial));
  });
  return exiting.length;
}
