import { z } from 'zod';
import { amount, probability } from './parameter-bounds.js';

/**
 * The parameters of an organiser (docs/model.md, "Organisers"): a business association, a
 * government agency acting as moderator, or a business producer. Its own file so that the
 * cluster's parameters gain one optional field, `organisers`, and nothing else: a scenario
 * without organisers validates, and prints, exactly as before.
 */

const kebab = z.string({ error: 'expected a name' }).regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a kebab-case name such as association' });

/**
 * How an organiser decides what to spend on each generation (organiser-policies.ts):
 * - `passive`: an association that offers its services (its activities, cost sharing) and waits;
 * - `moderator`: starts its low-risk activities first and adds a riskier one once its members'
 *   trust in each other reaches that activity's threshold; it monitors and mediates;
 * - `producer`: a business producer that brings firms together per project, takes a margin of
 *   what they earn together in its activities, and drops from the next project a member caught
 *   cheating a fellow member (peer review).
 */
export const ORGANISER_POLICIES = ['passive', 'moderator', 'producer'] as const;
export type OrganiserPolicy = (typeof ORGANISER_POLICIES)[number];

/** The most organisers a run may hold: membership is one byte per firm. */
export const MAX_ORGANISERS = 100;

export const organiserSchema = z.strictObject({
  name: kebab,
  description: z.string({ error: 'expected a sentence' }).optional(),
  policy: z.enum(ORGANISER_POLICIES, { error: "expected 'passive', 'moderator' or 'producer'" }),
  /** Founded and working; an event may found it later (true) or close it (false). */
  active: z.boolean({ error: 'expected true or false' }).default(true),
  /** What each member pays per generation. */
  fee: amount.default(0),
  /** What a sponsor (government) pays in per generation. */
  grant: amount.default(0),
  /** The funds it starts with when founded (a one-off grant). */
  budget: amount.default(0),
  /** The benefit per member and generation it announces: what firms expect before they see members' results, and what it must deliver. */
  promise: amount.default(0),
  /** The activities it runs for its members: played only between two of its members, while it runs them. */
  activities: z.array(kebab, { error: 'expected a list of activity names' }).default([]),
  /** What running one of its activities costs per generation (a facility: the cost does not grow with members). */
  activityCost: amount.default(0),
  /** Raises the detection of a member cheating a fellow member: detection = 1 − (1 − sanctions.detection)(1 − monitoring). */
  monitoring: probability.default(0),
  /** What monitoring costs per member and generation. */
  monitoringCost: amount.default(0),
  /** The fine a member caught cheating a fellow member pays to the organiser (at least sanctions.fine). */
  fine: amount.default(0),
  /** The share by which it softens a member's loss of trust in a fellow member after a defection. */
  mediation: probability.default(0),
  /** What mediation costs per member and generation. */
  mediationCost: amount.default(0),
  /** The share of its members' transaction costs (in rounds between members) it pays. */
  costShare: probability.default(0),
  /** A producer's margin: the share of members' reward R in its activities that it keeps. */
  margin: probability.default(0),
  /** With partner choice on: the chance that a taking-part member's search for a partner goes through the organiser, which introduces it to another taking-part member (a producer re-forming project teams). */
  introductions: probability.default(0),
  /** Its credibility at founding. */
  credibility: probability.default(0.5),
  /** How fast credibility moves: towards 1 when it delivers, towards 0 when it does not. */
  credibilityRate: probability.default(0.1),
  /** The share of firms that are members when it is founded (drawn at random). */
  members: probability.default(0),
  /** The share of firms that reconsider their membership each generation. */
  churn: probability.default(0.1),
});

export type OrganiserSpec = z.infer<typeof organiserSchema>;

export const organisersSchema = z
  .array(organiserSchema, { error: 'expected a list of organisers' })
  .max(MAX_ORGANISERS, { error: `expected at most ${MAX_ORGANISERS} organisers` })
  .optional();

/** The organisers' names are unique and every activity an organiser runs exists; `fail` builds the error. */
export function organiserProblem(organisers: readonly OrganiserSpec[] | undefined, activityNames: readonly string[]): string | undefined {
  const names = new Set<string>();
  for (const organiser of organisers ?? []) {
    if (names.has(organiser.name)) return `organisers: organiser '${organiser.name}' is listed twice: expected unique names`;
    names.add(organiser.name);
    for (const activity of organiser.activities) {
      if (!activityNames.includes(activity)) {
        return `organisers.${organiser.name}.activities: unknown activity '${activity}': expected one of ${activityNames.join(', ')}`;
      }
    }
  }
  return undefined;
}

/** Whether any organiser works (the memory-less kernel then stands aside: members play by their own rates). */
export function organisersWork(parameters: { readonly organisers?: readonly OrganiserSpec[] | undefined }): boolean {
  return parameters.organisers?.some((organiser) => organiser.active) ?? false;
}
