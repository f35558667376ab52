import { Lattice, type Space } from './space.js';

/**
 * Row-by-row passes over a lattice for the memory-less kernel and imitate-best: away from the
 * left and right edges a firm's neighbours are in the rows above, at and below it, so a pass reads
 * three rows in step instead of eight scattered neighbours, and a torus's wrapped rows cost
 * nothing extra. Firms in the first and last column (and, with fixed edges, the first and last
 * row) go through the neighbour lists, in the same order, so every result is what a walk of the
 * lists gives.
 */

/** The rows above and below row y, as first indices, or −1 for all edge rows that need the lists. */
function rowsAround(lattice: Lattice, y: number): [number, number] {
  const { width, height, boundary } = lattice;
  if (width < 3 || (boundary === 'fixed' && (y === 0 || y === height - 1))) return [-1, -1];
  return [((y + height - 1) % height) * width, ((y + 1) % height) * width];
}

/**
 * Per firm: how many of its neighbours have flag 1, into counts. Returns the number of flagged
 * firms' flagged neighbours (each pair of flagged neighbours counted from both sides).
 */
export function countNeighbours(space: Space, flag: Uint8Array, counts: Uint8Array): number {
  const { neighbourOffsets, neighbourList } = space;
  let flaggedPairs = 0;
  const listed = (firm: number): void => {
    let count = 0;
    for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) count += flag[neighbourList[k]!]!;
    counts[firm] = count;
    flaggedPairs += flag[firm]! * count;
  };
  if (!(space instanceof Lattice)) {
    for (let firm = 0; firm < space.size; firm++) listed(firm);
    return flaggedPairs;
  }
  const { width, height } = space;
  const moore = space.neighbourhood === 'moore';
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const [up, down] = rowsAround(space, y);
    if (up < 0) {
      for (let x = 0; x < width; x++) listed(row + x);
      continue;
    }
    listed(row);
    if (moore) {
      // Column sums of the three rows, rolled along: each firm's count is three columns less itself.
      let left = flag[up]! + flag[row]! + flag[down]!;
      let middle = flag[up + 1]! + flag[row + 1]! + flag[down + 1]!;
      for (let x = 1; x < width - 1; x++) {
        const right = flag[up + x + 1]! + flag[row + x + 1]! + flag[down + x + 1]!;
        const own = flag[row + x]!;
        const count = left + middle + right - own;
        counts[row + x] = count;
        flaggedPairs += own * count;
        left = middle;
        middle = right;
      }
    } else {
      for (let x = 1; x < width - 1; x++) {
        const count = flag[up + x]! + flag[row + x - 1]! + flag[row + x + 1]! + flag[down + x]!;
        counts[row + x] = count;
        flaggedPairs += flag[row + x]! * count;
      }
    }
    listed(row + width - 1);
  }
  return flaggedPairs;
}

/**
 * Per firm: the strategy of the highest-payoff firm among itself and its neighbours, into next.
 * The firm itself is compared first and neighbours in neighbourhood order, each replacing the best
 * only with a strictly higher payoff: ties keep the own strategy, and among neighbours that tie for
 * best the first in neighbourhood order wins.
 */
export function bestOfNeighbourhood(space: Space, payoff: Float64Array, strategyOf: Uint8Array, next: Uint8Array): void {
  const { neighbourOffsets, neighbourList } = space;
  const listed = (firm: number): void => {
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
  };
  if (!(space instanceof Lattice)) {
    for (let firm = 0; firm < space.size; firm++) listed(firm);
    return;
  }
  const { width, height } = space;
  const moore = space.neighbourhood === 'moore';
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const [up, down] = rowsAround(space, y);
    if (up < 0) {
      for (let x = 0; x < width; x++) listed(row + x);
      continue;
    }
    listed(row);
    for (let x = 1; x < width - 1; x++) {
      const firm = row + x;
      let best = firm;
      let bestPayoff = payoff[firm]!;
      let value: number;
      if (moore) {
        // Moore order: the row above left to right, left and right, the row below left to right.
        value = payoff[up + x - 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = up + x - 1);
        value = payoff[up + x]!;
        if (value > bestPayoff) (bestPayoff = value), (best = up + x);
        value = payoff[up + x + 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = up + x + 1);
        value = payoff[firm - 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm - 1);
        value = payoff[firm + 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + 1);
        value = payoff[down + x - 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = down + x - 1);
        value = payoff[down + x]!;
        if (value > bestPayoff) (bestPayoff = value), (best = down + x);
        value = payoff[down + x + 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = down + x + 1);
      } else {
        // Von Neumann order: above, left, right, below.
        value = payoff[up + x]!;
        if (value > bestPayoff) (bestPayoff = value), (best = up + x);
        value = payoff[firm - 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm - 1);
        value = payoff[firm + 1]!;
        if (value > bestPayoff) (bestPayoff = value), (best = firm + 1);
        value = payoff[down + x]!;
        if (value > bestPayoff) (bestPayoff = value), (best = down + x);
      }
      next[firm] = strategyOf[best]!;
    }
    listed(row + width - 1);
  }
}
