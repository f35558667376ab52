import { tierPrices, unitCostOf } from './market-demand.js';
import { brandsOn, buildReputations, holdsBrand } from './market-brand.js';
import { drawEducation, drawSize } from './market-firms.js';
import type { MarketParameters } from './market-parameters.js';
import { streamOf, type ClusterState } from './state.js';

/**
 * The market layer (docs/model.md, "The market"): firms make a product of a quality level and sell
 * it on the demand curve of its quality tier (market-demand.ts); the market profit is added to the
 * firm's payoff, and so to its wealth. Sites of the lattice may stand empty: an empty site plays no
 * rounds (play.ts skips its relationships) and sells nothing. Entry, exit and absorption live in
 * market-turnover.ts; innovation, training and imitation of quality in innovation.ts. Off unless
 * `market.enabled`: without it nothing here runs and `state.market` stays undefined.
 */
export interface MarketState {
  /** Per site: 1 when it stands empty. */
  readonly vacant: Uint8Array;
  /** Per site: the quality level of the firm there (0 .. tiers − 1). */
  readonly quality: Uint8Array;
  /** Per site: the firm's output per generation. */
  readonly size: Float32Array;
  /** Per site: the manager's education in [0, 1]. */
  readonly education: Float32Array;
  /** Per site: the market profit of the last generation. */
  readonly profit: Float64Array;
  /** Per site: the generation since which the firm has seen a neighbour of higher quality (−1: none). */
  readonly seenBetterSince: Int32Array;
  /** Per site: 1 once the firm has raised its quality by its own innovation. */
  readonly innovator: Uint8Array;
  /** Per site: the generation since which the firm has sold above the basic quality, building its reputation (−1: not yet); market-brand.ts. */
  readonly reputationSince: Int32Array;
  /** Per tier: units brought to market, and the price they fetched, in the last generation. */
  readonly output: Float64Array;
  readonly prices: Float64Array;
}

/** The market in one generation (CSV/JSON columns, the live panel). */
export interface MarketRecord {
  /** Firms at the end of the generation (sites not empty). */
  readonly firms: number;
  readonly entries: number;
  /** Of the entries, spin-offs of a neighbouring firm. */
  readonly spinoffs: number;
  readonly exits: number;
  /** Of the exits, firms absorbed by a larger neighbour of higher quality. */
  readonly absorbed: number;
  /** Mean price of the units sold (weighted by units); 0 when nothing was sold. */
  readonly meanPrice: number;
  /** Mean and standard deviation of quality over the firms at the end of the generation (0 without firms). */
  readonly meanQuality: number;
  readonly qualitySpread: number;
  /** Mean market profit per producing firm. */
  readonly meanProfit: number;
  /** Mean market profit of the firms that have innovated, or null while none has. */
  readonly innovatorProfit: number | null;
  /** Successful innovations, and imitations of a neighbour's quality. */
  readonly innovations: number;
  readonly imitations: number;
  /** Mean size and mean education of the firms at the end of the generation. */
  readonly meanSize: number;
  readonly meanEducation: number;
  /** Firms that sold under a brand in the generation; only while brands are on (market-brand.ts). */
  readonly brands?: number;
}

/** The market at the start: `initialFirms` of the sites hold pioneers at quality 0 (at least one, in the centre); the rest are empty. */
export function openMarket(state: ClusterState, parameters: MarketParameters): MarketState {
  const size = state.space.size;
  const market: MarketState = {
    vacant: new Uint8Array(size).fill(1),
    quality: new Uint8Array(size),
    size: new Float32Array(size),
    education: new Float32Array(size),
    profit: new Float64Array(size),
    seenBetterSince: new Int32Array(size).fill(-1),
    innovator: new Uint8Array(size),
    reputationSince: new Int32Array(size).fill(-1),
    output: new Float64Array(parameters.tiers),
    prices: new Float64Array(parameters.tiers),
  };
  const random = streamOf(state, 'market-open', 0);
  let firms = 0;
  for (let site = 0; site < size; site++) {
    if (random() >= parameters.initialFirms) continue;
    foundFirm(market, parameters, site, 0, random);
    firms++;
  }
  if (firms === 0) foundFirm(market, parameters, state.space.centre(), 0, random);
  return market;
}

