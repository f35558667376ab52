import type { MarketParameters } from './market-parameters.js';

/**
 * The demand curve of each quality tier (docs/model.md, "The market"). A unit of quality q is
 * worth v_q = v₀(1 + premium·q) to buyers and costs c_q = c₀(1 + costStep·q) to make. When the
 * firms making quality q bring X_q units to market, the tier's price is
 *
 *   p_q = v_q · D_q / (D_q + X_q + s·Σ_{r>q} X_r),   D_q = demand × sites × (1 − narrowing)^q,
 *
 * where s is `substitution`: the share of better tiers' output that also competes for the
 * buyers of tier q.
 * so a nearly empty tier sells at v_q, and every firm that enters the tier or imitates its
 * quality lowers the price for all in it (Sonobe & Otsuka: "Active entry increases the supply of
 * products to markets sharply, thereby reducing output prices and, hence, the profitability of
 * producing low-quality products"). The market for better products is narrower ("Low consumer
 * income means high demand for low-quality products"). The curve's hyperbolic form and the
 * geometric narrowing are the model's own assumptions.
 */
export function unitValueOf(parameters: MarketParameters, quality: number): number {
  return parameters.value * (1 + parameters.premium * quality);
}

export function unitCostOf(parameters: MarketParameters, quality: number): number {
  return parameters.unitCost * (1 + parameters.costStep * quality);
}

/** Prices per tier from the output per tier. */
export function tierPrices(parameters: MarketParameters, output: Float64Array, sites: number, out: Float64Array): Float64Array {
  let demand = parameters.demand * sites;
  let better = 0;
  for (let quality = output.length - 1; quality >= 0; quality--) better += output[quality]!;
  for (let quality = 0; quality < output.length; quality++) {
    better -= output[quality]!;
    const value = unitValueOf(parameters, quality);
    const competing = output[quality]! + parameters.substitution * Math.max(0, better);
    out[quality] = demand > 0 ? (value * demand) / (demand + competing) : 0;
    demand *= 1 - parameters.narrowing;
  }
  return out;
}
