import type { MarketState } from './market.js';
import type { MarketParameters } from './market-parameters.js';

/**
 * Reputation and brand names (docs/model.md, "Brands"). Sonobe & Otsuka: "improving product
 * quality alone does not ensure high profits for innovative enterprises; to differentiate their new
 * high-quality products from the low-quality products produced by the majority of other
 * enterprises, these entrepreneurs must establish a reputation as high-quality producers". A firm
 * that has sold a product above the basic quality for `brand.build` generations holds a brand: its
 * buyers pay `brand.premium` more than the tier's price for each unit. A firm that copies a quality
 * starts its own reputation only when it first sells it, so its copies sell at the plain tier price
 * for `build` generations while the innovator's sell with the premium: that is the innovator's rent
 * the brand protects. The basic product is sold anonymously through merchants ("anonymous market
 * transactions develop") and earns no brand. Off while `brand.premium` is 0.
 */
export function brandsOn(parameters: MarketParameters): boolean {
  return parameters.brand.premium > 0;
}

/**
 * At the sale of `generation`: a firm selling above the basic quality that had no reputation starts
 * one now; a firm back at the basic quality (a new firm in the site) has none. Returns how many
 * firms hold a brand in this generation.
 */
export function buildReputations(market: MarketState, parameters: MarketParameters, generation: number): number {
  const { vacant, quality, reputationSince } = market;
  const { build } = parameters.brand;
  let brands = 0;
  for (let site = 0; site < vacant.length; site++) {
    if (vacant[site] === 1 || quality[site] === 0) {
      reputationSince[site] = -1;
      continue;
    }
    if (reputationSince[site]! < 0) reputationSince[site] = generation;
    if (generation - reputationSince[site]! >= build) brands++;
  }
  return brands;
}

/** Whether the firm at `site` sells under a brand in `generation` (after `buildReputations`). */
export function holdsBrand(market: MarketState, parameters: MarketParameters, site: number, generation: number): boolean {
  const since = market.reputationSince[site]!;
  return since >= 0 && generation - since >= parameters.brand.build;
}
