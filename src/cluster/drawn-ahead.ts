import type { RandomSource } from '../core/random.js';

/** Numbers drawn at a time. */
const BLOCK = 2048;
/** How far ahead of the step a loop reads the entries of the firms the numbers could pick (read-ahead positions fit in the slack). */
export const AHEAD = 24;
const SLACK = AHEAD + 8;

/**
 * A random stream drawn ahead into a buffer, for sequential steps on a lattice beyond the caches.
 * A loop takes the numbers from `numbers` at `start` (advancing it by arithmetic rather than by
 * branches on what it read), and reads ahead, for the number AHEAD places on, the entries of the
 * firm it would pick if it were a step's first: which numbers are firms depends on the coins
 * before them, so every one is read, and by the time a step needs its entries they are in the
 * cache, several reads under way at once instead of one after the other. The numbers are the
 * stream's in its order, and no more are drawn than the steps left are sure to take, so the
 * stream ends where it did without the buffer. Past `end` the buffer holds stale numbers (or
 * zeros): read ahead, never taken.
 */
export class DrawnAhead {
  readonly numbers = new Float64Array(BLOCK + SLACK);
  start = 0;
  end = 0;
  /** What the loop's reads ahead came to, kept so that they are not optimised away. */
  read = 0;
  readonly #random: RandomSource;
  /** The fewest numbers a step takes. */
  readonly #least: number;

  constructor(random: RandomSource, least: number) {
    this.#random = random;
    this.#least = least;
  }

  /** Moves the numbers not taken yet to the front and draws more, no more than `steps` steps are sure to take. */
  refill(steps: number): void {
    const numbers = this.numbers;
    numbers.copyWithin(0, this.start, this.end);
    let end = this.end - this.start;
    const last = Math.min(BLOCK, this.#least * steps);
    while (end < last) numbers[end++] = this.#random();
    this.start = 0;
    this.end = end;
  }

  /** The next number, from the buffer or, once it is used up (the last steps), from the stream. */
  next(): number {
    if (this.start < this.end) return this.numbers[this.start++]!;
    return this.#random();
  }
}
