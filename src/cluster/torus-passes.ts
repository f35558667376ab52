/**
 * The memory-less kernel's two passes over a torus (kernel.ts): play (flags, counts of
 * co-operating neighbours, payoffs, wealth, the generation's totals) and imitate-best, each one
 * sweep of rows that keeps three rows in cache, as the C reference does.
 *
 * Why a factory over fixed arrays, copied per lattice: V8 reloads and re-checks a typed array's
 * map, length and base pointer at every access after any store to another typed array (it cannot
 * prove the store left the array object alone), which made these loops three times slower than
 * C. A closure made once over its arrays, whose function has never made another closure, is
 * compiled with the arrays as constants and none of those loads. `torusPassesFor` makes a fresh
 * copy of the factory from its source for each lattice so that every lattice's closure is the
 * only one of its function; where that copy cannot be made, the factory itself serves (the same
 * results, at the general speed). The factory therefore refers to nothing outside itself.
 */

/** The arrays the passes read and write: the model's per-firm state and the kernel's per-lattice buffers. */
export interface TorusArrays {
  readonly strategyOf: Uint8Array;
  readonly buyerTied: Uint8Array;
  readonly payoff: Float64Array;
  readonly wealth: Float64Array;
  /** Per firm: 1 if it co-operates with neighbours (scratch). */
  readonly flag: Uint8Array;
  /** Per firm: its payoff's rank << 12 | its strategy, written by play for imitate-best. */
  readonly ranked: Uint32Array;
  /** Per firm: the strategy imitate-best gives it. */
  readonly next: Uint8Array;
  /** Per strategy: whether it co-operates with neighbours, and with itself (0 when firms do not play themselves). */
  readonly cooperates: Uint8Array;
  readonly selfCooperates: Uint8Array;
  /** The payoff table, index ((strategy * 2 + tied) * stride + degree) * stride + cooperating. */
  readonly value: Float64Array;
  /** Per table entry: its rank among the table's distinct values, << 12. */
  readonly rankOf: Uint32Array;
  /** After play: co-operators, firms co-operating with themselves, co-operating firms' co-operating neighbours, the payoffs' sum in firm order. */
  readonly totals: Float64Array;
}

export interface TorusPasses {
  /** Plays a generation: writes flag, payoff, ranked, adds payoffs to wealth, and the totals. */
  play(): void;
  /** Imitate-best from ranked into next. */
  imitateBest(): void;
}

type Factory = (width: number, height: number, moore: boolean, stride: number, arrays: TorusArrays) => TorusPasses;

/**
 * The passes. Ranked payoffs: a candidate's key is its rank, then 15 − its position in the
 * neighbourhood (the firm itself 0, then neighbourhood order), then its strategy, so the largest
 * key is the highest payoff and, among equal payoffs, the firm itself or the first neighbour in
 * order, as bestOfNeighbourhood's strict comparisons give; the maximum is taken without branches.
 */
