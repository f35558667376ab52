import type { CONTEXTS } from '../core/machine.js';
import type { NO_ACTIVITY, RoundRates } from './round-rules.js';

/**
 * A generation's play in parts that any thread can take (split-play.ts decides when a run allows
 * it; then it is the loop that plays the generation, on one thread or several): first the threads
 * claim chunks of relationships from a shared counter and play them, then the payoffs of the firms
 * whose relationships straddle two chunks are added up, in parts. Only typed arrays and numbers go
 * in, so a worker thread imports this file alone; the arrays are backed by SharedArrayBuffers when
 * several threads share them.
 *
 * Floating-point addition is not associative, so a firm's payoff must be added up as play.ts adds
 * it: over its relationships in edge order, round by round. A chunk is played by one thread in
 * edge order, so it adds the payoffs of a firm whose relationships all fall in it as it goes; a
 * firm with relationships in two chunks (those near a chunk's ends, and on a torus the first and
 * last rows) is added up afterwards from the rounds' outcomes. The chunks' layout depends on the
 * number of threads alone, so which thread plays a chunk changes no number.
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
  /** What the firms' phase adds the generation's payoffs to when its phase says so ('firms-wealth'). */
  readonly wealth: Float64Array;
  readonly cooperationShare: Float32Array;
  readonly activityOf: Uint8Array;
  readonly rounds: Uint32Array;
  readonly window: Uint32Array;
  readonly defections: Uint32Array;
  readonly trust: Float64Array;
  readonly machineState: Uint16Array;
  /** Empty unless the run holds grievances (rivalry.ts). */
  readonly grievances: Uint32Array;
  /**
   * Where the relationships' chunks start (and, last, their count): the threads claim chunks in
   * turn from `claims`, so that one that runs ahead plays more (chunksFor).
   */
  readonly edgeChunks: Int32Array;
  /** The same for the firms of the restarts. */
  readonly firmChunks: Int32Array;
  /** The next chunk to claim: zeroed before each task that claims. */
  readonly claims: Int32Array;
  /** Per firm: 1 if its relationships fall in more than one chunk (edgeChunks). */
  readonly straddling: Uint8Array;
  /** Those firms, in order. */
  readonly straddlers: Int32Array;
  /** Per firm: its strategy before the revision (for the restart phase). */
  readonly before: Uint8Array;
  /**
   * Per relationship and round (edge * rounds + round): the noise flips drawn up front go in (bit 0
   * flips side A's move, bit 1 side B's), and the round comes out as activity * 4 + moveA * 2 + moveB,
   * from which the straddling firms' payoffs are worked out. Empty when only restarts are split.
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
  readonly phase: 'relationships' | 'firms' | 'firms-wealth' | 'restart';
  /**
   * Names these arrays and these rules (everything here but the phase): a thread compiles its
   * loops for a key once and reuses them while the key stays the same.
   */
  readonly key: number;
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

/**
 * The chunks `threads` threads claim `total` items in: each a quarter of what is left divided
 * by the threads, down to a 64th of an equal share (so that all threads end within about that of
 * each other, whichever runs slower), and one chunk for one thread. Where they start, then `total`.
 * The layout depends on the counts alone, never on which thread claims what.
 */
export function chunksFor(total: number, threads: number): Int32Array {
  if (threads <= 1 || total === 0) return Int32Array.of(0, total);
  const smallest = Math.max(1, Math.ceil(total / (64 * threads)));
  const starts = [0];
  for (let at = 0; at < total; ) {
    at = Math.min(total, at + Math.max(smallest, Math.floor((total - at) / (2 * threads))));
    starts.push(at);
  }
  return Int32Array.from(starts);
}

/** The loops of one key: runs a part of a task. */
interface SplitKernel {
  run(phase: SplitPlayTask['phase'], part: number, parts: number): void;
}

type KernelFactory = (arrays: SplitPlayArrays, task: SplitPlayTask) => SplitKernel;

