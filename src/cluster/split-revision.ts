import { KEY_SEPARATOR } from '../core/random.js';
import { STALE_AHEAD, STALE_BLOCK, type Revision, type StepSource } from './evolution.js';
import type { Lattice } from './space.js';
import { sharedArray, type PlayThreads } from './split-play.js';
import { RING_DRAWN, RING_TAKEN, type StepRing } from './stale-draws.js';
import type { ClusterState } from './state.js';

/**
 * The full model's Fermi revision with its draws on a play thread. Its steps (evolution.ts,
 * fermiOnTorusStale) draw four numbers each from one stream whatever the configuration, and the
 * stream cannot be split; but a play thread, idle during the revision, can draw them from the same
 * stream a few chunks ahead while this thread takes the steps: the same numbers in the same order.
 */

/** The most steps in a chunk: a whole number of the steps' blocks, so that a block never straddles two chunks. */
const RING_CHUNK = 16 * STALE_BLOCK;

/**
 * Chunks in the ring: 64 of the largest (16 MB, a 1000² revision's steps whole, so that draws
 * started early, startStepDrawsEarly, run on while the command's thread records the generation),
 * and 8 for a revision of smaller chunks, which then goes round the ring.
 */
const BIG_RING_SLOTS = 64;
const RING_SLOTS = 8;

/** Steps in a chunk: smaller for a small lattice, so that a revision goes round the ring there too. */
function chunkFor(steps: number): number {
  return STALE_BLOCK * Math.max(1, Math.min(RING_CHUNK / STALE_BLOCK, Math.floor(steps / (STALE_BLOCK * 32))));
}

/** Per run: its ring, kept from one revision to the next while it has room. */
const ringsOf = new WeakMap<ClusterState, StepRing>();

function ringFor(state: ClusterState, steps: number): StepRing {
  const chunk = chunkFor(steps);
  const slots = chunk === RING_CHUNK ? BIG_RING_SLOTS : RING_SLOTS;
  // Read ahead past the last slot's end.
  const room = chunk * slots + STALE_AHEAD;
  const kept = ringsOf.get(state);
  if (kept !== undefined && kept.firms.length >= room) {
    // A new revision: the same memory, counted afresh.
    const ring = { ...kept, steps, chunk, slots };
    ring.control.fill(0);
    return ring;
  }
  const ring: StepRing = {
    steps,
    chunk,
    slots,
    firms: sharedArray(Int32Array, 4, room),
    others: sharedArray(Int32Array, 4, room),
    coins: sharedArray(Float64Array, 8, room),
    control: sharedArray(Int32Array, 4, 2),
  };
  ringsOf.set(state, ring);
  return ring;
}

/** A revision's draws on a play thread: where fermi takes its steps, and what to call once it has. */
export interface StepsBeside {
  readonly drawn: StepSource;
  finish(): void;
}

/** What a revision's draws depend on besides the run's seed and generation. */
interface DrawnFor {
  readonly torus: Lattice;
  readonly share: number;
  readonly mutation: number;
  readonly poolSize: number;
}

/** Per run: draws started before the revision (startStepDrawsEarly), for the generation they were started in. */
const earlyOf = new WeakMap<
  ClusterState,
  { readonly generation: number; readonly drawnFor: DrawnFor; readonly beside: StepsBeside; readonly ring: StepRing }
>();

function drawsBeside(state: ClusterState, drawnFor: DrawnFor): { readonly beside: StepsBeside; readonly ring: StepRing } | undefined {
  const threads: PlayThreads | undefined = state.threads;
  if (threads === undefined || threads.drawSteps === undefined || threads.waitUntil === undefined || threads.finish === undefined) return undefined;
  const { torus, share, mutation, poolSize } = drawnFor;
  const steps = Math.round(share * torus.size);
  if (steps === 0) return undefined;
  const ring = ringFor(state, steps);
  const { width, height, size } = torus;
  // The key of the stream revise() gives the revision: streamOf(state, 'evolution') (state.ts).
  const key = [state.seed, 'cluster', state.generation, 'evolution'].join(KEY_SEPARATOR);
  const dxs = Int32Array.from(torus.offsets, ([dx]) => dx);
  const dys = Int32Array.from(torus.offsets, ([, dy]) => dy);
  threads.drawSteps({ key, width, height, size, dxs, dys, mutation, poolSize, ring });
  return { beside: { drawn: new StepsFromRing(ring, threads.waitUntil.bind(threads)), finish: () => threads.finish!() }, ring };
}

