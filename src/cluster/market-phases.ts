import type { MarketRecord } from './market.js';

/**
 * Sonobe & Otsuka's phases found in a run's market records (docs/model.md, "The phase rule").
 * Firm counts and mean quality are smoothed by a centred moving average of `SMOOTHING`
 * generations (fewer at the ends); then
 * - the **peak** P is the first generation where the smoothed firm count is at its maximum;
 * - **quantity expansion** starts at E, the first generation where the smoothed count has risen a
 *   quarter of the way from its start to its peak; before it is **initiation**;
 * - **quality improvement** starts at Q, the first generation after E where smoothed mean quality
 *   stands half a level above its value at E.
 * The run shows the three phases when the count at least doubles to its peak and ends at most 80%
 * of it (rising then falling); initiation lasts at least 2 generations and expansion at least 5
 * (quality flat while the count rises), and mean quality ends at least one level above its value
 * at E (then rising); and the mean profit falls during expansion to at most half of what it was
 * in initiation, while the innovators' mean profit over Q's first 10 generations recovers at least
 * half of that fall (profits falling then recovering for the innovators).
 */
export const SMOOTHING = 5;

export interface MarketPhases {
  /** First generation of quantity expansion, of quality improvement (−1: not reached), and of the firm count's peak. */
  readonly expansion: number;
  readonly quality: number;
  readonly peak: number;
  readonly firms: { readonly start: number; readonly peak: number; readonly end: number };
  readonly meanQuality: { readonly atExpansion: number; readonly end: number };
  /** Mean profit over initiation, its lowest (smoothed) value during expansion, and the innovators' mean profit early in the quality phase. */
  readonly profit: { readonly initiation: number; readonly trough: number; readonly innovators: number | null };
  /** Which of the rule's tests hold. */
  readonly checks: { readonly risingThenFalling: boolean; readonly flatThenRising: boolean; readonly fallingThenRecovering: boolean };
  readonly shown: boolean;
}

export function smooth(values: readonly number[], width = SMOOTHING): number[] {
  const half = Math.floor(width / 2);
  return values.map((_, index) => {
    const from = Math.max(0, index - half);
    const to = Math.min(values.length, index + half + 1);
    let sum = 0;
    for (let k = from; k < to; k++) sum += values[k]!;
    return sum / (to - from);
  });
}

const mean = (values: readonly number[]) => (values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0);

export function marketPhases(records: readonly MarketRecord[]): MarketPhases {
  const firms = smooth(records.map((record) => record.firms));
  const quality = smooth(records.map((record) => record.meanQuality));
  const profits = smooth(records.map((record) => record.meanProfit));
  const last = records.length - 1;
  let peak = 0;
  for (let g = 1; g <= last; g++) if (firms[g]! > firms[peak]!) peak = g;
  const start = firms[0] ?? 0;
  const expansionLevel = start + 0.25 * (firms[peak]! - start);
  let expansion = firms.findIndex((count) => count >= expansionLevel);
  if (expansion < 0) expansion = 0;
  const qualityAtExpansion = quality[expansion] ?? 0;
  let qualityStart = -1;
  for (let g = expansion; g <= last; g++) {
    if (quality[g]! >= qualityAtExpansion + 0.5) {
      qualityStart = g;
      break;
    }
  }
  const initiationProfit = mean(profits.slice(0, Math.max(1, expansion)));
  const expansionEnd = qualityStart < 0 ? last + 1 : qualityStart;
  const trough = Math.min(...profits.slice(expansion, Math.max(expansion + 1, expansionEnd)));
  const early =
    qualityStart < 0
      ? []
      : records.slice(qualityStart, qualityStart + 10).flatMap((record) => (record.innovatorProfit === null ? [] : [record.innovatorProfit]));
  const innovators = early.length > 0 ? mean(early) : null;
  const end = firms[last] ?? 0;
  const risingThenFalling = firms[peak]! >= 2 * start && end <= 0.8 * firms[peak]!;
  const flatThenRising = qualityStart >= 0 && expansion >= 2 && qualityStart - expansion >= 5 && quality[last]! >= qualityAtExpansion + 1;
  const fallingThenRecovering = trough <= 0.5 * initiationProfit && innovators !== null && innovators - trough >= 0.5 * (initiationProfit - trough);
  return {
    expansion,
    quality: qualityStart,
    peak,
    firms: { start, peak: firms[peak]!, end },
    meanQuality: { atExpansion: qualityAtExpansion, end: quality[last] ?? 0 },
    profit: { initiation: initiationProfit, trough, innovators },
    checks: { risingThenFalling, flatThenRising, fallingThenRecovering },
    shown: risingThenFalling && flatThenRising && fallingThenRecovering,
  };
}
