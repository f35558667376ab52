import { ORGANISER_POLICIES, type OrganiserSpec } from './organiser-parameters.js';
import type { ClusterParameters } from './parameters.js';

/** What a facilitator can do to the organisers while the cluster runs (keys o, O, m, M, g, G, y in the live view). */
export type OrganiserCommand =
  | { readonly type: 'found-organiser' }
  | { readonly type: 'select-organiser' }
  | { readonly type: 'organiser-fee'; readonly delta: 1 | -1 }
  | { readonly type: 'organiser-grant'; readonly delta: 1 | -1 }
  | { readonly type: 'organiser-policy' };

/** What an organiser command changes: a parameter path and value, or only the selection; the label is the event log's line. */
export interface OrganiserChange {
  readonly path?: string;
  readonly value?: unknown;
  readonly select?: number;
  readonly label: string;
}

/** A fee step: small against a payoff of a few units a round. */
const FEE_STEP = 0.05;
/** A grant step per generation. */
const GRANT_STEP = 10;

/**
 * The organiser a facilitator founds by key: an association with the moderator policy that runs
 * every low-risk activity for its members (or, with none, every activity), a fee of 0.1 a member, a
 * promise of 1 a generation and a starting credibility of 0.5; the facilitator then sets its
 * fee, grant and policy by key. Its name is `association`, then `association-2`, and so on.
 */
export function foundedOrganiser(parameters: ClusterParameters): OrganiserSpec {
  const taken = new Set((parameters.organisers ?? []).map((organiser) => organiser.name));
  let name = 'association';
  for (let index = 2; taken.has(name); index++) name = `association-${index}`;
  const lowRisk = parameters.activities.filter((activity) => activity.lowRisk).map((activity) => activity.name);
  return {
    name,
    policy: 'moderator',
    active: true,
    fee: 0.1,
    grant: 0,
    budget: 0,
    promise: 1,
    activities: lowRisk,
    activityCost: 1,
    monitoring: 0,
    monitoringCost: 0,
    fine: 0,
    mediation: 0,
    mediationCost: 0,
    costShare: 0,
    margin: 0,
    introductions: 0,
    credibility: 0.5,
    credibilityRate: 0.1,
    members: 0,
    churn: 0.1,
  };
}

/** To the cent: fee steps of 0.05 add up without binary fractions (0.1 + 0.05 is not 0.15). */
const round = (value: number): number => Math.round(value * 100) / 100;
const shown = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/**
 * The change a command makes, acting on the selected organiser (`selected`, an index into
 * parameters.organisers); undefined when there is no organiser to act on.
 */
export function organiserChange(parameters: ClusterParameters, command: OrganiserCommand, selected: number): OrganiserChange | undefined {
  const organisers = parameters.organisers ?? [];
  if (command.type === 'found-organiser') {
    const founded = foundedOrganiser(parameters);
    const runs = founded.activities.length > 0 ? `runs ${founded.activities.join(', ')} for its members` : 'runs no activity yet';
    return {
      path: 'organisers',
      value: [...organisers, founded],
      select: organisers.length,
      label: `facilitator founds ${founded.name}: a moderator that ${runs}, fee ${shown(founded.fee)}`,
    };
  }
  if (organisers.length === 0) return undefined;
  const index = Math.min(Math.max(0, selected), organisers.length - 1);
  const organiser = organisers[index]!;
  switch (command.type) {
    case 'select-organiser': {
      const next = (index + 1) % organisers.length;
      return { select: next, label: `${organisers[next]!.name} selected (fee m/M, grant g/G, policy y)` };
    }
    case 'organiser-fee': {
      const fee = round(Math.max(0, organiser.fee + command.delta * FEE_STEP));
      return {
        path: `organisers.${organiser.name}.fee`,
        value: fee,
        label: `${organiser.name}: fee ${command.delta > 0 ? 'raised' : 'lowered'} to ${shown(fee)}`,
      };
    }
    case 'organiser-grant': {
      const grant = Math.max(0, organiser.grant + command.delta * GRANT_STEP);
      return {
        path: `organisers.${organiser.name}.grant`,
        value: grant,
        label: `${organiser.name}: grant ${command.delta > 0 ? 'raised' : 'lowered'} to ${shown(grant)} a generation`,
      };
    }
    case 'organiser-policy': {
      const policy = ORGANISER_POLICIES[(ORGANISER_POLICIES.indexOf(organiser.policy) + 1) % ORGANISER_POLICIES.length]!;
      return { path: `organisers.${organiser.name}.policy`, value: policy, label: `${organiser.name}: policy now ${policy}` };
    }
  }
}

/** An organiser as the live view shows it: its terms from the parameters, its standing from the last generation. */
export interface LiveOrganiser {
  readonly name: string;
  readonly policy: string;
  readonly active: boolean;
  readonly fee: number;
  readonly grant: number;
  /** The organiser the fee, grant and policy keys act on. */
  readonly selected: boolean;
  /** Share of firms that are members, its budget and credibility after the last generation; undefined before it has worked a generation. */
  readonly members: number | undefined;
  readonly budget: number | undefined;
  readonly credibility: number | undefined;
}

export function liveOrganisers(
  parameters: ClusterParameters,
  latest:
    | { readonly organisers?: readonly { readonly name: string; readonly members: number; readonly budget: number; readonly credibility: number }[] }
    | undefined,
  selected: number,
): LiveOrganiser[] {
  return (parameters.organisers ?? []).map((organiser, index) => {
    const books = organiser.active ? latest?.organisers?.find((candidate) => candidate.name === organiser.name) : undefined;
    return {
      name: organiser.name,
      policy: organiser.policy,
      active: organiser.active,
      fee: organiser.fee,
      grant: organiser.grant,
      selected: index === selected,
      members: books?.members,
      budget: books?.budget,
      credibility: books?.credibility,
    };
  });
}