/** A firm takes an empty site: quality given, size and education drawn. */
export function foundFirm(market: MarketState, parameters: MarketParameters, site: number, quality: number, random: () => number): void {
  market.vacant[site] = 0;
  market.quality[site] = quality;
  market.size[site] = drawSize(parameters, random);
  market.education[site] = drawEducation(parameters, random);
  market.profit[site] = 0;
  market.seenBetterSince[site] = -1;
  market.innovator[site] = 0;
  market.reputationSince[site] = -1;
}

/** The site stands empty. */
export function closeFirm(market: MarketState, site: number): void {
  market.vacant[site] = 1;
  market.quality[site] = 0;
  market.size[site] = 0;
  market.profit[site] = 0;
  market.seenBetterSince[site] = -1;
  market.innovator[site] = 0;
  market.reputationSince[site] = -1;
}

/** What the market paid in a generation, before turnover: the figures of the record that concern sales. */
export interface MarketSales {
  readonly meanPrice: number;
  readonly meanProfit: number;
  readonly innovatorProfit: number | null;
  /** Firms that sold under a brand; undefined while brands are off. */
  readonly brands: number | undefined;
}

/**
 * Sells each firm's output at its tier's price: profit = size × (p_q − c_q) − fixedCost, added to
 * the firm's payoff; a brand-holder's units fetch (1 + brand.premium) × p_q. An empty site's payoff is 0.
 */
export function sellOutput(state: ClusterState, market: MarketState, parameters: MarketParameters): MarketSales {
  const { vacant, quality, size, profit, output, prices, innovator } = market;
  const payoff = state.payoff;
  const sites = vacant.length;
  output.fill(0);
  for (let site = 0; site < sites; site++) if (vacant[site] === 0) output[quality[site]!]! += size[site];
  tierPrices(parameters, output, sites, prices);
  const margin = new Float64Array(parameters.tiers);
  for (let tier = 0; tier < margin.length; tier++) margin[tier] = prices[tier]! - unitCostOf(parameters, tier);
  const branded = brandsOn(parameters);
  const generation = state.generation;
  const brands = branded ? buildReputations(market, parameters, generation) : undefined;
  const brandMargin = new Float64Array(parameters.tiers);
  for (let tier = 0; tier < brandMargin.length; tier++) brandMargin[tier] = prices[tier]! * (1 + parameters.brand.premium) - unitCostOf(parameters, tier);
  let firms = 0;
  let profits = 0;
  let innovators = 0;
  let innovatorProfits = 0;
  for (let site = 0; site < sites; site++) {
    if (vacant[site] === 1) {
      payoff[site] = 0;
      continue;
    }
    const margins = branded && holdsBrand(market, parameters, site, generation) ? brandMargin : margin;
    const earned = size[site]! * margins[quality[site]!]! - parameters.fixedCost;
    profit[site] = earned;
    payoff[site]! += earned;
    firms++;
    profits += earned;
    if (innovator[site] === 1) {
      innovators++;
      innovatorProfits += earned;
    }
  }
  let units = 0;
  let revenue = 0;
  for (let tier = 0; tier < output.length; tier++) {
    units += output[tier]!;
    revenue += output[tier]! * prices[tier]!;
  }
  return {
    meanPrice: units > 0 ? revenue / units : 0,
    meanProfit: firms > 0 ? profits / firms : 0,
    innovatorProfit: innovators > 0 ? innovatorProfits / innovators : null,
    brands,
  };
}

/** Firms, quality, size and education at the end of the generation. */
export function marketCensus(market: MarketState): Pick<MarketRecord, 'firms' | 'meanQuality' | 'qualitySpread' | 'meanSize' | 'meanEducation'> {
  const { vacant, quality, size, education } = market;
  let firms = 0;
  let sum = 0;
  let squares = 0;
  let sizes = 0;
  let schooling = 0;
  for (let site = 0; site < vacant.length; site++) {
    if (vacant[site] === 1) continue;
    const level = quality[site]!;
    firms++;
    sum += level;
    squares += level * level;
    sizes += size[site]!;
    schooling += education[site]!;
  }
  if (firms === 0) return { firms: 0, meanQuality: 0, qualitySpread: 0, meanSize: 0, meanEducation: 0 };
  const mean = sum / firms;
  return {
    firms,
    meanQuality: mean,
    qualitySpread: Math.sqrt(Math.max(0, squares / firms - mean * mean)),
    meanSize: sizes / firms,
    meanEducation: schooling / firms,
  };
}
