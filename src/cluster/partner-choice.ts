import { geometricTrials, type RandomSource } from '../core/random.js';
import { DynamicNetwork } from './network.js';
import { introducedPartner } from './organiser-introductions.js';
import type { ClusterParameters } from './parameters.js';
import { restartSide } from './pool.js';
import type { RelationshipGraph } from './space.js';
import { streamOf, type ClusterState } from './state.js';

/** Partner choice's parameters, as validated (parameters.ts). */
export type PartnerChoiceParameters = NonNullable<ClusterParameters['partnerChoice']>;

/** What the ties did in a generation (docs/model.md, "Partner choice"). */
export interface TieRecord {
  /** Ties cut after the generation's play: by a firm that was cheated, or because the project ended. */
  readonly cut: number;
  /** Ties formed before the generation's play. */
  readonly formed: number;
  /** Mean ties per firm after the generation (a firm's tie to itself not counted). */
  readonly meanDegree: number;
}

/**
 * Partner choice: firms cut, seek and form their ties (Meyer-Stamer §2.1: opportunists "drop out of
 * the network"; the Silicon Valley study: "relationships between companies are not fixed"). The
 * network the firms play on, and what each firm is looking for.
 */
export class PartnerChoice {
  /** Per firm: ties it is looking for. */
  readonly seeking: Uint8Array;
  /** Per firm: the first generation in which its search may form a tie. */
  readonly readyAt: Int32Array;
  /** The ties cut after the last generation's play, as pairs of firms (a, b, a, b, …). */
  readonly lastCut: number[] = [];
  /** Per firm: what its searches cost this generation, taken from its payoff after play. */
  readonly costs: Float64Array;
  formed = 0;

  constructor(readonly network: DynamicNetwork) {
    this.seeking = new Uint8Array(network.size);
    this.readyAt = new Int32Array(network.size);
    this.costs = new Float64Array(network.size);
  }

  /** The tie record of the generation just played. */
  record(): TieRecord {
    return { cut: this.lastCut.length / 2, formed: this.formed, meanDegree: this.network.meanDegree() };
  }
}

/** The network and search state of a run with partner choice, starting from the lattice's relationships. */
export function partnerChoiceFor(state: Pick<ClusterState, 'space'>, start: RelationshipGraph, parameters: ClusterParameters): PartnerChoice {
  return new PartnerChoice(new DynamicNetwork(state.space, start, parameters.selfInteraction, parameters.partnerChoice!.maxTies));
}

/**
 * How a firm judges another it may tie to, in [0, 1]. With the reputation layer on, firms "seek
 * partners of good standing" by what the whole cluster knows: the other's public standing
 * (reputation.ts), whoever introduced them — a firm of bad standing is refused even by strangers
 * who never dealt with it. Without it, only the firms' own relationships speak: found through a
 * partner (`via`, that partner's slot), the other is judged by that partner's trust in it; found by
 * looking around, it is a stranger and starts at the initial trust.
 */
export function standingOf(state: ClusterState, judged: number, via: number): number {
  const reputation = state.parameters.reputation;
  // The layer is made on its first generation, after the ties of that generation formed: until then every firm stands at `initial`.
  if (reputation?.enabled) return state.reputation?.standing[judged] ?? reputation.initial;
  return via < 0 ? state.parameters.trust.initial : state.relationships.trust[via]!;
}

/**
 * Before a generation's play: every firm that is looking for partners and has waited out the
 * delay tries once per tie it wants. A candidate is a partner's partner (with probability
 * viaPartners) or a firm within `distance` on the lattice; the tie forms when neither is tied
 * to the other, both have room, and each judges the other at least minStanding. A failed try
 * stays pending. Each tie formed costs the seeker searchCost (charged after play).
 */
