import { imitateQuality, innovate, trainManagers } from './innovation.js';
import { marketCensus, openMarket, sellOutput, type MarketRecord, type MarketSales } from './market.js';
import { marketOn } from './market-parameters.js';
import { enterFirms, exitFirms, growFirms } from './market-turnover.js';
import type { ClusterState } from './state.js';

/**
 * The market layer's place in a generation (docs/model.md, "A generation"): `openMarketIfOn` at
 * set-up; `sellOnMarket` after play, before payoffs go to wealth; `turnOverMarket` after that:
 * training, innovation, imitation of quality, exits with absorption, entry; then the record.
 */
export function openMarketIfOn(state: ClusterState): void {
  const parameters = state.parameters.market;
  if (parameters !== undefined && marketOn(state.parameters)) state.market = openMarket(state, parameters);
}

export function sellOnMarket(state: ClusterState): MarketSales | undefined {
  const parameters = state.parameters.market;
  if (state.market === undefined || parameters === undefined) return undefined;
  return sellOutput(state, state.market, parameters);
}

export function turnOverMarket(state: ClusterState, sales: MarketSales | undefined): MarketRecord | undefined {
  const market = state.market;
  const parameters = state.parameters.market;
  if (market === undefined || parameters === undefined || sales === undefined) return undefined;
  trainManagers(state, market, parameters);
  const innovations = innovate(state, market, parameters);
  const imitations = imitateQuality(state, market, parameters);
  growFirms(market, parameters);
  const { exits, absorbed } = exitFirms(state, market, parameters);
  const { entries, spinoffs } = enterFirms(state, market, parameters);
  const census = marketCensus(market);
  return {
    firms: census.firms,
    entries,
    spinoffs,
    exits,
    absorbed,
    meanPrice: sales.meanPrice,
    meanQuality: census.meanQuality,
    qualitySpread: census.qualitySpread,
    meanProfit: sales.meanProfit,
    innovatorProfit: sales.innovatorProfit,
    innovations,
    imitations,
    meanSize: census.meanSize,
    meanEducation: census.meanEducation,
    ...(sales.brands === undefined ? {} : { brands: sales.brands }),
  };
}
