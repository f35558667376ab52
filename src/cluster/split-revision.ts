import { KEY_SEPARATOR } from '../core/random.js';
import { STALE_AHEAD, STALE_BLOCK, staleDrawsOf, type Revision, type StepSource } from './evolution.js';
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

/** Chunks in the ring, and the most steps in a chunk (a whole number of the steps' blocks, so that a block never straddles two chunks): 2 MB. */
const RING_SLOTS = 8;
const RING_CHUNK = 16 * STALE_BLOCK;

/** Steps in a chunk: smaller for a small lattice, so that a revision goes round the ring there too. */
function chunkFor(steps: number): number {
  return STALE_BLOCK * Math.max(1, Math.min(RING_CHUNK / STALE_BLOCK, Math.floor(steps / (STALE_BLOCK * 32))));
}

/** Per run: its ring, kept from one revision to the next. */
const ringsOf = new WeakMap<ClusterState, StepRing>();

function ringFor(state: ClusterState, steps: number): StepRing {
  const kept = ringsOf.get(state);
  if (kept !== undefined) {
    // A new revision: the same slots, counted afresh.
    const ring = { ...kept, steps, chunk: chunkFor(steps) };
    ring.control.fill(0);
    return ring;
  }
  // Read ahead past the last slot's end.
  const room = RING_CHUNK * RING_SLOTS + STALE_AHEAD;
  const ring: StepRing = {
    steps,
    chunk: chunkFor(steps),
    slots: RING_SLOTS,
    firms: sharedArray(Int32Array, 4, room),
    others: sharedArray(Int32Array, 4, room),
    coins: sharedArray(Float64Array, 8, room),
    control: sharedArray(Int32Array, 4, 2),
  };
  ringsOf.set(state, ring);
  return ring;
}

/**
 * Starts a play thread drawing the steps of `revision` (fermi on the generation's payoffs on
 * `torus`) and returns where fermi takes them from and what to call once it has, or undefined
 * where the run's threads cannot draw (one thread, or threads that do not offer it).
 */
export function drawStepsOnThread(state: ClusterState, revision: Revision, torus: Lattice): { readonly drawn: StepSource; finish(): void } | undefined {
  const threads: PlayThreads | undefined = state.threads;
  if (threads === undefined || threads.drawSteps === undefined || threads.waitUntil === undefined || threads.finish === undefined) return undefined;
  const steps = Math.round(revision.share * torus.size);
  if (steps === 0) return undefined;
  const ring = ringFor(state, steps);
  const { width, height, size, dxs, dys, mutation, poolSize } = staleDrawsOf(revision, torus);
  // The key of the stream revise() gives the revision: streamOf(state, 'evolution') (state.ts).
  const key = [state.seed, 'cluster', state.generation, 'evolution'].join(KEY_SEPARATOR);
  threads.drawSteps({ key, width, height, size, dxs, dys, mutation, poolSize, ring });
  return { drawn: new StepsFromRing(ring, threads.waitUntil.bind(threads)), finish: () => threads.finish!() };
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