export function formTies(state: ClusterState, partners: PartnerChoice): void {
  const choice = state.parameters.partnerChoice!;
  const { network, seeking, readyAt } = partners;
  const random = streamOf(state, 'partner-search');
  const size = network.size;
  const generation = state.generation;
  partners.formed = 0;
  const start = Math.floor(random() * size);
  for (let i = 0; i < size; i++) {
    const firm = start + i < size ? start + i : start + i - size;
    const wanted = seeking[firm]!;
    if (wanted === 0 || readyAt[firm]! > generation) continue;
    for (let attempt = 0; attempt < wanted; attempt++) {
      if (network.ties(firm) >= network.maxTies) {
        seeking[firm] = 0;
        break;
      }
      if (tryTie(state, partners, choice, firm, random)) {
        seeking[firm]!--;
        partners.costs[firm]! += choice.searchCost;
        partners.formed++;
      }
    }
  }
  network.refresh();
}

/** One try to tie `firm` to a candidate; whether a tie formed. */
function tryTie(state: ClusterState, partners: PartnerChoice, choice: PartnerChoiceParameters, firm: number, random: RandomSource): boolean {
  const network = partners.network;
  let candidate = -1;
  // Met through a partner: the intermediary, and its entries towards the firm and the candidate (-1: strangers).
  let intermediary = -1;
  let towardsFirm = -1;
  let towardsCandidate = -1;
  const introduced = introducedPartner(state, firm, random);
  if (introduced >= 0) candidate = introduced;
  else if (network.ties(firm) > 0 && random() < choice.viaPartners) {
    const entry = randomEntry(network, firm, -1, random);
    intermediary = network.partnerAt(firm, entry);
    towardsCandidate = randomEntry(network, intermediary, firm, random);
    if (towardsCandidate < 0) return false;
    candidate = network.partnerAt(intermediary, towardsCandidate);
    towardsFirm = entry;
  } else {
    candidate = nearbyFirm(network, firm, choice.distance, random);
  }
  if (candidate < 0 || candidate === firm || network.ties(candidate) >= network.maxTies || network.tied(firm, candidate)) return false;
  const minimum = choice.minStanding;
  if (minimum > 0) {
    // The slots through which each side hears of the other: the intermediary's side of its tie to each.
    const viaCandidate = intermediary < 0 ? -1 : network.slotAt(intermediary, towardsCandidate);
    const viaFirm = intermediary < 0 ? -1 : network.slotAt(firm, towardsFirm) ^ 1;
    if (standingOf(state, candidate, viaCandidate) < minimum || standingOf(state, firm, viaFirm) < minimum) return false;
  }
  const edge = network.connect(firm, candidate, state.generation);
  // A new tie has no past: trust starts at its initial level and both strategies start afresh.
  const initial = state.parameters.trust.initial;
  state.relationships.reset(edge, initial, initial);
  state.communication?.forget(edge);
  restartSide(state, edge, 0);
  restartSide(state, edge, 1);
  return true;
}

/** A random tie of `firm` other than to itself and to `exclude`, as the index of its entry (network.partnerAt); −1 if it has none. */
function randomEntry(network: DynamicNetwork, firm: number, exclude: number, random: RandomSource): number {
  const entries = network.entryCount(firm);
  if (entries === 0) return -1;
  const first = Math.floor(random() * entries);
  for (let k = 0; k < entries; k++) {
    const index = first + k < entries ? first + k : first + k - entries;
    const other = network.partnerAt(firm, index);
    if (other !== firm && other !== exclude) return index;
  }
  return -1;
}

/** A random firm within `distance` steps on the lattice (each axis), not the firm itself; −1 if off a fixed edge. */
function nearbyFirm(network: DynamicNetwork, firm: number, distance: number, random: RandomSource): number {
  const { width, height, boundary } = network.lattice;
  const span = 2 * distance + 1;
  let dx = 0;
  let dy = 0;
  while (dx === 0 && dy === 0) {
    dx = Math.floor(random() * span) - distance;
    dy = Math.floor(random() * span) - distance;
  }
  const x0 = firm % width;
  let x = x0 + dx;
  let y = (firm - x0) / width + dy;
  if (boundary === 'torus') {
    x = ((x % width) + width) % width;
    y = ((y % height) + height) % height;
  } else if (x < 0 || y < 0 || x >= width || y >= height) {
    return -1;
  }
  return y * width + x;
}

