import { COOPERATE } from '../core/history.js';
import { trustAfter } from './round-rules.js';
import type { ClusterState } from './state.js';

/**
 * A history of rivalry whose depth matters (Meyer-Stamer 2001, §3.1: "a long history of rivalry
 * which will create a strong bias towards non-cooperation"). Each relationship starts with
 * `rivalry.history` rounds of mutual defection behind it, and the history acts in two ways:
 *
 * - Memory: the rounds are in the relationship's record (the window of the last 32 moves and the
 *   totals), so a strategy sees as much of the rivalry as its memory reaches: tit-for-tat only
 *   the last round, a strategy that counts defections all of it.
 * - Grievances (`rivalry.grievances`, off by default): each side holds every remembered defection of the partner against it. Trust
 *   cannot be rebuilt on top of them: each co-operation of the partner first works off one
 *   grievance, and only once none is left does the trust rule's gain apply. A defection still
 *   lowers trust by the trust rule's loss. So a pair with 20 rounds of rivalry behind it needs
 *   20 co-operative rounds before trust starts to grow, one with a single round of rivalry one.
 *
 * Why grievances and not lower starting trust: the trust rule's gain τ + α(1 − τ) rebuilds trust
 * at the same pace from any low level (after n co-operations 1 − (1 − τ)(1 − α)ⁿ), so starting
 * trust lowered by the loss rule once per remembered defection, τ(1 − β)^history, made 20 rounds
 * of rivalry cost less than one extra round of co-operation against one round. That remembered
 * grievances are worked off one co-operation at a time is the model's own assumption.
 * Defections during play act through the trust rule alone; only the remembered past is a grievance.
 */
export function seedRivalry(state: ClusterState): void {
  const { history, grievances: held } = state.parameters.rivalry;
  if (history === 0) return;
  const { graph, relationships } = state;
  const { rounds, window, defections } = relationships;
  const rivalryWindow = history >= 32 ? 0xffffffff : (1 << history) - 1;
  // Grievances are held only when the scenario says so (`rivalry.grievances`).
  // Sized for every relationship the state may hold (with partner choice, more than the ties at the start).
  if (held) relationships.grievances = relationships.sideCounts(relationships.count * 2);
  const grievances = relationships.grievances;
  for (let edge = 0; edge < graph.count; edge++) {
    // A firm has no rivalry with itself.
    if (graph.firmA[edge] === graph.firmB[edge]) continue;
    rounds[edge] = history;
    window[edge * 2] = rivalryWindow >>> 0;
    window[edge * 2 + 1] = rivalryWindow >>> 0;
    defections[edge * 2] = history;
    defections[edge * 2 + 1] = history;
    if (!held) continue;
    grievances[edge * 2] = history;
    grievances[edge * 2 + 1] = history;
  }
}

/**
 * A side's trust after its partner's move, while it may still hold grievances: a co-operation
 * works off one grievance instead of raising trust; otherwise the trust rule applies.
 */
export function trustAfterGrievances(grievances: Uint32Array, slot: number, trust: number, partnerMove: number, gain: number, loss: number): number {
  if (partnerMove === COOPERATE && grievances[slot]! > 0) {
    grievances[slot]!--;
    return trust;
  }
  return trustAfter(trust, partnerMove, gain, loss);
}

/** How many grievances are still held, over all sides of all relationships (0 without a rivalry history). */
export function grievancesHeld(state: ClusterState): number {
  let held = 0;
  for (const count of state.relationships.grievances) held += count;
  return held;
}
