import { isDeterred } from '../core/machine.js';
import type { Game } from '../core/game.js';
import type { ClusterParameters } from './parameters.js';

/**
 * The activities as they stand in one generation: payoffs with the crisis applied, the
 * transaction cost a co-operator pays after subsidy, and the order in which joint trust
 * unlocks them. Rebuilt whenever a parameter changes.
 */
export interface ActivityTable {
  readonly count: number;
  readonly names: readonly string[];
  readonly games: readonly Game[];
  readonly R: Float64Array;
  readonly S: Float64Array;
  readonly T: Float64Array;
  readonly P: Float64Array;
  /** cost × (1 − subsidy): what a co-operating firm pays per round. */
  readonly cost: Float64Array;
  readonly threshold: Float64Array;
  readonly lowRisk: Uint8Array;
  readonly deterred: Uint8Array;
  /** Enabled activities by ascending trust threshold (ties: smaller reward first). */
  readonly ladder: Int32Array;
}

export function crisisActive(parameters: ClusterParameters, generation: number): boolean {
  return parameters.crisis.active || parameters.crisis.windows.some((window) => generation >= window.from && generation <= window.to);
}

export function buildActivityTable(parameters: ClusterParameters, generation: number): ActivityTable {
  const { activities } = parameters;
  const count = activities.length;
  const factor = crisisActive(parameters, generation) ? parameters.crisis.temptationFactor : 1;
  const table = {
    count,
    names: activities.map((activity) => activity.name),
    games: [] as Game[],
    R: new Float64Array(count),
    S: new Float64Array(count),
    T: new Float64Array(count),
    P: new Float64Array(count),
    cost: new Float64Array(count),
    threshold: new Float64Array(count),
    lowRisk: new Uint8Array(count),
    deterred: new Uint8Array(count),
    ladder: new Int32Array(0),
  };
  activities.forEach((activity, index) => {
    const game = { R: activity.R, S: activity.S, T: (activity.T ?? parameters.temptation) * factor, P: activity.P };
    table.games.push(game);
    table.R[index] = game.R;
    table.S[index] = game.S;
    table.T[index] = game.T;
    table.P[index] = game.P;
    table.cost[index] = activity.cost * (1 - parameters.subsidy);
    table.threshold[index] = activity.trustThreshold;
    table.lowRisk[index] = activity.lowRisk ? 1 : 0;
    table.deterred[index] = isDeterred(game, parameters.sanctions.detection, parameters.sanctions.fine) ? 1 : 0;
  });
  const enabled = activities
    .map((activity, index) => ({ activity, index }))
    .filter(({ activity }) => activity.enabled)
    .sort((a, b) => a.activity.trustThreshold - b.activity.trustThreshold || a.activity.R - b.activity.R)
    .map(({ index }) => index);
  table.ladder = Int32Array.from(enabled);
  return table;
}

/**
 * The activity a pair plays at joint trust t: the highest-stakes enabled activity whose
 * threshold t meets, or, if none, the enabled one with the lowest threshold; -1 if none is enabled.
 */
export function chooseActivity(table: ActivityTable, jointTrust: number): number {
  const ladder = table.ladder;
  let chosen = ladder.length > 0 ? ladder[0]! : -1;
  for (let k = 1; k < ladder.length; k++) {
    const index = ladder[k]!;
    if (table.threshold[index]! <= jointTrust) chosen = index;
    else break;
  }
  return chosen;
}

/**
 * What a firm earns in one round of an activity, before sanctions and buyers' bonuses
 * (moves: 0 = C, 1 = D): a co-operator pays the activity's transaction cost.
 */
export function payoffOf(table: ActivityTable, activity: number, own: number, other: number): number {
  if (own === 0) return (other === 0 ? table.R[activity]! : table.S[activity]!) - table.cost[activity]!;
  return other === 0 ? table.T[activity]! : table.P[activity]!;
}

/** A firm's trust in a partner after the partner's move: it grows towards 1 by `gain` after a C and shrinks by `loss` after a D. */
export function trustAfter(trust: number, partnerMove: number, gain: number, loss: number): number {
  return partnerMove === 0 ? trust + gain * (1 - trust) : trust * (1 - loss);
}
