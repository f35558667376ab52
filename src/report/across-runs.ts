/** Mean, lowest and highest value across several runs, generation by generation. */
export interface AcrossRuns {
  readonly mean: number[];
  readonly low: number[];
  readonly high: number[];
}

/**
 * The spread of one metric over several runs of the same length (a run's seeds, or a sweep
 * combination's); a missing or non-finite value is left out of its generation.
 */
export function acrossRuns(
  series: readonly (readonly (number | null | undefined)[])[],
  length = Math.min(...series.map((values) => values.length)),
): AcrossRuns {
  const mean: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let index = 0; index < length; index++) {
    const values = series.map((values) => values[index]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    mean.push(values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length);
    low.push(values.length === 0 ? Number.NaN : Math.min(...values));
    high.push(values.length === 0 ? Number.NaN : Math.max(...values));
  }
  return { mean, low, high };
}
