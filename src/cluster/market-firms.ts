import type { RandomSource } from '../core/random.js';
import type { MarketParameters } from './market-parameters.js';

/**
 * Heterogeneous firms (docs/model.md, "The market"): each new firm draws its size and its
 * manager's education. Size is lognormal (Gibrat's law: growth proportional to size makes the
 * firm-size distribution right-skewed, a few large firms among many small workshops); education is
 * uniform between `education.min` and `education.max`, the range Sonobe & Otsuka's Table 1 spans
 * from founders' "Low" education to the quality phase's "Very High". The sources give no
 * distributions: both are the model's own assumptions.
 */
export function drawSize(parameters: MarketParameters, random: RandomSource): number {
  const { median, sigma } = parameters.size;
  if (sigma === 0) return median;
  // Box–Muller: one standard normal from two uniforms (1 − u keeps the logarithm finite).
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(parameters.maxSize, median * Math.exp(sigma * normal));
}

export function drawEducation(parameters: MarketParameters, random: RandomSource): number {
  const { min, max } = parameters.education;
  return min + (Math.max(min, max) - min) * random();
}
