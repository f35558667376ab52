import { isDeterred } from '../core/machine.js';
import type { Game } from '../core/game.js';
import type { ClusterParameters } from './parameters.js';
import { gameInCrisis } from './crisis.js';
import { maintainedReward } from './maintenance.js';
import { costAfterSubsidy, type RoundRates } from './round-rules.js';

/**
 * The activities as they stand in one generation: payoffs with the crisis applied, the
 * transaction cost a co-operator pays after subsidy, and the order in which joint trust
 * unlocks them. Rebuilt whenever a parameter changes.
 */
export interface ActivityTable extends RoundRates {
  readonly count: number;
  readonly names: readonly string[];
  readonly games: readonly Game[];
}

/**
 * `upkeep`: the low-risk joint facilities' state of repair and whether the programme's budget
 * still pays the subsidy (maintenance.ts; maintained and paid when not given).
 */
const MAINTAINED = { condition: 1, funded: true };

export function buildActivityTable(
  parameters: ClusterParameters,
  generation: number,
  upkeep: { condition: number; funded: boolean } = MAINTAINED,
): ActivityTable {
  const subsidy = upkeep.funded ? parameters.subsidy : 0;
  const condition = upkeep.condition;
  const { activities } = parameters;
  const count = activities.length;
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
    const R = activity.lowRisk ? maintainedReward(activity.R, activity.P, condition) : activity.R;
    const game = gameInCrisis({ R, S: activity.S, T: activity.T ?? parameters.temptation, P: activity.P }, activity.lowRisk, parameters, generation);
    table.games.push(game);
    table.R[index] = game.R;
    table.S[index] = game.S;
    table.T[index] = game.T;
    table.P[index] = game.P;
    table.cost[index] = costAfterSubsidy(activity.cost, subsidy);
    table.threshold[index] = activity.trustThreshold;
    table.lowRisk[index] = activity.lowRisk ? 1 : 0;
    table.deterred[index] = isDeterred(game, parameters.sanctions.detection, parameters.sanctions.fine) ? 1 : 0;
  });
  // A plain loop and a stable sort of the indices (the same order as sorting the activities): V8's
  // compiled map/filter made arrays of another kind than the interpreter's, and the table is built every run.
  const enabled: number[] = [];
  for (let index = 0; index < activities.length; index++) if (activities[index]!.enabled) enabled.push(index);
  enabled.sort((a, b) => activities[a]!.trustThreshold - activities[b]!.trustThreshold || activities[a]!.R - activities[b]!.R);
  table.ladder = Int32Array.from(enabled);
  return table;
}