/**
 * After a generation's play: a firm cheated (it co-operated, the partner defected) in more than
 * `patience` of the generation's rounds on a tie cuts it with probability `rate`, and looks for a
 * new partner after `delay` generations; the cheater loses the tie and looks for none. A tie also
 * ends with probability `turnover` (a project is done), and both firms look for a new one. The
 * cut ties' state is dropped; searchCost already charged is taken from the payoffs.
 */
export function cutTies(state: ClusterState, partners: PartnerChoice): void {
  const choice = state.parameters.partnerChoice!;
  const { network, seeking, readyAt } = partners;
  const { window, rounds } = state.relationships;
  const { firmA, firmB } = network;
  const count = network.count;
  const random = streamOf(state, 'partner-cuts');
  const span = Math.min(state.parameters.roundsPerGeneration, 32);
  const { patience, rate, turnover, delay } = choice;
  const readyFrom = state.generation + 1 + delay;
  const cutting: number[] = [];
  let nextEnd = turnover > 0 ? geometricTrials(turnover, random) - 1 : -1;
  const limit = (value: number) => (value < 255 ? value + 1 : 255);
  for (let edge = 0; edge < count; edge++) {
    const a = firmA[edge]!;
    const b = firmB[edge]!;
    const ends = edge === nextEnd;
    if (ends) nextEnd = edge + geometricTrials(turnover, random);
    if (a === b) continue;
    const played = Math.min(span, rounds[edge]!);
    const mask = played >= 32 ? 0xffffffff : (1 << played) - 1;
    const movesA = window[edge * 2]!;
    const movesB = window[edge * 2 + 1]!;
    const cutsA = bitCount(~movesA & movesB & mask) > patience && (rate >= 1 || random() < rate);
    const cutsB = bitCount(~movesB & movesA & mask) > patience && (rate >= 1 || random() < rate);
    if (!(cutsA || cutsB || ends)) continue;
    cutting.push(edge);
    if (cutsA || ends) {
      seeking[a] = limit(seeking[a]!);
      readyAt[a] = readyFrom;
    }
    if (cutsB || ends) {
      seeking[b] = limit(seeking[b]!);
      readyAt[b] = readyFrom;
    }
  }
  partners.lastCut.length = 0;
  const players = state.players;
  // From the last edge down, so that the edge moved into a cut one's place is never still to be cut.
  for (let index = cutting.length - 1; index >= 0; index--) {
    const edge = cutting[index]!;
    partners.lastCut.push(firmA[edge]!, firmB[edge]!);
    const moved = network.cut(edge);
    if (players.size > 0) {
      players.delete(edge * 2);
      players.delete(edge * 2 + 1);
    }
    if (moved < 0) continue;
    state.relationships.move(moved, edge);
    state.communication?.move(moved, edge);
    if (players.size > 0) {
      for (let side = 0; side < 2; side++) {
        const player = players.get(moved * 2 + side);
        if (player === undefined) continue;
        players.delete(moved * 2 + side);
        players.set(edge * 2 + side, player);
      }
    }
  }
  network.refresh();
  const payoff = state.payoff;
  const costs = partners.costs;
  for (let firm = 0; firm < network.size; firm++) {
    if (costs[firm] === 0) continue;
    payoff[firm]! -= costs[firm];
    costs[firm] = 0;
  }
}

function bitCount(bits: number): number {
  let value = bits >>> 0;
  let found = 0;
  while (value !== 0) {
    value &= value - 1;
    found++;
  }
  return found;
}
