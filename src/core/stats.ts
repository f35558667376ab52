import { createRequire } from 'node:module';
import type jStatModule from 'jstat';

// jstat takes ~60 ms to load; only commands that compute intervals should pay for it.
let jStat: typeof jStatModule | undefined;
function studentT(): typeof jStatModule.studentt {
  jStat ??= createRequire(import.meta.url)('jstat') as typeof jStatModule;
  return jStat.studentt;
}

export interface MeanWithInterval {
  readonly mean: number;
  /** 95% confidence interval of the mean (Student's t); undefined with fewer than two samples. */
  readonly ci95: readonly [number, number] | undefined;
}

export function meanWithInterval(samples: ArrayLike<number>): MeanWithInterval {
  const n = samples.length;
  // Summing offsets from the first sample keeps identical samples' mean exact (and their interval empty).
  const origin = samples[0]!;
  let offsets = 0;
  for (let i = 0; i < n; i++) offsets += samples[i]! - origin;
  const mean = origin + offsets / n;
  if (n < 2) return { mean, ci95: undefined };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (samples[i]! - mean) ** 2;
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const half = studentT().inv(0.975, n - 1) * standardError;
  return { mean, ci95: [mean - half, mean + half] };
}
