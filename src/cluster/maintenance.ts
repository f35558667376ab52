import type { ClusterParameters } from './parameters.js';
import type { ClusterState } from './state.js';

/**
 * Maintenance of the joint facilities as an explicit effort (Meyer-Stamer 2001, §4.1: in Criciúma
 * co-operation decreased again after the crisis goals were met, a frustration "which may be due to
 * the fact that maintaining co-operation is quite an effort"). The low-risk joint activities (a
 * testing centre, a training programme) cost `maintenance.cost` per generation while any of them
 * runs, paid from a budget: `maintenance.grant`, what a sponsor has put in so far. The programme
 * pays for the effort of co-operating too: the `subsidy` of the firms' transaction costs comes out
 * of the same budget. While the budget covers the cost the facilities are in full working order
 * and the subsidy is paid; once it is spent the subsidy stops and the facilities degrade: each
 * generation without upkeep their condition falls by the share `maintenance.decline`, and what
 * co-operating in them yields above mutual defection (R − P) falls with it. A new grant (an event
 * raising `maintenance.grant`) restores them. With cost 0 (the default) nothing changes.
 * The model's own assumption: Meyer-Stamer names the effort, not its form.
 */
export interface MaintenanceState {
  /** What has been paid from the budget so far. */
  spent: number;
  /** The facilities' condition, from 1 (maintained) down towards 0. */
  condition: number;
  /** Whether the budget ran out (logged once each time it does). */
  lapsed: boolean;
}

export function freshMaintenance(): MaintenanceState {
  return { spent: 0, condition: 1, lapsed: false };
}

/** Whether a low-risk joint activity runs, so that there is something to maintain. */
function facilitiesRun(parameters: ClusterParameters): boolean {
  return parameters.activities.some((activity) => activity.enabled && activity.lowRisk);
}

/**
 * Pays this generation's upkeep from the budget, or lets the facilities degrade when it is spent.
 * Returns whether their condition changed (the activity table must then be rebuilt).
 */
export function maintain(state: ClusterState): boolean {
  const { cost, grant, decline } = state.parameters.maintenance;
  const upkeep = state.maintenance;
  if (cost === 0 || !facilitiesRun(state.parameters)) return false;
  if (upkeep.spent + cost <= grant + 1e-9) {
    upkeep.spent += cost;
    const changed = upkeep.condition !== 1;
    upkeep.condition = 1;
    upkeep.lapsed = false;
    return changed;
  }
  if (!upkeep.lapsed) {
    upkeep.lapsed = true;
    // The subsidy stops with the budget.
    state.log.push({ generation: state.generation, label: 'The budget for maintaining the joint facilities is spent: they begin to degrade' });
  }
  if (decline > 0) upkeep.condition *= 1 - decline;
  return true;
}

/** Whether the programme still pays: with no upkeep to pay (cost 0) the subsidy is not tied to a budget. */
export function funded(parameters: ClusterParameters, upkeep: MaintenanceState): boolean {
  return parameters.maintenance.cost === 0 || !upkeep.lapsed;
}

/** A low-risk activity's reward in a given condition: what co-operating yields above mutual defection shrinks with it. */
export function maintainedReward(R: number, P: number, condition: number): number {
  return condition === 1 ? R : P + (R - P) * condition;
}
