import type { OrganiserSpec } from './organiser-parameters.js';
import type { ActivitySpec } from './parameters.js';

/**
 * What an organiser sets out to do in a generation, by its policy (docs/model.md, "Organisers").
 * The plan is what it promises its members; whether its budget pays for it is settled in
 * organisers.ts, and an item it cannot pay for costs it credibility.
 */
export interface OrganiserPlan {
  /** Indices (into parameters.activities) of the activities it runs, cheapest risk first. */
  readonly activities: readonly number[];
  readonly monitoring: boolean;
  readonly mediation: boolean;
  readonly costShare: boolean;
  /** A producer keeps a margin of its members' reward in its activities. */
  readonly margin: boolean;
  /** A producer drops from its next project a member caught cheating a fellow member. */
  readonly dropCheats: boolean;
}

/** What a policy knows when it plans: its members' mean trust in each other (NaN with fewer than two members). */
export interface PlanningView {
  readonly membersTrust: number;
}

/** The organiser's activities in ladder order (trust threshold, then reward), as the trust ladder sorts them. */
export function activitiesInLadderOrder(spec: OrganiserSpec, activities: readonly ActivitySpec[]): number[] {
  return spec.activities
    .map((name) => activities.findIndex((activity) => activity.name === name))
    .filter((index) => index >= 0)
    .sort((a, b) => activities[a]!.trustThreshold - activities[b]!.trustThreshold || activities[a]!.R - activities[b]!.R || a - b);
}

/**
 * - passive association: offers every activity it lists and shares costs; no monitoring, no mediation
 *   (Meyer-Stamer §2.2: associations offer "seminars …, training courses, and fora for information exchange").
 * - active moderator: runs its low-risk activities from the start and adds a riskier one only once
 *   its members' mean trust in each other reaches that activity's threshold; it monitors, mediates and
 *   shares costs (Meyer-Stamer §4.1: government agencies "can act as moderators, mediators, and
 *   facilitators" and "may cover part of the transaction costs").
 * - business producer: runs every activity it lists (its project), monitors as peer review, keeps a
 *   margin and drops members caught cheating from the next project (the business producer of the
 *   Silicon Valley, Cremona and Jingdezhen study).
 */
export function planOf(spec: OrganiserSpec, activities: readonly ActivitySpec[], view: PlanningView): OrganiserPlan {
  const own = activitiesInLadderOrder(spec, activities);
  switch (spec.policy) {
    case 'passive':
      return { activities: own, monitoring: false, mediation: false, costShare: spec.costShare > 0, margin: false, dropCheats: false };
    case 'moderator': {
      const trust = Number.isNaN(view.membersTrust) ? 0 : view.membersTrust;
      const staged = own.filter((index) => activities[index]!.lowRisk || activities[index]!.trustThreshold <= trust);
      return {
        activities: staged,
        monitoring: spec.monitoring > 0,
        mediation: spec.mediation > 0,
        costShare: spec.costShare > 0,
        margin: false,
        dropCheats: false,
      };
    }
    case 'producer':
      return { activities: own, monitoring: spec.monitoring > 0, mediation: false, costShare: spec.costShare > 0, margin: spec.margin > 0, dropCheats: true };
  }
}
