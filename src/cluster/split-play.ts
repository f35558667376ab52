import { KEY_SEPARATOR, StreamState } from '../core/random.js';
import { communicationOn } from './communication.js';
import { layFlipsFrom, layFlipsInto, type FlipsJob } from './noise-flips.js';
import type { PlayTally } from './metrics.js';
import { activityContext, sanctionsOn, type RoundRates } from './round-rules.js';
import type { RelationshipGraph } from './space.js';
import { chunksFor, runSplitPart, SPLIT_ACTIVITIES, TALLY_STRIDE, type SplitPlayArrays, type SplitPlayTask } from './split-play-kernel.js';
import { drawChunk, RING_DRAWN, type StaleDraws, type StepDrawJob, type StepRing } from './stale-draws.js';
import { streamOf, type ClusterState } from './state.js';
import { sumTrustInto, type TrustSumJob } from './trust-sum.js';

export type { SplitPlayArrays, SplitPlayTask } from './split-play-kernel.js';

/**
 * The threads that share a generation's play (docs/benchmarks.md, "Workers"). The simulation
 * starts none itself (it has no I/O): the command line injects worker threads
 * (src/cli/cluster-play-threads.ts), tests inject partsInThisThread. Whatever the count, the
 * results are those of play.ts to the bit.
 */
export interface PlayThreads {
  /** How many parts a task is split into: one per thread, the calling thread included. */
  readonly count: number;
  /** Runs runSplitPart(arrays, task, part, count) for every part, part 0 on the calling thread, and returns when all are done. */
  run(arrays: SplitPlayArrays, task: SplitPlayTask): void;
  /**
   * Has another thread draw the full model's revision steps into the job's ring (stale-draws.ts)
   * while the calling thread takes them: waitUntil returns once `cells[index]` has reached `value`
   * (the chunks drawn), finish once the drawing is done. Without these the calling thread draws.
   */
  drawSteps?(job: StepDrawJob): void;
  /** Has another thread add up the trust (trust-sum.ts) before any steps drawn after it; waitUntil(job.ready, 0, 1) waits for it. */
  sumTrust?(job: TrustSumJob): void;
  /** Has another thread lay a generation's noise flips (noise-flips.ts) after the jobs before it; waitUntil(job.ready, 0, 1) waits for it. */
  layFlips?(job: FlipsJob): void;
  waitUntil?(cells: Int32Array, index: number, value: number): void;
  finish?(): void;
}

/** The parts one after another on the calling thread: the same work and results as `count` threads, for tests and runs too small to gain. */
export function partsInThisThread(count: number): PlayThreads {
  let drawing: { readonly draws: StaleDraws; readonly ring: StepRing } | undefined;
  return {
    count,
    run(arrays, task) {
      for (let part = 0; part < count; part++) runSplitPart(arrays, task, part, count);
    },
    drawSteps(job) {
      drawing = { draws: { ...job, random: new StreamState().absorb(job.key).seal() }, ring: job.ring };
    },
    sumTrust: sumTrustInto,
    layFlips: layFlipsInto,
    // The chunks are drawn when they are waited for: the ring never fills.
    waitUntil(cells, index, value) {
      while (Atomics.load(cells, index) < value) {
        if (drawing === undefined || cells !== drawing.ring.control || index !== RING_DRAWN) throw new Error('parts in this thread wait only for drawn steps');
        drawChunk(drawing.draws, drawing.ring, Atomics.load(cells, index));
      }
    },
    finish() {
      drawing = undefined;
    },
  };
}

/** The parts of a run without threads: its one thread plays them all. */
export const ONE_THREAD: PlayThreads = partsInThisThread(1);

/**
 * Whether a run without threads plays (and restarts) through the kernel: from 65,536 relationships
 * (a 128 × 128 torus). Below, a run is over before its own copy of the kernel (split-play-kernel.ts)
 * has paid for its compilation: ten 40 × 40 runs of 200 generations took some 5% more CPU through
 * it than through play.ts's loop, which every run of the process shares warm.
 */
