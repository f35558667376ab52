import type { ActivityTable } from './activities.js';
import type { MarketState } from './market.js';
import { unitCostOf, unitValueOf } from './market-demand.js';
import type { MarketParameters } from './market-parameters.js';
import { jointTrust } from './round-rules.js';
import { streamOf, type ClusterState } from './state.js';

/**
 * Quality over time (docs/model.md, "The market"): management training raises managers'
 * education; a firm whose margin has fallen invests to raise its quality one level, succeeding
 * with a chance that grows with its manager's education and with the share of its partners it
 * trusts enough to exchange technology with (the risky rung of the trust ladder); and firms copy a
 * neighbour's higher quality after seeing it for `imitation.lag` generations.
 */
export interface QualityChanges {
  readonly innovations: number;
  readonly imitations: number;
}

/** Each generation `training.rate` of the managers are trained: education moves `boost` of the way to 1. */
export function trainManagers(state: ClusterState, market: MarketState, parameters: MarketParameters): void {
  const { rate, boost } = parameters.training;
  if (rate === 0 || boost === 0) return;
  const random = streamOf(state, 'market-training');
  const { vacant, education } = market;
  for (let site = 0; site < vacant.length; site++) {
    if (vacant[site] === 1 || random() >= rate) continue;
    education[site] = education[site]! + boost * (1 - education[site]!);
  }
}

/** The activity whose trust threshold technology exchange needs: the one named, or the highest enabled risky rung; −1 if none runs. */
export function exchangeActivity(table: ActivityTable, parameters: MarketParameters): number {
  if (parameters.innovation.activity !== null) {
    const named = table.names.indexOf(parameters.innovation.activity);
    return named >= 0 && Array.from(table.ladder).includes(named) ? named : -1;
  }
  let chosen = -1;
  for (const activity of table.ladder) if (table.lowRisk[activity] === 0) chosen = activity;
  return chosen;
}

/**
 * Per firm: the share of its relationships with a firm (not an empty site) whose joint trust meets
 * the exchange activity's threshold and whose last round was mutual co-operation.
 */
export function exchangeShares(state: ClusterState, market: MarketState, threshold: number, out: Float64Array): Float64Array {
  const { trust, window, rounds } = state.relationships;
  const { edgeOffsets, edgeList, firmA, firmB } = state.graph;
  const { vacant } = market;
  for (let firm = 0; firm < vacant.length; firm++) {
    out[firm] = 0;
    if (vacant[firm] === 1) continue;
    let partners = 0;
    let trusted = 0;
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const edge = edgeList[k]! >> 1;
      const a = firmA[edge]!;
      const b = firmB[edge]!;
      if (a === b) continue;
      if (vacant[a === firm ? b : a] === 1) continue;
      partners++;
      // The low bit of each side's window is its last move (1: D).
      const mutual = rounds[edge]! > 0 && ((window[edge * 2]! | window[edge * 2 + 1]!) & 1) === 0;
      if (mutual && jointTrust(trust[edge * 2]!, trust[edge * 2 + 1]!) >= threshold) trusted++;
    }
    out[firm] = partners > 0 ? trusted / partners : 0;
  }
  return out;
}

/**
 * Firms whose margin p_q − c_q has fallen below `innovation.trigger` × v_q, that are not yet at the
 * top tier and can pay the cost from their wealth, invest: cost = cost × (1 − costCut × education),
 * chance = base + education × e + exchange × x, where e is the manager's education, counted only
 * from `minEducation` up, and x the share of partners trusted for technology exchange.
 */
export function innovate(state: ClusterState, market: MarketState, parameters: MarketParameters): number {
  const { cost, costCut, trigger, base, minEducation } = parameters.innovation;
  const { vacant, quality, education, prices, innovator, seenBetterSince } = market;
  const top = parameters.tiers - 1;
  const table = state.activities;
  const activity = exchangeActivity(table, parameters);
  const exchange =
    activity < 0 || parameters.innovation.exchange === 0
      ? undefined
      : exchangeShares(state, market, table.threshold[activity]!, new Float64Array(vacant.length));
  const random = streamOf(state, 'market-innovation');
  const wealth = state.wealth;
  let innovations = 0;
  for (let site = 0; site < vacant.length; site++) {
    if (vacant[site] === 1) continue;
    const level = quality[site]!;
    if (level >= top) continue;
    if (prices[level]! - unitCostOf(parameters, level) >= trigger * unitValueOf(parameters, level)) continue;
    const price = cost * (1 - costCut * education[site]!);
    if (wealth[site]! < price) continue;
    wealth[site]! -= price;
    const schooling = education[site]! >= minEducation ? education[site]! : 0;
    const chance = base + parameters.innovation.education * schooling + parameters.innovation.exchange * (exchange?.[site] ?? 0);
    if (random() < chance) {
      quality[site] = level + 1;
      innovator[site] = 1;
      seenBetterSince[site] = -1;
      innovations++;
    }
  }
  return innovations;
}

/** A firm that has seen a neighbour of higher quality for `lag` generations copies one level of it with probability `rate` (from the qualities at the start of the step). */
export function imitateQuality(state: ClusterState, market: MarketState, parameters: MarketParameters): number {
  const { lag, rate } = parameters.imitation;
  const { vacant, quality, seenBetterSince } = market;
  const before = quality.slice();
  const { neighbourOffsets, neighbourList } = state.neighbours;
  const random = streamOf(state, 'market-imitation');
  const generation = state.generation;
  let imitations = 0;
  for (let site = 0; site < vacant.length; site++) {
    if (vacant[site] === 1) continue;
    let best = before[site]!;
    for (let k = neighbourOffsets[site]!; k < neighbourOffsets[site + 1]!; k++) {
      const neighbour = neighbourList[k]!;
      if (vacant[neighbour] === 0 && before[neighbour]! > best) best = before[neighbour]!;
    }
    if (best === before[site]) {
      seenBetterSince[site] = -1;
      continue;
    }
    if (seenBetterSince[site]! < 0) seenBetterSince[site] = generation;
    if (generation - seenBetterSince[site]! >= lag && random() < rate) {
      // One level at a time: what a firm can copy is the next step up, not the leader's whole lead.
      quality[site] = before[site]! + 1;
      seenBetterSince[site] = -1;
      imitations++;
    }
  }
  return imitations;
}
