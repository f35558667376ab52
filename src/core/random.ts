/** A seeded source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

export const KEY_SEPARATOR = '\u001f';

/**
 * seedrandom's Tyche-i generator (Neves & Araujo 2011), with the same string seeding, so a
 * stream gives exactly the numbers `seedrandom.tychei(key)` gives (tests/core/random.test.ts
 * checks this against seedrandom itself). It is a plain class rather than seedrandom's
 * closure-per-generator objects because a tournament creates a stream per match: this
 * halves the time of a cold tournament run (docs/benchmarks.md).
 *
 * Seeding takes in the key one character at a time and then runs 20 more rounds, so the state
 * after a key's first characters can be kept and continued: a tournament takes in each pair's
 * part of its keys once, not once per match and purpose (absorb, copy, seal).
 */
export class StreamState {
  private a = 0;
  private b = 0;
  private c = 2654435769 | 0;
  private d = 1367130551;

  /** Takes in more characters of the key. */
  absorb(text: string): this {
    for (let k = 0; k < text.length; k++) {
      this.b ^= text.charCodeAt(k);
      this.next();
    }
    return this;
  }

  /** Ends the key (seedrandom's 20 rounds after its last character): the stream starts here. */
  seal(): this {
    for (let k = 0; k < 20; k++) this.next();
    return this;
  }

  /** Takes the state of another generator. */
  copy(from: StreamState): this {
    this.a = from.a;
    this.b = from.b;
    this.c = from.c;
    this.d = from.d;
    return this;
  }

  /** Writes a, b, c, d at `at` (for a loop outside JavaScript that continues the stream). */
  saveTo(words: Int32Array, at = 0): void {
    words[at] = this.a;
    words[at + 1] = this.b;
    words[at + 2] = this.c;
    words[at + 3] = this.d;
  }

  /** Takes a, b, c, d from `at` (where such a loop left the stream). */
  loadFrom(words: Int32Array, at = 0): this {
    this.a = words[at]!;
    this.b = words[at + 1]!;
    this.c = words[at + 2]!;
    this.d = words[at + 3]!;
    return this;
  }

  /** The next uniform number in [0, 1). */
  uniform(): number {
    return (this.next() >>> 0) / 0x100000000;
  }

  next(): number {
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let a = this.a;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << 20) ^ (b >>> 12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << 16) ^ (c >>> 16) ^ a;
    return (this.a = (a - b) | 0);
  }
}

/** The stream for an identity already joined into one key (for hot loops that build keys incrementally). */
export function streamFromKey(key: string): RandomSource {
  const generator = new StreamState().absorb(key).seal();
  return () => generator.uniform();
}

/** The stream whose key is the one `prefix` has taken in so far followed by `rest` (`prefix` is left as it was). */
export function streamAfter(prefix: StreamState, rest: string): RandomSource {
  const generator = new StreamState().copy(prefix).absorb(rest).seal();
  return () => generator.uniform();
}

/**
 * Derives an independent stream from a root seed and the identity of whoever uses it
 * (a pair of strategies, a repetition, a seat, a purpose). Streams never depend on the
 * order in which work is scheduled, so results are the same for any number of workers.
 */
export function deriveStream(rootSeed: string | number, ...identity: Array<string | number>): RandomSource {
  return streamFromKey(`${rootSeed}${KEY_SEPARATOR}${identity.join(KEY_SEPARATOR)}`);
}

/**
 * Number of Bernoulli(p) trials up to and including the first success (support 1, 2, …).
 * Used both for probabilistic match lengths and to skip ahead between noise flips, so a
 * noisy match costs one draw per flip instead of one per move.
 */
export function geometricTrials(p: number, random: RandomSource): number {
  return geometricTrialsWith(p, Math.log1p(-p), random);
}

/**
 * geometricTrialsWith drawing from a generator itself: the same numbers. Hot code that draws from a
 * new stream every generation calls one method of one class this way, not a new closure each time.
 */
export function geometricTrialsOn(p: number, log1pMinusP: number, stream: StreamState): number {
  if (p >= 1) return 1;
  if (p <= 0) return Number.POSITIVE_INFINITY;
  const uniform = 1 - stream.uniform(); // (0, 1], so the logarithm is finite
  return Math.floor(Math.log(uniform) / log1pMinusP) + 1;
}

/** geometricTrials with log1p(−p) worked out by the caller, once for many draws: the same numbers. */
export function geometricTrialsWith(p: number, log1pMinusP: number, random: RandomSource): number {
  if (p >= 1) return 1;
  if (p <= 0) return Number.POSITIVE_INFINITY;
  const uniform = 1 - random(); // (0, 1], so the logarithm is finite
  return Math.floor(Math.log(uniform) / log1pMinusP) + 1;
}
