import { newFirmAt } from './entry.js';
import { closeFirm, foundFirm, type MarketState } from './market.js';
import type { MarketParameters } from './market-parameters.js';
import { streamOf, type ClusterState } from './state.js';

/**
 * Entry and exit in the market layer (docs/model.md, "The market"). A firm whose wealth has fallen
 * below `exitWealth` exits and its site stands empty; its largest neighbour of higher quality, if
 * any, absorbs it, taking over `absorption` of its output (Sonobe & Otsuka: successful innovators
 * "tend to absorb those enterprises that fail to innovate"). An empty site next to firms that earn
 * more than `entry.threshold` is taken, with probability `entry.rate` × their share among its
 * neighbouring firms, by a spin-off of the most profitable of them (it takes the parent's quality —
 * its know-how — and its strategy, and the parent is wary of it: Meyer-Stamer's founders who "may
 * take trade secrets from their former employer with them") or by an imitator making the basic
 * quality-0 product. Entrants start with no wealth and no past in any relationship (entry.ts).
 */
export interface Turnover {
  readonly entries: number;
  readonly spinoffs: number;
  readonly exits: number;
  readonly absorbed: number;
}

/** Firms that made a market profit grow by `growth` of their size, up to `maxSize`. */
export function growFirms(market: MarketState, parameters: MarketParameters): void {
  const { growth, maxSize } = parameters;
  if (growth === 0) return;
  const { vacant, profit, size } = market;
  for (let site = 0; site < vacant.length; site++) {
    if (vacant[site] === 0 && profit[site]! > 0) size[site] = Math.min(maxSize, size[site]! * (1 + growth));
  }
}

export function exitFirms(state: ClusterState, market: MarketState, parameters: MarketParameters): { exits: number; absorbed: number } {
  const { vacant, quality, size } = market;
  const { wealth } = state;
  const { neighbourOffsets, neighbourList } = state.neighbours;
  const exiting: number[] = [];
  for (let site = 0; site < vacant.length; site++) if (vacant[site] === 0 && wealth[site]! < parameters.exitWealth) exiting.push(site);
  if (exiting.length === 0) return { exits: 0, absorbed: 0 };
  const leaving = new Uint8Array(vacant.length);
  for (const site of exiting) leaving[site] = 1;
  let absorbed = 0;
  for (const site of exiting) {
    let taker = -1;
    for (let k = neighbourOffsets[site]!; k < neighbourOffsets[site + 1]!; k++) {
      const neighbour = neighbourList[k]!;
      if (vacant[neighbour] === 1 || leaving[neighbour] === 1 || quality[neighbour]! <= quality[site]!) continue;
      if (taker < 0 || size[neighbour]! > size[taker]!) taker = neighbour;
    }
    if (taker >= 0 && parameters.absorption > 0) {
      size[taker] = Math.min(parameters.maxSize, size[taker]! + parameters.absorption * size[site]!);
      absorbed++;
    }
  }
  for (const site of exiting) {
    closeFirm(market, site);
    wealth[site] = 0;
  }
  return { exits: exiting.length, absorbed };
}

/**
 * Per empty site: a spin-off with probability rate × spinoffs × (profitable neighbouring firms ÷
 * neighbouring firms), else an imitator with probability rate × (1 − spinoffs) × (firms of quality 0
 * that earn more than the threshold ÷ sites) — imitators make the basic product and come from
 * anywhere, the more the more firms are seen to prosper by it (Sonobe & Otsuka: "Once they succeed
 * in producing new products ... a swarm of imitators appears").
 */
export function enterFirms(state: ClusterState, market: MarketState, parameters: MarketParameters): { entries: number; spinoffs: number } {
  const { rate, threshold, spinoffs: spinoffShare } = parameters.entry;
  if (rate === 0) return { entries: 0, spinoffs: 0 };
  const { vacant, profit, quality } = market;
  const { neighbourOffsets, neighbourList } = state.neighbours;
  const random = streamOf(state, 'market-entry');
  const empty = vacant.slice();
  const initial = state.parameters.trust.initial;
  const spinoffTrust = state.parameters.exit.spinoffTrust;
  const imitatorChance = rate * (1 - spinoffShare) * basicProfitable(market, threshold);
  let entries = 0;
  let spinoffs = 0;
  let bestFirm = -1;
  for (let site = 0; site < empty.length; site++) if (empty[site] === 0 && (bestFirm < 0 || profit[site]! > profit[bestFirm]!)) bestFirm = site;
  for (let site = 0; site < empty.length; site++) {
    if (empty[site] === 0) continue;
    let firms = 0;
    let profitable = 0;
    let parent = -1;
    for (let k = neighbourOffsets[site]!; k < neighbourOffsets[site + 1]!; k++) {
      const neighbour = neighbourList[k]!;
      if (empty[neighbour] === 1) continue;
      firms++;
      if (profit[neighbour]! > threshold) profitable++;
      if (parent < 0 || profit[neighbour]! > profit[parent]!) parent = neighbour;
    }
    const draw = random();
    const spinoffChance = firms > 0 ? (rate * spinoffShare * profitable) / firms : 0;
    const spinoff = draw < spinoffChance;
    if (!spinoff && draw >= spinoffChance + imitatorChance) continue;
    foundFirm(market, parameters, site, spinoff ? quality[parent]! : 0, random);
    // A spin-off brings its parent's practices; an imitator copies those of the most profitable firm it can see.
    const model = spinoff ? parent : parent >= 0 ? parent : bestFirm;
    newFirmAt(state, site, state.strategyOf[model]!, (neighbour) => (spinoff && neighbour === parent ? spinoffTrust : initial));
    entries++;
    if (spinoff) spinoffs++;
  }
  return { entries, spinoffs };
}

/** The firms making quality 0 whose profit exceeds the entry threshold, as a share of the sites. */
function basicProfitable(market: MarketState, threshold: number): number {
  const { vacant, quality, profit } = market;
  let profitable = 0;
  for (let site = 0; site < vacant.length; site++) if (vacant[site] === 0 && quality[site] === 0 && profit[site]! > threshold) profitable++;
  return profitable / vacant.length;
}