function torusPasses(width: number, height: number, moore: boolean, stride: number, arrays: TorusArrays): TorusPasses {
  const { strategyOf, buyerTied, payoff, wealth, flag, ranked, next, cooperates, selfCooperates, value, rankOf, totals } = arrays;
  const block = stride * stride;
  const degreeRow = (stride - 1) * stride;
  const last = width - 1;

  function flagRow(row: number): void {
    let cooperators = 0;
    let selfCooperations = 0;
    for (let firm = row; firm < row + width; firm++) {
      const strategy = strategyOf[firm]!;
      const cooperating = cooperates[strategy]!;
      flag[firm] = cooperating;
      cooperators += cooperating;
      selfCooperations += selfCooperates[strategy]!;
    }
    totals[0]! += cooperators;
    totals[1]! += selfCooperations;
  }

  /** One firm's payoff from its count; returns it (for the sum in firm order). */
  function settle(firm: number, count: number): number {
    const strategy = strategyOf[firm]!;
    const entry = (strategy * 2 + buyerTied[firm]!) * block + degreeRow + count;
    const earned = value[entry]!;
    payoff[firm] = earned;
    wealth[firm]! += earned;
    ranked[firm] = rankOf[entry]! | strategy;
    return earned;
  }

  function playMooreRow(row: number, up: number, down: number): void {
    // Column sums of the three rows rolled along: each firm's count is three columns less itself.
    let left = flag[up + last]! + flag[row + last]! + flag[down + last]!;
    let middle = flag[up]! + flag[row]! + flag[down]!;
    let pairs = 0;
    let sum = totals[3]!;
    for (let x = 0; x < width; x++) {
      const after = x === last ? 0 : x + 1;
      const right = flag[up + after]! + flag[row + after]! + flag[down + after]!;
      const own = flag[row + x]!;
      const count = left + middle + right - own;
      sum += settle(row + x, count);
      pairs += own * count;
      left = middle;
      middle = right;
    }
    totals[2]! += pairs;
    totals[3] = sum;
  }

  function playVonNeumannRow(row: number, up: number, down: number): void {
    let left = flag[row + last]!;
    let own = flag[row]!;
    let pairs = 0;
    let sum = totals[3]!;
    for (let x = 0; x < width; x++) {
      const right = flag[row + (x === last ? 0 : x + 1)]!;
      const count = flag[up + x]! + left + right + flag[down + x]!;
      sum += settle(row + x, count);
      pairs += own * count;
      left = own;
      own = right;
    }
    totals[2]! += pairs;
    totals[3] = sum;
  }

  /** The larger of two keys (non-negative small integers), without a branch. */
  function larger(a: number, b: number): number {
    const difference = (a - b) | 0;
    return (a - (difference & (difference >> 31))) | 0;
  }

  // Position keys, (15 − position) << 8.
  const P0 = 15 << 8;
  const P1 = 14 << 8;
  const P2 = 13 << 8;
  const P3 = 12 << 8;
  const P4 = 11 << 8;
  const P5 = 10 << 8;
  const P6 = 9 << 8;
  const P7 = 8 << 8;
  const P8 = 7 << 8;

  function bestMooreRow(row: number, up: number, down: number): void {
    let upLeft = ranked[up + last]!;
    let upMiddle = ranked[up]!;
    let left = ranked[row + last]!;
    let own = ranked[row]!;
    let downLeft = ranked[down + last]!;
    let downMiddle = ranked[down]!;
    for (let x = 0; x < width; x++) {
      const after = x === last ? 0 : x + 1;
      const upRight = ranked[up + after]!;
      const right = ranked[row + after]!;
      const downRight = ranked[down + after]!;
      const upper = larger(larger(own + P0, upLeft + P1), larger(upMiddle + P2, upRight + P3));
      const lower = larger(larger(left + P4, right + P5), larger(larger(downLeft + P6, downMiddle + P7), downRight + P8));
      next[row + x] = larger(upper, lower) & 255;
      upLeft = upMiddle;
      upMiddle = upRight;
      left = own;
      own = right;
      downLeft = downMiddle;
      downMiddle = downRight;
    }
  }

  function bestVonNeumannRow(row: number, up: number, down: number): void {
    let left = ranked[row + last]!;
    let own = ranked[row]!;
    for (let x = 0; x < width; x++) {
      const right = ranked[row + (x === last ? 0 : x + 1)]!;
      const best = larger(larger(larger(own + P0, ranked[up + x]! + P1), larger(left + P2, right + P3)), ranked[down + x]! + P4);
      next[row + x] = best & 255;
      left = own;
      own = right;
    }
  }

  return {
    play(): void {
      totals.fill(0);
      // Flags run a row ahead of the counts that read them.
      flagRow(0);
      if (height > 1) flagRow((height - 1) * width);
      for (let y = 0; y < height; y++) {
        if (y + 1 < height - 1) flagRow((y + 1) * width);
        const up = ((y + height - 1) % height) * width;
        const down = ((y + 1) % height) * width;
        if (moore) playMooreRow(y * width, up, down);
        else playVonNeumannRow(y * width, up, down);
      }
    },
    imitateBest(): void {
      for (let y = 0; y < height; y++) {
        const up = ((y + height - 1) % height) * width;
        const down = ((y + 1) % height) * width;
        if (moore) bestMooreRow(y * width, up, down);
        else bestVonNeumannRow(y * width, up, down);
      }
    },
  };
}

/** A fresh copy of the factory (its own function, so its one closure is compiled over constants), or the factory itself. */
function freshFactory(): Factory {
  try {
    return new Function(`return (${torusPasses.toString()});`)() as Factory;
  } catch {
    return torusPasses;
  }
}

/** The passes over a width × height torus and these arrays. */
export function torusPassesFor(width: number, height: number, moore: boolean, stride: number, arrays: TorusArrays): TorusPasses {
  try {
    return freshFactory()(width, height, moore, stride, arrays);
  } catch {
    // A copy that refers to something outside itself (a test runner's instrumentation): the factory as written.
    return torusPasses(width, height, moore, stride, arrays);
  }
}
