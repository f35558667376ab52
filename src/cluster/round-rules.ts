import { COOPERATE, DEFECT } from '../core/history.js';
import type { ClusterParameters } from './parameters.js';

/**
 * The rules that settle one round between two firms, written once for the lattice's play loop
 * (play.ts), the memory-less kernel (kernel.ts) and the class session (classroom/session-settlement.ts).
 * Plain functions on numbers and the activity table's typed arrays: the play loop calls them for
 * every round of millions of relationships, so they allocate nothing and inline, and the loop
 * calls those of a mechanism only while it is on (bench: cluster-training-first).
 * Moves are codes: 0 = C, 1 = D.
 */

/** What the per-firm activity arrays hold for a firm that played no activity (none is enabled). */
export const NO_ACTIVITY = 255;

/** The activity numbers a round is settled with (a slice of the ActivityTable). */
export interface RoundRates {
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

/** Whether a crisis holds in a generation (or a class round): switched on, or inside one of its windows. */
export function crisisActive(parameters: ClusterParameters, generation: number): boolean {
  return parameters.crisis.active || parameters.crisis.windows.some((window) => generation >= window.from && generation <= window.to);
}

/** What the temptation is multiplied by in a generation: a crisis makes cheating pay more. */
export function temptationFactorAt(parameters: ClusterParameters, generation: number): number {
  return crisisActive(parameters, generation) ? parameters.crisis.temptationFactor : 1;
}

/** What a co-operating firm pays per round for an activity: its transaction cost less the subsidy. */
export function costAfterSubsidy(cost: number, subsidy: number): number {
  return cost * (1 - subsidy);
}

/**
 * The activity a pair plays at joint trust t (the lower of the two sides' trust): the
 * highest-stakes enabled activity whose threshold t meets, or, if none, the enabled one with
 * the lowest threshold; -1 if none is enabled.
 */
export function chooseActivity(rates: RoundRates, jointTrust: number): number {
  const ladder = rates.ladder;
  let chosen = ladder.length > 0 ? ladder[0]! : -1;
  for (let k = 1; k < ladder.length; k++) {
    const index = ladder[k]!;
    if (rates.threshold[index]! <= jointTrust) chosen = index;
    else break;
  }
  return chosen;
}

/**
 * chooseActivity's walk up a ladder without a test of its length: per rung above the lowest its
 * threshold, in ladder order, then NaN, which no trust meets. The walk's first comparison then runs
 * in every round, whatever the ladder's length, so the play loop has met it before the engine
 * compiles the loop, and a ladder that grows later (an event enabling an activity) is no code it has not run.
 */
export function rungThresholds(rates: RoundRates): Float64Array {
  const ladder = rates.ladder;
  const thresholds = new Float64Array(Math.max(ladder.length, 1) + 1);
  for (let k = 1; k < ladder.length; k++) thresholds[k] = rates.threshold[ladder[k]!]!;
  thresholds[Math.max(ladder.length, 1)] = Number.NaN;
  return thresholds;
}

/** The ladder's rung a pair plays at joint trust t: chooseActivity's activity is `ladder[rung]` (a ladder with at least one rung). */
export function rungAt(thresholds: Float64Array, jointTrust: number): number {
  let rung = 0;
  for (;;) {
    const up = rung + 1;
    if (!(thresholds[up]! <= jointTrust)) return rung;
    rung = up;
  }
}

/** The joint trust of a pair: the activity they can risk is set by the more wary side. */
export function jointTrust(trustA: number, trustB: number): number {
  return trustA < trustB ? trustA : trustB;
}

/** The part of a finite-state strategy's context (core/machine.ts) that the activity sets: low risk, and deterred by the sanctions in force. */
export function activityContext(rates: RoundRates, activity: number): number {
  return rates.lowRisk[activity]! | (rates.deterred[activity]! << 2);
}

/** The part of the context that trust sets: the side trusts its partner at least as much as the machine's threshold. */
export function trustContext(trust: number, trustThreshold: number): number {
  return trust >= trustThreshold ? 2 : 0;
}

/** The context index a finite-state strategy reads in a round of an activity. */
export function machineContext(rates: RoundRates, activity: number, trust: number, trustThreshold: number): number {
  return activityContext(rates, activity) | trustContext(trust, trustThreshold);
}

/**
 * What a firm earns in one round of an activity, before sanctions and buyers' bonuses:
 * a co-operator pays the activity's transaction cost.
 */
export function payoffOf(rates: RoundRates, activity: number, own: number, other: number): number {
  if (own === COOPERATE) return (other === COOPERATE ? rates.R[activity]! : rates.S[activity]!) - rates.cost[activity]!;
  return other === COOPERATE ? rates.T[activity]! : rates.P[activity]!;
}

/**
 * payoffOf for every activity and pair of moves, at [activity × 4 + own × 2 + other]: the same
 * numbers, read in one step with no branch on the moves (a branch the play loop has not taken
 * before the engine compiles it, such as the first mutual co-operation, would send it back to the interpreter).
 */
export function payoffGrid(rates: RoundRates, activityCount: number): Float64Array {
  const grid = new Float64Array(activityCount * 4);
  for (let activity = 0; activity < activityCount; activity++) {
    for (let own = 0; own < 2; own++) for (let other = 0; other < 2; other++) grid[activity * 4 + own * 2 + other] = payoffOf(rates, activity, own, other);
  }
  return grid;
}

/** The bonus an external buyer pays a firm tied to it (1) for defecting on a neighbour; the class has no buyers (0). */
export function buyerBonus(own: number, tied: number, bonus: number): number {
  return own === DEFECT && tied === 1 ? bonus : 0;
}

/**
 * Whether the round's defection is caught: sanctions need a fine and a chance of detection,
 * and only a defector against a co-operator can be caught. Draws from `random` only then, so
 * a run without sanctions or without a lone defector consumes no draws.
 */
export function sanctioned(moveA: number, moveB: number, detection: number, fine: number, random: () => number): boolean {
  return sanctionsOn(detection, fine) && moveA !== moveB && random() < detection;
}

/** Sanctions are in force when there is both a chance of detection and a fine. */
export function sanctionsOn(detection: number, fine: number): boolean {
  return detection > 0 && fine > 0;
}

/** The fine a side pays in a round (negative: the compensation a cheated co-operator receives). */
export function fineOf(own: number, caught: boolean, fine: number, compensate: boolean): number {
  if (!caught) return 0;
  return own === DEFECT ? fine : compensate ? -fine : 0;
}

/** A side's payoff for the round: the activity payoff, plus any buyer's bonus, less any fine. */
export function settledPayoff(rates: RoundRates, activity: number, own: number, other: number, bonus: number, fine: number): number {
  return payoffOf(rates, activity, own, other) + bonus - fine;
}

/** A firm's trust in a partner after the partner's move: it grows towards 1 by `gain` after a C and shrinks by `loss` after a D. */
export function trustAfter(trust: number, partnerMove: number, gain: number, loss: number): number {
  // Both worked out every time: the play loop is compiled before a side's trust first rises (in a
  // rivalry grievances take the first co-operations), and a sum it has never run would send it back to the interpreter.
  const raised = trust + gain * (1 - trust);
  const lowered = trust * (1 - loss);
  return partnerMove === COOPERATE ? raised : lowered;
}

/**
 * One round of an activity against `degree` partners, of whom `cooperating` co-operate, with the
 * same move towards all of them and no sanctions (the memory-less kernel's case): the sum of
 * `settledPayoff` over the partners, added up by move rather than partner by partner.
 */
export function neighbourhoodPayoff(rates: RoundRates, activity: number, own: number, cooperating: number, degree: number, bonus: number): number {
  const defecting = degree - cooperating;
  if (own === COOPERATE) return cooperating * rates.R[activity]! + defecting * rates.S[activity]! - degree * rates.cost[activity]!;
  return cooperating * rates.T[activity]! + defecting * rates.P[activity]! + degree * bonus;
}