/**
 * Starts a play thread drawing this generation's revision steps before the revision (as soon as
 * the play is over), for fermi on the generation's payoffs on `torus` with these settings: the
 * thread is otherwise idle while the command's thread records the generation. drawStepsOnThread
 * takes them if the revision is the one they were drawn for; dropStepDrawsEarly ends them otherwise.
 */
export function startStepDrawsEarly(state: ClusterState, drawnFor: DrawnFor): void {
  dropStepDrawsEarly(state);
  const started = drawsBeside(state, drawnFor);
  if (started !== undefined) earlyOf.set(state, { generation: state.generation, drawnFor, ...started });
}

/** Ends draws started early that no revision took (the drawing thread then draws on without waiting for steps to be taken, and is waited for). */
export function dropStepDrawsEarly(state: ClusterState): void {
  const early = earlyOf.get(state);
  if (early === undefined) return;
  earlyOf.delete(state);
  const { control, steps, chunk } = early.ring;
  Atomics.store(control, RING_TAKEN, 2 ** 30);
  Atomics.notify(control, RING_TAKEN);
  // Over before the ring is drawn into again.
  state.threads!.waitUntil!(control, RING_DRAWN, Math.ceil(steps / chunk));
  early.beside.finish();
}

function sameDraws(a: DrawnFor, b: DrawnFor): boolean {
  return a.torus === b.torus && a.share === b.share && a.mutation === b.mutation && a.poolSize === b.poolSize;
}

/**
 * Has a play thread draw the steps of `revision` (fermi on the generation's payoffs on `torus`),
 * or takes those it started drawing early, and returns where fermi takes them from and what to call
 * once it has; undefined where the run's threads cannot draw (one thread, or threads that do not offer it).
 */
export function drawStepsOnThread(state: ClusterState, revision: Revision, torus: Lattice): StepsBeside | undefined {
  const drawnFor: DrawnFor = { torus, share: revision.share, mutation: revision.mutation, poolSize: revision.poolSize };
  const early = earlyOf.get(state);
  if (early !== undefined && early.generation === state.generation && sameDraws(early.drawnFor, drawnFor)) {
    earlyOf.delete(state);
    return early.beside;
  }
  dropStepDrawsEarly(state);
  return drawsBeside(state, drawnFor)?.beside;
}

/**
 * The steps as the drawing thread puts them in the ring, read where they lie: a chunk is counted
 * taken (its slot free to draw into again) once its last block has been stepped through, at the
 * next block's call.
 */
class StepsFromRing implements StepSource {
  readonly firms: Int32Array;
  readonly others: Int32Array;
  readonly coins: Float64Array;
  at = 0;
  #index = 0;
  #offset = 0;
  constructor(
    private readonly ring: StepRing,
    private readonly waitUntil: (cells: Int32Array, index: number, value: number) => void,
  ) {
    this.firms = ring.firms;
    this.others = ring.others;
    this.coins = ring.coins;
  }
  next(count: number): void {
    const { control, chunk, slots, steps } = this.ring;
    if (this.#offset === Math.min(chunk, steps - this.#index * chunk)) {
      this.#index++;
      this.#offset = 0;
      Atomics.store(control, RING_TAKEN, this.#index);
      Atomics.notify(control, RING_TAKEN);
    }
    if (this.#offset === 0) this.waitUntil(control, RING_DRAWN, this.#index + 1);
    this.at = (this.#index % slots) * chunk + this.#offset;
    this.#offset += count;
  }
}
