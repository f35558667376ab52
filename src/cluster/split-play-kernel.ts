import { CONTEXTS } from '../core/machine.js';
import { buyerBonus, jointTrust, NO_ACTIVITY, payoffOf, trustAfter, type RoundRates } from './round-rules.js';
import { trustAfterGrievances } from './rivalry.js';

/**
 * A generation's play split into parts that any thread can take (split-play.ts decides when a run
 * allows it): first each part plays a range of relationships, then the payoffs of the firms whose
 * relationships straddle two parts are added up, in parts too. Only typed arrays and numbers go
 * in, so a worker thread imports this file alone; the arrays are backed by SharedArrayBuffers
 * when several threads share them.
 *
 * Floating-point addition is not associative, so a firm's payoff must be added up as play.ts adds
 * it: over its relationships in edge order, round by round. A part plays its relationships in
 * edge order, so it adds the payoffs of a firm whose relationships all fall in it as it goes; a
 * firm with relationships in two parts (those near a part's ends, and on a torus the first and
 * last rows) is added up afterwards from the rounds' outcomes.
 */

/** The run's arrays that the parts read and write, shared with every thread. */
export interface SplitPlayArrays {
  readonly firmA: Int32Array;
  readonly firmB: Int32Array;
  readonly edgeOffsets: Int32Array;
  readonly edgeList: Int32Array;
  readonly strategyOf: Uint8Array;
  readonly buyerTied: Uint8Array;
  readonly payoff: Float64Array;
  readonly cooperationShare: Float32Array;
  readonly activityOf: Uint8Array;
  readonly rounds: Uint32Array;
  readonly window: Uint32Array;
  readonly defections: Uint32Array;
  readonly trust: Float64Array;
  readonly machineState: Uint16Array;
  /** Empty unless the run holds grievances (rivalry.ts). */
  readonly grievances: Uint32Array;
  /** Per firm: 1 if its relationships fall in more than one part (for this many parts). */
  readonly straddling: Uint8Array;
  /** Those firms, in order. */
  readonly straddlers: Int32Array;
  /** Per firm: its strategy before the revision (for the restart phase). */
  readonly before: Uint8Array;
  /**
   * Per relationship and round (edge * rounds + round): the noise flips drawn up front go in (bit 0
   * flips side A's move, bit 1 side B's), and the round comes out as activity * 4 + moveA * 2 + moveB,
   * from which the straddling firms' payoffs are worked out.
   */
  readonly outcome: Uint8Array;
  /** Per part, TALLY_STRIDE numbers: rounds where both co-operated, relationships of a firm with itself, then per activity its rounds, co-operations and pairs on its rung. */
  readonly tallies: Float64Array;
}

/** The most activities a split generation can code into an outcome byte (activity * 4 + the two moves). */
export const SPLIT_ACTIVITIES = 63;

/** Tally numbers per part: mutual co-operation, self-relationships, and three per activity. */
export const TALLY_STRIDE = 2 + 3 * SPLIT_ACTIVITIES;

/** What a generation's parts need besides the shared arrays: the rules as they stand this generation (small; copied to each thread). */
export interface SplitPlayTask {
  /** Play the relationships, add up the straddling firms' payoffs, or restart the sides of the firms whose strategy changed in the revision. */
  readonly phase: 'relationships' | 'firms' | 'restart';
  readonly edges: number;
  readonly firms: number;
  readonly roundsPerGeneration: number;
  readonly rates: RoundRates;
  readonly activityCount: number;
  /** Per activity: the part of a machine's context that the activity sets. */
  readonly contextOf: Int32Array;
  /** Per activity: 1 + its rank on the ladder (the per-firm views). */
  readonly ladderRank: Int32Array;
  /** Every (strategy, activity) machine's co-operation probabilities, one after another; where each starts. */
  readonly cooperate: Float64Array;
  readonly cooperateAt: Int32Array;
  /** Every strategy's transitions, one after another; where each starts. */
  readonly next: Int32Array;
  readonly nextAt: Int32Array;
  /** Per strategy: the trust its machine's context compares with. */
  readonly trustThreshold: Float64Array;
  /** Per strategy: its machine's initial state, its number of states, and how many past rounds a restart replays (pool.ts). */
  readonly initial: Int32Array;
  readonly states: Int32Array;
  readonly replayDepth: Int32Array;
  readonly gain: number;
  readonly loss: number;
  readonly bonus: number;
  /**
   * Keep the per-firm views (cooperationShare, activityOf): the firms' phase then works out every
   * firm's payoff and views from the outcomes (the live view's lattices are small), instead of the
   * relationships' phase adding up those of the firms that do not straddle.
   */
  readonly observe: boolean;
}

/** The range [from, to) that part `part` of `parts` takes of `total` items. */
export function partRange(total: number, part: number, parts: number): readonly [number, number] {
  return [Math.floor((total * part) / parts), Math.floor((total * (part + 1)) / parts)];
}

