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
    if (moore) bestInMooreRow(payoff, strategyOf, next, row, up, down, width);
    else bestInVonNeumannRow(payoff, strategyOf, next, row, up, down, width);
    listed(row + width - 1);
  }
}

/**
 * bestOfNeighbourhood for the firms of a row away from its ends, Moore neighbourhood: the row
 * above left to right, left and right, the row below left to right. The nine payoffs roll along
 * in locals, so each firm loads three.
 */
function bestInMooreRow(payoff: Float64Array, strategyOf: Uint8Array, next: Uint8Array, row: number, up: number, down: number, width: number): void {
  let upLeft = payoff[up]!;
  let upMiddle = payoff[up + 1]!;
  let left = payoff[row]!;
  let own = payoff[row + 1]!;
  let downLeft = payoff[down]!;
  let downMiddle = payoff[down + 1]!;
  for (let x = 1; x < width - 1; x++) {
    const upRight = payoff[up + x + 1]!;
    const right = payoff[row + x + 1]!;
    const downRight = payoff[down + x + 1]!;
    let best = own;
    let at = row + x;
    if (upLeft > best) (best = upLeft), (at = up + x - 1);
    if (upMiddle > best) (best = upMiddle), (at = up + x);
    if (upRight > best) (best = upRight), (at = up + x + 1);
    if (left > best) (best = left), (at = row + x - 1);
    if (right > best) (best = right), (at = row + x + 1);
    if (downLeft > best) (best = downLeft), (at = down + x - 1);
    if (downMiddle > best) (best = downMiddle), (at = down + x);
    if (downRight > best) at = down + x + 1;
    next[row + x] = strategyOf[at]!;
    upLeft = upMiddle;
    upMiddle = upRight;
    left = own;
    own = right;
    downLeft = downMiddle;
    downMiddle = downRight;
  }
}

/** The same with the von Neumann neighbourhood: above, left, right, below. */
function bestInVonNeumannRow(payoff: Float64Array, strategyOf: Uint8Array, next: Uint8Array, row: number, up: number, down: number, width: number): void {
  let left = payoff[row]!;
  let own = payoff[row + 1]!;
  for (let x = 1; x < width - 1; x++) {
    const right = payoff[row + x + 1]!;
    let best = own;
    let at = row + x;
    const above = payoff[up + x]!;
    if (above > best) (best = above), (at = up + x);
    if (left > best) (best = left), (at = row + x - 1);
    if (right > best) (best = right), (at = row + x + 1);
    if (payoff[down + x]! > best) at = down + x;
    next[row + x] = strategyOf[at]!;
    left = own;
    own = right;
  }
}
