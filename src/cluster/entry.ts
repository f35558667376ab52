import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { restartSide } from './pool.js';
import { streamOf, type ClusterState } from './state.js';

/** New firms entering the cluster: `share` of the sites, taken by firms holding `strategy` (a scenario event's `entry`). */
export interface Entry {
  readonly strategy: string;
  readonly share: number;
}

/**
 * A new firm takes a site: it holds `strategy` (an index into the pool), has no wealth and no
 * past in any of its relationships, and starts with the trust `trustWith(neighbour)` towards each
 * neighbour, and they towards it. Used for spin-offs (exits.ts) and for entrants.
 */
export function newFirmAt(state: ClusterState, firm: number, strategy: number, trustWith: (neighbour: number) => number): void {
  const { relationships, strategyOf, wealth } = state;
  const { edgeOffsets, edgeList, firmA, firmB } = state.graph;
  strategyOf[firm] = strategy;
  wealth[firm] = 0;
  // A new firm's standing starts afresh: the news about the firm that left is not about it.
  state.reputation?.reset(firm, state.parameters.reputation?.initial ?? 1);
  for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
    const edge = edgeList[k]! >> 1;
    if (firmA[edge] === firmB[edge]) {
      relationships.reset(edge, 1, 1);
      continue;
    }
    const level = trustWith(firmA[edge] === firm ? firmB[edge]! : firmA[edge]!);
    relationships.reset(edge, level, level);
    state.communication?.forget(edge);
    // Both sides meet afresh: the neighbour's strategy state for the old firm is gone too.
    restartSide(state, edge, 0);
    restartSide(state, edge, 1);
  }
  state.trustUniform = false;
}

/**
 * A wave of entrants (Meyer-Stamer 2001, §3.1: "even repeated opportunistic behavior will not
 * necessarily destroy a co-operative game"): round(share × firms) sites, drawn at random, are
 * taken by new firms holding the entry's strategy; the firms there leave. The incumbents meet a
 * newcomer with the cluster's usual trust (`trust.initial`), as it meets them. Returns how many
 * firms entered. That entrants replace incumbents site for site is the model's assumption.
 */
export function enterFirms(state: ClusterState, entry: Entry): number {
  const strategy = state.pool.findIndex((candidate) => candidate.id === entry.strategy);
  if (strategy < 0) throw new InputError(`entry: strategy '${printable(entry.strategy, 80)}' is not in parameters.strategies`);
  const size = state.neighbours.size;
  const count = Math.round(entry.share * size);
  const random = streamOf(state, 'entry');
  const sites = Int32Array.from({ length: size }, (_, site) => site);
  const initial = state.parameters.trust.initial;
  for (let k = 0; k < count; k++) {
    // A partial Fisher–Yates shuffle: the first `count` sites are a uniform sample without repeats.
    const pick = k + Math.floor(random() * (size - k));
    const site = sites[pick]!;
    sites[pick] = sites[k]!;
    sites[k] = site;
    newFirmAt(state, site, strategy, () => initial);
  }
  return count;
}