/** Runs one part of a task: the calling thread's share of the relationships or of the firms. */
export function runSplitPart(arrays: SplitPlayArrays, task: SplitPlayTask, part: number, parts: number): void {
  if (task.phase === 'relationships') {
    const [from, to] = partRange(task.edges, part, parts);
    playRelationships(arrays, task, from, to, part * TALLY_STRIDE);
  } else if (task.phase === 'restart') {
    const [from, to] = partRange(task.firms, part, parts);
    restartFirms(arrays, task, from, to);
  } else if (task.observe) {
    const [from, to] = partRange(task.firms, part, parts);
    settleFirms(arrays, task, from, to, undefined);
  } else {
    const [from, to] = partRange(arrays.straddlers.length, part, parts);
    settleFirms(arrays, task, from, to, arrays.straddlers);
  }
}

/**
 * Plays relationships [from, to) for a generation's rounds, as play.ts does for a run without
 * draws during play: the same activity, context, flips, trust, window and machine steps, each
 * relationship on its own. Unless observed, it adds the payoffs of the firms that do not straddle
 * parts (into payoffs zeroed before); settleFirms adds up the others.
 */
function playRelationships(arrays: SplitPlayArrays, task: SplitPlayTask, from: number, to: number, tallyAt: number): void {
  const { firmA, firmB, strategyOf, buyerTied, payoff, straddling, rounds, window, defections, trust, machineState, grievances, outcome, tallies } = arrays;
  const { roundsPerGeneration, activityCount, contextOf, cooperate, cooperateAt, next, nextAt, trustThreshold, gain, loss, bonus, rates } = task;
  const { threshold, ladder } = rates;
  const paying = !task.observe;
  const ladderLength = ladder.length;
  const lowest = ladder[0]!;
  const lowestThreshold = threshold[lowest]!;
  const lastRound = roundsPerGeneration - 1;
  const trustMoves = gain > 0 || loss > 0;
  const grieving = trustMoves && grievances.length > 0;
  let mutual = 0;
  let selves = 0;
  const roundsAt = tallyAt + 2;
  const cooperationsAt = roundsAt + activityCount;
  const rungsAt = cooperationsAt + activityCount;
  tallies.fill(0, tallyAt, tallyAt + TALLY_STRIDE);
  for (let edge = from; edge < to; edge++) {
    const a = firmA[edge]!;
    const b = firmB[edge]!;
    const ka = strategyOf[a]!;
    const kb = strategyOf[b]!;
    const sideA = edge * 2;
    const sideB = sideA + 1;
    const nextA = nextAt[ka]!;
    const nextB = nextAt[kb]!;
    const thresholdA = trustThreshold[ka]!;
    const thresholdB = trustThreshold[kb]!;
    const self = a === b;
    if (self) selves++;
    const payA = paying && straddling[a] === 0;
    const payB = paying && !self && straddling[b] === 0;
    for (let round = 0; round < roundsPerGeneration; round++) {
      const ta = trust[sideA]!;
      const tb = trust[sideB]!;
      const joint = jointTrust(ta, tb);
      let activity = lowest;
      for (let k = 1; k < ladderLength; k++) {
        const candidate = ladder[k]!;
        if (threshold[candidate]! <= joint) activity = candidate;
        else break;
      }
      if (round === lastRound && !self && joint >= lowestThreshold) tallies[rungsAt + activity]!++;
      const context = contextOf[activity]!;
      // No stochastic machine plays here: a probability is 0 or 1.
      let moveA =
        cooperate[cooperateAt[ka * activityCount + activity]! + machineState[sideA]! * CONTEXTS + (context | (ta >= thresholdA ? 2 : 0))]! >= 1 ? 0 : 1;
      let moveB =
        cooperate[cooperateAt[kb * activityCount + activity]! + machineState[sideB]! * CONTEXTS + (context | (tb >= thresholdB ? 2 : 0))]! >= 1 ? 0 : 1;
      const at = edge * roundsPerGeneration + round;
      const flips = outcome[at]!;
      moveA ^= flips & 1;
      moveB ^= flips >> 1;
      outcome[at] = activity * 4 + moveA * 2 + moveB;
      // settledPayoff's terms in play.ts's order (no sanctions here).
      if (payA) {
        let earned = payoffOf(rates, activity, moveA, moveB);
        if (bonus > 0) earned += buyerBonus(moveA, buyerTied[a]!, bonus);
        payoff[a]! += earned;
      }
      if (payB) {
        let earned = payoffOf(rates, activity, moveB, moveA);
        if (bonus > 0) earned += buyerBonus(moveB, buyerTied[b]!, bonus);
        payoff[b]! += earned;
      }
      if (!self) {
        if (grieving) {
          trust[sideA] = trustAfterGrievances(grievances, sideA, ta, moveB, gain, loss);
          trust[sideB] = trustAfterGrievances(grievances, sideB, tb, moveA, gain, loss);
        } else if (trustMoves) {
          trust[sideA] = trustAfter(ta, moveB, gain, loss);
          trust[sideB] = trustAfter(tb, moveA, gain, loss);
        }
      }
      window[sideA] = ((window[sideA]! << 1) | moveA) >>> 0;
      window[sideB] = ((window[sideB]! << 1) | moveB) >>> 0;
      defections[sideA]! += moveA;
      defections[sideB]! += moveB;
      rounds[edge]!++;
      machineState[sideA] = next[nextA + machineState[sideA]! * 4 + moveA * 2 + moveB]!;
      machineState[sideB] = next[nextB + machineState[sideB]! * 4 + moveB * 2 + moveA]!;
      tallies[roundsAt + activity]!++;
      tallies[cooperationsAt + activity]! += 2 - moveA - moveB;
      if ((moveA | moveB) === 0) mutual++;
    }
  }
  tallies[tallyAt] = mutual;
  tallies[tallyAt + 1] = selves;
}