// The kernel writes these numbers out (it refers to nothing outside itself); a change to them fails to compile here.
const KERNEL_CONTEXTS: typeof CONTEXTS = 8;
const KERNEL_NO_ACTIVITY: typeof NO_ACTIVITY = 255;
void KERNEL_CONTEXTS;
void KERNEL_NO_ACTIVITY;

/** This thread's loops for the last key it ran. */
let current: { readonly key: number; readonly kernel: SplitKernel } | undefined;

/** Runs one part of a task: the calling thread's share of the relationships or of the firms. */
export function runSplitPart(arrays: SplitPlayArrays, task: SplitPlayTask, part: number, parts: number): void {
  if (current?.key !== task.key) {
    // Let go of the last run's arrays before the new loops are made.
    current = undefined;
    current = { key: task.key, kernel: kernelFor(arrays, task) };
  }
  current.kernel.run(task.phase, part, parts);
}

/** Forgets the loops of the last key (a run that ends lets its arrays go). */
export function forgetSplitKernel(): void {
  current = undefined;
}

/**
 * The loops over these arrays and rules. Why a factory, copied from its source for each key: V8
 * reloads and re-checks a typed array's map, length and base pointer at every access after any
 * store to another typed array; a closure made once over its arrays, whose function has never made
 * another closure, is compiled with them as constants (torus-passes.ts measured the same). Where
 * the copy cannot be made (a test runner's instrumentation), the factory itself serves, with the
 * same results.
 */
function kernelFor(arrays: SplitPlayArrays, task: SplitPlayTask): SplitKernel {
  try {
    const fresh = new Function(`return (${splitKernel.toString()});`)() as KernelFactory;
    return fresh(arrays, task);
  } catch {
    return splitKernel(arrays, task);
  }
}

/**
 * The kernel: plays relationships as play.ts does for a run without draws during play (the same
 * activity, context, flips, trust, window and machine steps, each relationship on its own), adds
 * up the straddling firms, and restarts the sides of firms that changed strategy. Everything it
 * reads is a constant of its closure; the machines are one table of moves (0 co-operate, 1 defect:
 * no stochastic machine plays here, so a probability is 0 or 1), the payoffs one table per
 * activity and pair of moves, computed as payoffOf computes them.
 */
