/**
 * The draws of the full model's Fermi revision (evolution.ts, fermiOnTorusStale): every step's
 * firm, mutation coin, mutant strategy or neighbour, and coin, whatever the configuration. The
 * stream cannot be split, but it can be drawn on another thread while this one takes the steps:
 * a play thread draws chunks into a ring of shared slots (drawIntoRing) a few chunks ahead of the
 * steps, which take them in order (StepRing). The same numbers in the same order as drawing them
 * here; this file imports nothing else, so that a play thread loads little.
 */

/** A stream as an object with a method (core/random.ts, StreamState), so that the loop below calls one method from generation to generation, not each generation's new closure. */
export interface UniformSource {
  uniform(): number;
}

/** What drawing a revision's steps on a torus takes: the stream and the torus's shape. */
export interface StaleDraws {
  readonly random: UniformSource;
  readonly width: number;
  readonly height: number;
  readonly size: number;
  readonly dxs: Int32Array;
  readonly dys: Int32Array;
  readonly mutation: number;
  readonly poolSize: number;
}

/**
 * Draws `count` steps into firms, others and coins from `at` on, in the stream's order: each step's
 * firm, mutation coin, then a mutant's strategy (others: −1 − it) or its neighbour and its coin.
 */
export function drawStaleSteps(draws: StaleDraws, firms: Int32Array, others: Int32Array, coins: Float64Array, at: number, count: number): void {
  const { random, width, height, size, dxs, dys, mutation, poolSize } = draws;
  const degree = dxs.length;
  for (let i = at; i < at + count; i++) {
    // ⌊u · n⌋ by truncation: u < 1 and n < 2³¹, so the same integer.
    const firm = (random.uniform() * size) | 0;
    firms[i] = firm;
    if (mutation > 0 && random.uniform() < mutation) {
      others[i] = -1 - ((random.uniform() * poolSize) | 0);
      continue;
    }
    const k = (random.uniform() * degree) | 0;
    const x = firm % width;
    const y = (firm - x) / width;
    let nx = x + dxs[k]!;
    let ny = y + dys[k]!;
    if (nx < 0) nx += width;
    else if (nx >= width) nx -= width;
    if (ny < 0) ny += height;
    else if (ny >= height) ny -= height;
    others[i] = ny * width + nx;
    coins[i] = random.uniform();
  }
}

/** Cells of a ring's control: the chunks drawn, the chunks taken. */
export const RING_DRAWN = 0;
export const RING_TAKEN = 1;

/** A revision's steps drawn on another thread: `slots` chunks of `chunk` steps (the last chunk of the revision may be shorter), in shared memory. */
export interface StepRing {
  readonly steps: number;
  readonly chunk: number;
  readonly slots: number;
  readonly firms: Int32Array;
  readonly others: Int32Array;
  readonly coins: Float64Array;
  /** RING_DRAWN and RING_TAKEN. */
  readonly control: Int32Array;
}

/** What a play thread is sent to draw a revision's steps: the stream's key (core/random.ts, streamFromKey) in place of the stream, the torus and the ring. */
export interface StepDrawJob extends Omit<StaleDraws, 'random'> {
  readonly key: string;
  readonly ring: StepRing;
}

/** Draws chunk `index` of the ring's steps into its slot and counts it drawn. */
export function drawChunk(draws: StaleDraws, ring: StepRing, index: number): void {
  const count = Math.min(ring.chunk, ring.steps - index * ring.chunk);
  drawStaleSteps(draws, ring.firms, ring.others, ring.coins, (index % ring.slots) * ring.chunk, count);
  Atomics.store(ring.control, RING_DRAWN, index + 1);
  Atomics.notify(ring.control, RING_DRAWN);
}

/** A play thread: draws every chunk in turn, waiting while the ring is full (its slots drawn and not yet taken). */
export function drawIntoRing(draws: StaleDraws, ring: StepRing): void {
  const chunks = Math.ceil(ring.steps / ring.chunk);
  for (let index = 0; index < chunks; index++) {
    for (let taken = Atomics.load(ring.control, RING_TAKEN); index - taken >= ring.slots; taken = Atomics.load(ring.control, RING_TAKEN))
      Atomics.wait(ring.control, RING_TAKEN, taken);
    drawChunk(draws, ring, index);
  }
}