export function kernelPaysOff(state: ClusterState): boolean {
  return state.threads !== undefined || state.relationshipCount >= 65_536;
}

/** The most bytes the per-round outcomes may take (one per relationship-round); a larger generation plays on one thread. */
const OUTCOME_BYTES = 2 ** 28;

/**
 * Whether this generation's play can be split over threads without changing a draw: every pool
 * strategy is a deterministic finite-state machine, and no mechanism draws during play (sanctions,
 * reputation) or ties relationships together (communication, organisers, the market's empty
 * sites, partner choice). Noise qualifies: where its flips fall follows from its stream alone.
 */
export function splittable(state: ClusterState): boolean {
  const parameters = state.parameters;
  if (state.partners !== undefined || state.market !== undefined || state.organisers?.play !== undefined) return false;
  if (sanctionsOn(parameters.sanctions.detection, parameters.sanctions.fine)) return false;
  if (parameters.reputation?.enabled || communicationOn(state)) return false;
  const table = state.activities;
  if (table.ladder.length === 0 || table.count > SPLIT_ACTIVITIES) return false;
  if (state.relationshipCount * parameters.roundsPerGeneration > OUTCOME_BYTES) return false;
  return state.entries.every((entry) => entry.machines?.every((machine) => !machine.stochastic) === true);
}

/** A SharedArrayBuffer-backed typed array: what the model allocates its big arrays as when threads share them. */
export function sharedArray<T>(create: new (buffer: SharedArrayBuffer) => T, bytesPerElement: number, length: number): T {
  return new create(new SharedArrayBuffer(bytesPerElement * length));
}

/** The shared arrays of a run, kept while its relationships stay the same objects. */
const arraysOf = new WeakMap<ClusterState, SplitPlayArrays>();

/** The arrays for `threads`, with room for the generation's outcomes when `playing` (restarts alone need none). */
function splitArrays(state: ClusterState, threads: PlayThreads, playing: boolean): SplitPlayArrays {
  const { graph, relationships } = state;
  const needed = playing ? graph.count * state.parameters.roundsPerGeneration : 0;
  const kept = arraysOf.get(state);
  if (
    kept !== undefined &&
    kept.trust === relationships.trust &&
    kept.grievances === relationships.grievances &&
    kept.outcome.length >= needed &&
    kept.tallies.length === threads.count * TALLY_STRIDE
  )
    return kept;
  const edgeChunks = sharedChunks(chunksFor(graph.count, threads.count));
  const arrays: SplitPlayArrays = {
    firmA: graph.firmA,
    firmB: graph.firmB,
    edgeOffsets: graph.edgeOffsets,
    edgeList: graph.edgeList,
    strategyOf: state.strategyOf,
    buyerTied: state.buyerTied,
    payoff: state.payoff,
    wealth: state.wealth,
    cooperationShare: state.cooperationShare,
    activityOf: state.activityOf,
    rounds: relationships.rounds,
    window: relationships.window,
    defections: relationships.defections,
    trust: relationships.trust,
    machineState: relationships.machineState,
    grievances: relationships.grievances,
    edgeChunks,
    firmChunks: sharedChunks(chunksFor(state.space.size, threads.count)),
    claims: sharedArray(Int32Array, 4, 1),
    ...straddlingFirms(graph, edgeChunks),
    before: sharedArray(Uint8Array, 1, state.space.size),
    outcome: sharedArray(Uint8Array, 1, Math.max(needed, kept?.outcome.length ?? 0)),
    tallies: sharedArray(Float64Array, 8, threads.count * TALLY_STRIDE),
  };
  arraysOf.set(state, arrays);
  return arrays;
}

/** A chunk layout in shared memory (every array a play thread is sent must be). */
function sharedChunks(starts: Int32Array): Int32Array {
  const shared = sharedArray(Int32Array, 4, starts.length);
  shared.set(starts);
  return shared;
}