function splitKernel(arrays: SplitPlayArrays, task: SplitPlayTask): SplitKernel {
  // The hot loops copy what they read into locals of their own: the closure's constants then fold into their code.
  const {
    edgeOffsets,
    edgeList,
    buyerTied,
    payoff,
    wealth,
    cooperationShare,
    activityOf,
    grievances,
    straddling,
    straddlers,
    outcome,
    tallies,
    edgeChunks,
    firmChunks,
    claims,
  } = arrays;
  const { firms, roundsPerGeneration, activityCount, ladderRank, gain, loss, bonus, observe } = task;
  const contexts = 8;
  const noActivity = 255;
  const threshold = Float64Array.from(task.rates.threshold);
  const ladder = Int32Array.from(task.rates.ladder);
  const ladderLength = ladder.length;
  const lowest = ladder[0];
  const lowestThreshold = threshold[lowest];
  const moveOf = new Uint8Array(task.cooperate.length);
  for (let k = 0; k < moveOf.length; k++) moveOf[k] = task.cooperate[k] >= 1 ? 0 : 1;
  // payoffOf's values: index activity * 4 + own * 2 + other (0: C).
  const earnedOf = new Float64Array(activityCount * 4);
  for (let activity = 0; activity < activityCount; activity++) {
    const { R, S, T, P, cost } = task.rates;
    earnedOf[activity * 4] = R[activity] - cost[activity];
    earnedOf[activity * 4 + 1] = S[activity] - cost[activity];
    earnedOf[activity * 4 + 2] = T[activity];
    earnedOf[activity * 4 + 3] = P[activity];
  }
  const lastRound = roundsPerGeneration - 1;
  const trustMoves = gain > 0 || loss > 0;
  const grieving = trustMoves && grievances.length > 0;
  const paying = !observe;
  const bonusOn = bonus > 0;
  const tables = {
    moveOf,
    earnedOf,
    ladder,
    threshold,
    lowest,
    lowestThreshold,
    ladderLength,
    roundsPerGeneration,
    lastRound,
    trustMoves,
    grieving,
    paying,
    bonusOn,
    bonus,
    gain,
    loss,
  };

  function range(total: number, part: number, parts: number): number {
    return Math.floor((total * part) / parts);
  }

  /** Relationships [from, to); unobserved, adds the payoffs of firms that do not straddle chunks (into payoffs zeroed before). */
  function playRelationships(from: number, to: number, tallyAt: number): void {
    // In blocks: V8 optimises a function it calls often early and fully, but a single long loop
    // only by replacing it mid-way (on-stack), which measured twice as slow for the first generations.
    for (let start = from; start < to; start += 2048) playBlock(start, Math.min(to, start + 2048), tallyAt);
  }

  // The chunks are claimed until none is left (a loop per phase: no closure made per task, see kernelFor).
  const edgeChunkCount = edgeChunks.length - 1;
  const firmChunkCount = firmChunks.length - 1;

  function playBlock(from: number, to: number, tallyAt: number): void {
    const { firmA, firmB, strategyOf, buyerTied, payoff, rounds, window, defections, trust, machineState, grievances, straddling, outcome, tallies } = arrays;
    const { activityCount, contextOf, cooperateAt, next, nextAt, trustThreshold } = task;
    const { moveOf, earnedOf, ladder, threshold } = tables;
    const { lowest, lowestThreshold, ladderLength, roundsPerGeneration, lastRound, trustMoves, grieving, paying, bonusOn, bonus, gain, loss } = tables;
    let mutual = 0;
    let selves = 0;
    const roundsAt = tallyAt + 2;
    const cooperationsAt = roundsAt + activityCount;
    const rungsAt = cooperationsAt + activityCount;
    for (let edge = from; edge < to; edge++) {
      const a = firmA[edge];
      const b = firmB[edge];
      const ka = strategyOf[a];
      const kb = strategyOf[b];
      const sideA = edge * 2;
      const sideB = sideA + 1;
      const nextA = nextAt[ka];
      const nextB = nextAt[kb];
      const thresholdA = trustThreshold[ka];
      const thresholdB = trustThreshold[kb];
      const machinesA = ka * activityCount;
      const machinesB = kb * activityCount;
      const self = a === b;
      if (self) selves++;
      const payA = paying && straddling[a] === 0;
      const payB = paying && !self && straddling[b] === 0;
      const tiedA = buyerTied[a];
      const tiedB = buyerTied[b];
      // The relationship's state in locals for its rounds, stored once after them.
      let ta = trust[sideA];
      let tb = trust[sideB];
      let stateA = machineState[sideA];
      let stateB = machineState[sideB];
      let windowA = window[sideA];
      let windowB = window[sideB];
      let defectedA = 0;
      let defectedB = 0;
      let grievancesA = grieving ? grievances[sideA] : 0;
      let grievancesB = grieving ? grievances[sideB] : 0;
      let payoffA = 0;
      let payoffB = 0;
      let at = edge * roundsPerGeneration;
      for (let round = 0; round < roundsPerGeneration; round++, at++) {
        const joint = ta < tb ? ta : tb;
        let activity = lowest;
        for (let k = 1; k < ladderLength; k++) {
          const candidate = ladder[k];
          if (threshold[candidate] <= joint) activity = candidate;
          else break;
        }
        if (round === lastRound && !self && joint >= lowestThreshold) tallies[rungsAt + activity]++;
        const context = contextOf[activity];
        const flips = outcome[at];
        const moveA = moveOf[cooperateAt[machinesA + activity] + stateA * contexts + (context | (ta >= thresholdA ? 2 : 0))] ^ (flips & 1);
        const moveB = moveOf[cooperateAt[machinesB + activity] + stateB * contexts + (context | (tb >= thresholdB ? 2 : 0))] ^ (flips >> 1);
        outcome[at] = activity * 4 + moveA * 2 + moveB;
        // settledPayoff's terms in play.ts's order (no sanctions here); each firm's sum in edge order, round by round.
        if (payA) {
          const earned = earnedOf[activity * 4 + moveA * 2 + moveB];
          payoffA = bonusOn ? earned + (moveA === 1 && tiedA === 1 ? bonus : 0) : earned;
          payoff[a] += payoffA;
        }
        if (payB) {
          const earned = earnedOf[activity * 4 + moveB * 2 + moveA];
          payoffB = bonusOn ? earned + (moveB === 1 && tiedB === 1 ? bonus : 0) : earned;
          payoff[b] += payoffB;
        }
        // A firm's trust in itself stays at 1; a co-operation first works off a grievance (rivalry.ts), then trustAfter.
        if (!self && trustMoves) {
          if (moveB === 0 && grievancesA > 0) grievancesA--;
          else ta = moveB === 0 ? ta + gain * (1 - ta) : ta * (1 - loss);
          if (moveA === 0 && grievancesB > 0) grievancesB--;
          else tb = moveA === 0 ? tb + gain * (1 - tb) : tb * (1 - loss);
        }
        windowA = ((windowA << 1) | moveA) >>> 0;
        windowB = ((windowB << 1) | moveB) >>> 0;
        defectedA += moveA;
        defectedB += moveB;
        const nextStateA = next[nextA + stateA * 4 + moveA * 2 + moveB];
        stateB = next[nextB + stateB * 4 + moveB * 2 + moveA];
        stateA = nextStateA;
        tallies[roundsAt + activity]++;
        tallies[cooperationsAt + activity] += 2 - moveA - moveB;
        if ((moveA | moveB) === 0) mutual++;
      }
      trust[sideA] = ta;
      trust[sideB] = tb;
      if (grieving) {
        grievances[sideA] = grievancesA;
        grievances[sideB] = grievancesB;
      }
      machineState[sideA] = stateA;
      machineState[sideB] = stateB;
      window[sideA] = windowA;
      window[sideB] = windowB;
      defections[sideA] += defectedA;
      defections[sideB] += defectedB;
      rounds[edge] += roundsPerGeneration;
    }
    tallies[tallyAt] += mutual;
    tallies[tallyAt + 1] += selves;
  }

  /**
   * Each firm of [from, to) (of `list`, or all) adds up its payoffs over its relationships in edge
   * order and round by round, as play.ts adds them, and, when observed, works out its share of
   * co-operative moves and the highest activity it played.
   */
  function settleFirms(from: number, to: number, list: Int32Array | undefined, addingWealth: boolean): void {
    for (let index = from; index < to; index++) {
      const firm = list === undefined ? index : list[index];
      const tied = buyerTied[firm];
      let sum = 0;
      let cooperations = 0;
      let highest = 0;
      const first = edgeOffsets[firm];
      const last = edgeOffsets[firm + 1];
      for (let k = first; k < last; k++) {
        const slot = edgeList[k];
        const side = slot & 1;
        const start = (slot >> 1) * roundsPerGeneration;
        for (let round = 0; round < roundsPerGeneration; round++) {
          const code = outcome[start + round];
          const activity = code >> 2;
          const moveA = (code >> 1) & 1;
          const moveB = code & 1;
          const own = side === 0 ? moveA : moveB;
          const other = side === 0 ? moveB : moveA;
          const earned = earnedOf[activity * 4 + own * 2 + other];
          sum += bonusOn ? earned + (own === 1 && tied === 1 ? bonus : 0) : earned;
          if (observe) {
            cooperations += 1 - own;
            const rank = ladderRank[activity];
            if (rank > highest) highest = rank;
          }
        }
      }
      payoff[firm] = sum;
      if (addingWealth) wealth[firm] += sum;
      if (observe) {
        // Each firm makes one move per round in each of its relationships (a self-relationship counts once).
        const moves = (last - first) * roundsPerGeneration;
        cooperationShare[firm] = moves > 0 ? cooperations / moves : 0;
        activityOf[firm] = highest === 0 ? noActivity : ladder[highest - 1];
      }
    }
  }

  /** The firms of [from, to) whose payoffs the relationships' phase added up (no straddlers) add them to their wealth, as model.ts's addPayoffs does. */
  function addWealth(from: number, to: number): void {
    for (let firm = from; firm < to; firm++) if (straddling[firm] === 0) wealth[firm] += payoff[firm];
  }

  /**
   * The firms of [from, to) whose strategy differs from `before` restart their sides: each side's
   * machine state is rebuilt from its relationship's window, as pool.ts's restartSide does. A side
   * belongs to one firm, and a restart reads only what no restart writes, so the parts are independent.
   */
  function restartFirms(from: number, to: number): void {
    for (let start = from; start < to; start += 2048) restartBlock(start, Math.min(to, start + 2048));
  }

  function restartBlock(from: number, to: number): void {
    const { strategyOf, before, edgeOffsets, edgeList, firmA, firmB, window, rounds, machineState } = arrays;
    const { next, nextAt, initial, states, replayDepth } = task;
    for (let firm = from; firm < to; firm++) {
      const strategy = strategyOf[firm];
      if (strategy === before[firm]) continue;
      const at = nextAt[strategy];
      const start = initial[strategy];
      const single = states[strategy] === 1;
      const depth = replayDepth[strategy];
      for (let k = edgeOffsets[firm]; k < edgeOffsets[firm + 1]; k++) {
        const slot = edgeList[k];
        const edge = slot >> 1;
        const self = firmA[edge] === firmB[edge];
        // A firm's relationship with itself is listed once: it restarts both sides.
        const last = self ? edge * 2 + 1 : slot;
        for (let side = self ? edge * 2 : slot; side <= last; side++) {
          if (single) {
            machineState[side] = 0;
            continue;
          }
          const own = window[side];
          const other = window[side ^ 1];
          let state = start;
          for (let back = Math.min(rounds[edge], depth) - 1; back >= 0; back--)
            state = next[at + state * 4 + ((own >>> back) & 1) * 2 + ((other >>> back) & 1)];
          machineState[side] = state;
        }
      }
    }
  }

  return {
    run(phase, part, parts) {
      if (phase === 'relationships') {
        const tallyAt = part * (2 + 3 * 63);
        tallies.fill(0, tallyAt, tallyAt + 2 + 3 * 63);
        for (let chunk = Atomics.add(claims, 0, 1); chunk < edgeChunkCount; chunk = Atomics.add(claims, 0, 1))
          playRelationships(edgeChunks[chunk], edgeChunks[chunk + 1], tallyAt);
      } else if (phase === 'restart') {
        for (let chunk = Atomics.add(claims, 0, 1); chunk < firmChunkCount; chunk = Atomics.add(claims, 0, 1))
          restartFirms(firmChunks[chunk], firmChunks[chunk + 1]);
      } else {
        const addingWealth = phase === 'firms-wealth';
        if (observe) settleFirms(range(firms, part, parts), range(firms, part + 1, parts), undefined, addingWealth);
        else {
          settleFirms(range(straddlers.length, part, parts), range(straddlers.length, part + 1, parts), straddlers, addingWealth);
          if (addingWealth) addWealth(range(firms, part, parts), range(firms, part + 1, parts));
        }
      }
    },
  };
}
