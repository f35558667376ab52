import seedrandom from 'seedrandom';

/** A seeded source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Derives an independent stream from a root seed and the identity of whoever uses it
 * (a pair of strategies, a repetition, a seat, a purpose). Streams never depend on the
 * order in which work is scheduled, so results are the same for any number of workers.
 * Tyche-i (Neves & Araujo 2011) is seedrandom's fastest generator to create, which matters
 * because a tournament creates thousands of short streams.
 */
export function deriveStream(rootSeed: string | number, ...identity: Array<string | number>): RandomSource {
  return streamFromKey(`${rootSeed}${KEY_SEPARATOR}${identity.join(KEY_SEPARATOR)}`);
}

export const KEY_SEPARATOR = '\u001f';

/** The stream for an identity already joined into one key (for hot loops that build keys incrementally). */
export function streamFromKey(key: string): RandomSource {
  return seedrandom.tychei(key);
}

/**
 * Number of Bernoulli(p) trials up to and including the first success (support 1, 2, …).
 * Used both for probabilistic match lengths and to skip ahead between noise flips, so a
 * noisy match costs one draw per flip instead of one per move.
 */
export function geometricTrials(p: number, random: RandomSource): number {
  if (p >= 1) return 1;
  if (p <= 0) return Number.POSITIVE_INFINITY;
  const uniform = 1 - random(); // (0, 1], so the logarithm is finite
  return Math.floor(Math.log(uniform) / Math.log1p(-p)) + 1;
}
