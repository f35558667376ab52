import { parameterChange, type ParameterCommand } from '../cluster/live.js';
import { withParameter, type ClusterParameters } from '../cluster/parameters.js';
import { crisisActive, sanctionsOn } from '../cluster/round-rules.js';
import { announce, type SessionState } from './session-state.js';
import type { Announcement, ClassCommand, RulesInForce } from './session-types.js';

// The teacher's interventions: what each changes in the rules, and the announcement that tells
// the students what changed and why it matters.

const WHY = {
  sanctions:
    'The cluster now has rules with sanctions: a firm caught defecting against a partner who co-operated pays a fine. When the expected fine outweighs the gain from cheating, co-operating pays (Meyer-Stamer 2001: rules and sanctions).',
  sanctionsOff: 'Nobody enforces the rules any more: cheating a co-operating partner goes unpunished again.',
  fine: 'The fine changed: compare it, times the chance of being caught, with what cheating gains you.',
  programmeOn:
    'A low-risk joint activity is on offer: small stakes, little room to exploit a partner, savings for both. Co-operating here builds the trust that riskier co-operation needs (Meyer-Stamer 2001: low-risk joint activities first).',
  programmeOff: 'The programme has ended: only the activities still listed are on offer.',
  crisis: 'A crisis: cheating a partner pays more than before, and firms are pushed back to opportunism (Meyer-Stamer 2001).',
  crisisOff: 'The crisis is over: the gain from cheating is back to normal.',
} as const;

/** Applies a teacher's intervention to the rules in force and announces it; it holds from the next round that opens. */
export function applyCommand(state: SessionState, command: ClassCommand): Announcement | undefined {
  const parameters = state.parameters;
  if (command.type === 'sanctions') {
    const on = !sanctionsOn(parameters.sanctions.detection, parameters.sanctions.fine);
    const { fine, detection } = on ? state.settings.sanctions : { fine: 0, detection: 0 };
    state.parameters = withParameter(withParameter(parameters, 'sanctions.fine', fine), 'sanctions.detection', detection);
    const label = on ? `sanctions on: fine ${fine}, caught with probability ${Math.round(detection * 100)}%` : 'sanctions off';
    return announce(state, label, on ? WHY.sanctions : WHY.sanctionsOff);
  }
  const change = parameterChange(parameters, command);
  if (change === undefined) return undefined;
  if (change.path !== undefined) state.parameters = withParameter(parameters, change.path, change.value);
  return announce(state, change.label, whyOf(command, state.parameters, change.value));
}

/**
 * The rules as the screens show them: while a round is open, the rules it was opened under and
 * the changes waiting for the next round; between rounds, the rules the next round will take.
 */
export function rulesInForce(state: SessionState): RulesInForce {
  const open = state.phase === 'open' ? state.round : undefined;
  const parameters = open?.parameters ?? state.parameters;
  const round = open?.number ?? state.roundNumber + 1;
  return {
    round,
    pending: state.log.filter((announcement) => announcement.from > round).map(({ from, label }) => ({ from, label })),
    fine: parameters.sanctions.fine,
    detection: parameters.sanctions.detection,
    crisis: crisisActive(parameters, round),
    temptationFactor: parameters.crisis.temptationFactor,
    activities: parameters.activities.map((activity) => ({
      name: activity.name,
      lowRisk: activity.lowRisk,
      enabled: activity.enabled,
      description: activity.description,
    })),
  };
}

function whyOf(command: ParameterCommand, parameters: ClusterParameters, value: unknown): string {
  switch (command.type) {
    case 'toggle-activity': {
      const activity = parameters.activities[command.index];
      const description = activity?.description === undefined ? '' : ` ${activity.description}`;
      if (value !== true) return WHY.programmeOff;
      return activity?.lowRisk === true ? `${WHY.programmeOn}${description}` : `A riskier activity is on offer.${description}`;
    }
    case 'fine':
    case 'detection':
      return WHY.fine;
    case 'crisis':
      return value === true ? WHY.crisis : WHY.crisisOff;
  }
}