/** The firms whose relationships fall in more than one of the chunks that start at `chunks` (chunksFor over the edges). */
function straddlingFirms(graph: RelationshipGraph, chunks: Int32Array): { straddling: Uint8Array; straddlers: Int32Array } {
  const { edgeOffsets, edgeList } = graph;
  const firms = edgeOffsets.length - 1;
  const straddling = sharedArray(Uint8Array, 1, firms);
  const chunkOf = (edge: number): number => {
    // The last chunk that starts at or before the edge.
    let low = 0;
    let high = chunks.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (chunks[middle]! <= edge) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  let found = 0;
  for (let firm = 0; firm < firms; firm++) {
    const first = edgeOffsets[firm]!;
    const last = edgeOffsets[firm + 1]! - 1;
    if (last > first && chunkOf(edgeList[first]! >> 1) !== chunkOf(edgeList[last]! >> 1)) {
      straddling[firm] = 1;
      found++;
    }
  }
  const straddlers = sharedArray(Int32Array, 4, found);
  for (let firm = 0, k = 0; firm < firms; firm++) if (straddling[firm] === 1) straddlers[k++] = firm;
  return { straddling, straddlers };
}

/** Lays the generation's noise flips into the outcomes: the move indices play.ts would flip, drawn from the same stream. */
function layFlips(state: ClusterState, outcome: Uint8Array, relationshipRounds: number): void {
  if (takeFlipsBeside(state, outcome, relationshipRounds)) return;
  layFlipsFrom(streamOf(state, 'noise'), state.parameters.noise, outcome, relationshipRounds);
}

/** Per run: the next generation's flips on their way from a play thread (startNextFlipsBeside). */
const flipsOf = new WeakMap<ClusterState, { generation: number; readonly job: FlipsJob; readonly threads: PlayThreads }>();

/**
 * Has a play thread lay the next generation's flips into this run's outcomes now (they are read no
 * more this generation), as the next playSplit would lay them if nothing changes before it: the
 * same noise, relationships and rounds. Nothing where the run's threads do not offer it, or its
 * play has not been split yet.
 */
export function startNextFlipsBeside(state: ClusterState): void {
  const threads = state.threads;
  const outcome = arraysOf.get(state)?.outcome;
  if (threads?.layFlips === undefined || threads.waitUntil === undefined || outcome === undefined) return;
  const relationshipRounds = state.graph.count * state.parameters.roundsPerGeneration;
  if (outcome.length < relationshipRounds) return;
  const generation = state.generation + 1;
  // The key of streamOf(state, 'noise', generation) (state.ts).
  const key = [state.seed, 'cluster', generation, 'noise'].join(KEY_SEPARATOR);
  const kept = flipsOf.get(state)?.job;
  const ready = kept?.ready ?? sharedArray(Int32Array, 4, 1);
  Atomics.store(ready, 0, 0);
  const job: FlipsJob = { key, noise: state.parameters.noise, outcome, relationshipRounds, ready };
  flipsOf.set(state, { generation, job, threads });
  threads.layFlips(job);
}

/** Whether flips laid beside (waited for) are this generation's, into these outcomes; flips laid for a generation that turned out otherwise are waited for and not used. */
function takeFlipsBeside(state: ClusterState, outcome: Uint8Array, relationshipRounds: number): boolean {
  const pending = flipsOf.get(state);
  if (pending === undefined) return false;
  flipsOf.delete(state);
  // They write into the outcomes: over before anything else does.
  pending.threads.waitUntil!(pending.job.ready, 0, 1);
  const { job } = pending;
  return (
    pending.generation === state.generation &&
    job.outcome === outcome &&
    job.relationshipRounds === relationshipRounds &&
    Object.is(job.noise, state.parameters.noise)
  );
}

/** The last task made for a run, with what it was made from: the same rules and arrays keep the same key. */
const tasksOf = new WeakMap<ClusterState, { readonly arrays: SplitPlayArrays; readonly entries: object; readonly task: SplitPlayTask }>();

/** Whether two activity tables play the same (refreshTables makes a new one whenever the maintenance or an event asks, mostly unchanged). */
function sameRates(kept: RoundRates, now: RoundRates): boolean {
  const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
    a.length === b.length && Array.prototype.every.call(a, (value, k) => Object.is(value, b[k]));
  return (
    same(kept.R, now.R) &&
    same(kept.S, now.S) &&
    same(kept.T, now.T) &&
    same(kept.P, now.P) &&
    same(kept.cost, now.cost) &&
    same(kept.threshold, now.threshold) &&
    same(kept.lowRisk, now.lowRisk) &&
    same(kept.deterred, now.deterred) &&
    same(kept.ladder, now.ladder)
  );
}

/** Keys of tasks, unique in this process (split-play-kernel.ts compiles its loops once per key). */
let lastKey = 0;

/** The rules of this generation as the parts read them, for these arrays. */
function taskOf(state: ClusterState, arrays: SplitPlayArrays, phase: SplitPlayTask['phase']): SplitPlayTask {
  const kept = tasksOf.get(state);
  const parameters = state.parameters;
  if (
    kept !== undefined &&
    kept.arrays === arrays &&
    sameRates(kept.task.rates, state.activities) &&
    kept.entries === state.entries &&
    kept.task.roundsPerGeneration === parameters.roundsPerGeneration &&
    kept.task.gain === parameters.trust.gain &&
    kept.task.loss === parameters.trust.loss &&
    kept.task.bonus === parameters.externalBuyers.bonus &&
    kept.task.observe === state.observe &&
    kept.task.edges === state.graph.count
  )
    return kept.task.phase === phase ? kept.task : { ...kept.task, phase };
  const task = newTask(state, phase);
  tasksOf.set(state, { arrays, entries: state.entries, task });
  return task;
}

function newTask(state: ClusterState, phase: SplitPlayTask['phase']): SplitPlayTask {
  const table = state.activities;
  const activityCount = table.count;
  const entries = state.entries;
  const cooperateAt = new Int32Array(entries.length * activityCount);
  const nextAt = new Int32Array(entries.length);
  const trustThreshold = new Float64Array(entries.length);
  const initial = new Int32Array(entries.length);
  const states = new Int32Array(entries.length);
  const replayDepth = Int32Array.from(entries, (entry) => entry.replayDepth);
  let cooperateLength = 0;
  let nextLength = 0;
  entries.forEach((entry, k) => {
    const machines = entry.machines!;
    for (let activity = 0; activity < activityCount; activity++) {
      cooperateAt[k * activityCount + activity] = cooperateLength;
      cooperateLength += machines[activity]!.cooperate.length;
    }
    nextAt[k] = nextLength;
    nextLength += machines[0]!.next.length;
    trustThreshold[k] = machines[0]!.trustThreshold;
    initial[k] = machines[0]!.initial;
    states[k] = machines[0]!.states;
  });
  const cooperate = new Float64Array(cooperateLength);
  const next = new Int32Array(nextLength);
  entries.forEach((entry, k) => {
    const machines = entry.machines!;
    for (let activity = 0; activity < activityCount; activity++) cooperate.set(machines[activity]!.cooperate, cooperateAt[k * activityCount + activity]!);
    next.set(machines[0]!.next, nextAt[k]!);
  });
  const contextOf = new Int32Array(activityCount);
  for (let activity = 0; activity < activityCount; activity++) contextOf[activity] = activityContext(table, activity);
  const ladderRank = new Int32Array(activityCount);
  for (let rank = 0; rank < table.ladder.length; rank++) ladderRank[table.ladder[rank]!] = rank + 1;
  const rates: RoundRates = {
    R: table.R,
    S: table.S,
    T: table.T,
    P: table.P,
    cost: table.cost,
    threshold: table.threshold,
    lowRisk: table.lowRisk,
    deterred: table.deterred,
    ladder: table.ladder,
  };
  const parameters = state.parameters;
  return {
    phase,
    key: ++lastKey,
    edges: state.graph.count,
    firms: state.space.size,
    roundsPerGeneration: parameters.roundsPerGeneration,
    rates,
    activityCount,
    contextOf,
    ladderRank,
    cooperate,
    cooperateAt,
    next,
    nextAt,
    trustThreshold,
    initial,
    states,
    replayDepth,
    gain: parameters.trust.gain,
    loss: parameters.trust.loss,
    bonus: parameters.externalBuyers.bonus,
    observe: state.observe,
  };
}

/**
 * Whether the firms that changed strategy can restart their sides in parts: every strategy on the
 * fast path (a machine for each, no move() players), as pool.ts's restartChanged requires too.
 */
export function restartSplittable(state: ClusterState): boolean {
  return state.partners === undefined && state.players.size === 0 && state.entries.every((entry) => entry.machines !== undefined);
}

/** The firms whose strategy differs from `before` restart their sides, in parts over `threads` (see restartSplittable). */
export function restartSplit(state: ClusterState, threads: PlayThreads, before: Uint8Array): void {
  // With room for the outcomes if the play splits too: the same arrays, and the loops compiled once.
  const arrays = splitArrays(state, threads, splittable(state));
  arrays.before.set(before);
  Atomics.store(arrays.claims, 0, 0);
  threads.run(arrays, taskOf(state, arrays, 'restart'));
}

/**
 * Plays a generation that `splittable` allows over `threads`: the relationships in parts, then
 * the firms' payoffs in parts. Writes what playGeneration writes and returns the same tally.
 */
export function playSplit(state: ClusterState, threads: PlayThreads): PlayTally {
  const arrays = splitArrays(state, threads, true);
  const relationshipRounds = state.graph.count * state.parameters.roundsPerGeneration;
  layFlips(state, arrays.outcome, relationshipRounds);
  const task = taskOf(state, arrays, 'relationships');
  // Unobserved, the relationships' phase adds up payoffs as it goes (split-play-kernel.ts).
  if (!task.observe) state.payoff.fill(0);
  Atomics.store(arrays.claims, 0, 0);
  threads.run(arrays, task);
  // Nothing between the play and the wealth changes payoffs without organisers (fees) or a market (sales): the wealth is added here, in parts.
  const addingWealth = state.organisers === undefined && state.market === undefined;
  threads.run(arrays, { ...task, phase: addingWealth ? 'firms-wealth' : 'firms' });
  const activityCount = task.activityCount;
  const activityRounds = new Float64Array(activityCount);
  const activityCooperations = new Float64Array(activityCount);
  const rungPairs = new Float64Array(activityCount);
  let mutual = 0;
  let selves = 0;
  const tallies = arrays.tallies;
  for (let part = 0; part < threads.count; part++) {
    const at = part * TALLY_STRIDE;
    mutual += tallies[at]!;
    selves += tallies[at + 1]!;
    for (let activity = 0; activity < activityCount; activity++) {
      activityRounds[activity]! += tallies[at + 2 + activity];
      activityCooperations[activity]! += tallies[at + 2 + activityCount + activity];
      rungPairs[activity]! += tallies[at + 2 + 2 * activityCount + activity];
    }
  }
  if (task.gain > 0 || task.loss > 0) state.trustUniform = false;
  let cooperations = 0;
  for (let activity = 0; activity < activityCount; activity++) cooperations += activityCooperations[activity]!;
  return {
    cooperations,
    moves: relationshipRounds * 2,
    mutual,
    rounds: relationshipRounds,
    fines: 0,
    activityRounds,
    activityCooperations,
    rungPairs,
    pairs: task.edges - selves,
    wealthAdded: addingWealth,
  };
}