/**
 * Each firm of [from, to) (of `list`, or all) adds up its payoffs over its relationships in edge
 * order and round by round, as play.ts adds them, and, when observed, works out its share of
 * co-operative moves and the highest activity it played.
 */
function settleFirms(arrays: SplitPlayArrays, task: SplitPlayTask, from: number, to: number, list: Int32Array | undefined): void {
  const { edgeOffsets, edgeList, buyerTied, payoff, cooperationShare, activityOf, outcome } = arrays;
  const { roundsPerGeneration, rates, bonus, observe, ladderRank } = task;
  const ladder = rates.ladder;
  for (let index = from; index < to; index++) {
    const firm = list === undefined ? index : list[index]!;
    const tied = buyerTied[firm]!;
    let sum = 0;
    let cooperations = 0;
    let highest = 0;
    const first = edgeOffsets[firm]!;
    const last = edgeOffsets[firm + 1]!;
    for (let k = first; k < last; k++) {
      const slot = edgeList[k]!;
      const side = slot & 1;
      const start = (slot >> 1) * roundsPerGeneration;
      for (let round = 0; round < roundsPerGeneration; round++) {
        const code = outcome[start + round]!;
        const activity = code >> 2;
        const moveA = (code >> 1) & 1;
        const moveB = code & 1;
        const own = side === 0 ? moveA : moveB;
        const other = side === 0 ? moveB : moveA;
        let earned = payoffOf(rates, activity, own, other);
        if (bonus > 0) earned += buyerBonus(own, tied, bonus);
        sum += earned;
        if (observe) {
          cooperations += 1 - own;
          const rank = ladderRank[activity]!;
          if (rank > highest) highest = rank;
        }
      }
    }
    payoff[firm] = sum;
    if (observe) {
      // Each firm makes one move per round in each of its relationships (a self-relationship counts once).
      const moves = (last - first) * roundsPerGeneration;
      cooperationShare[firm] = moves > 0 ? cooperations / moves : 0;
      activityOf[firm] = highest === 0 ? NO_ACTIVITY : ladder[highest - 1]!;
    }
  }
}

/**
 * The firms of [from, to) whose strategy differs from `before` restart their sides: each side's
 * machine state is rebuilt from its relationship's window, as pool.ts's restartSide does. A side
 * belongs to one firm, and a restart reads only what no restart writes, so the parts are independent.
 */
function restartFirms(arrays: SplitPlayArrays, task: SplitPlayTask, from: number, to: number): void {
  const { strategyOf, before, edgeOffsets, edgeList, firmA, firmB, window, rounds, machineState } = arrays;
  const { next, nextAt, initial, states, replayDepth } = task;
  for (let firm = from; firm < to; firm++) {
    const strategy = strategyOf[firm]!;
    if (strategy === before[firm]) continue;
    const at = nextAt[strategy]!;
    const start = initial[strategy]!;
    const single = states[strategy] === 1;
    const depth = replayDepth[strategy]!;
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const slot = edgeList[k]!;
      const edge = slot >> 1;
      const self = firmA[edge] === firmB[edge];
      // A firm's relationship with itself is listed once: it restarts both sides.
      const last = self ? edge * 2 + 1 : slot;
      for (let side = self ? edge * 2 : slot; side <= last; side++) {
        if (single) {
          machineState[side] = 0;
          continue;
        }
        const own = window[side]!;
        const other = window[side ^ 1]!;
        let current = start;
        for (let back = Math.min(rounds[edge]!, depth) - 1; back >= 0; back--)
          current = next[at + current * 4 + ((own >>> back) & 1) * 2 + ((other >>> back) & 1)]!;
        machineState[side] = current;
      }
    }
  }
}
