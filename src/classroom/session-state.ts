import type { ActivityTable } from '../cluster/activities.js';
import type { ClusterParameters } from '../cluster/parameters.js';
import type { Lattice } from '../cluster/space.js';
import { History } from '../core/history.js';
import type { RandomSource } from '../core/random.js';
import type { Move, Player, Strategy } from '../core/strategy.js';
import type { BotContext } from './session-bots.js';
import type { Announcement, ClassSettings, MoveRecord, Phase, RoundSummary, StudentView } from './session-types.js';

/** A pair of firms that has met: each side's trust in the other and their moves so far. */
export interface Relationship {
  readonly a: number;
  readonly b: number;
  /** a's trust in b, and b's trust in a. */
  trustA: number;
  trustB: number;
  readonly movesA: History;
  readonly movesB: History;
  /** The activity of the open round. */
  activity: number;
}

export interface Seat {
  readonly index: number;
  name: string;
  kind: 'student' | 'bot';
  strategy: Strategy | undefined;
  token: string;
  connected: boolean;
  score: number;
  lastMove: Move | undefined;
  lastRound: StudentView['last'];
  /** Per relationship key, for a bot. */
  readonly players: Map<number, { readonly player: Player; readonly random: RandomSource; readonly context: BotContext }>;
}

export interface OpenRound {
  readonly number: number;
  /** The rules the round was opened under: a change made while it is open waits for the next. */
  readonly parameters: ClusterParameters;
  readonly deadline: number;
  readonly table: ActivityTable;
  readonly pairs: readonly (readonly [number, number])[];
  readonly choices: Map<number, Move>;
}

/**
 * Everything a class session holds, shared by its jobs (session-pairing.ts, session-bots.ts,
 * session-settlement.ts, session-rules.ts, session-views.ts). ClassSession owns the one instance.
 */
export interface SessionState {
  readonly settings: ClassSettings;
  /** The rules in force: a round that opens takes them. */
  parameters: ClusterParameters;
  readonly seats: Seat[];
  readonly relationships: Map<number, Relationship>;
  phase: Phase;
  round: OpenRound | undefined;
  /** The round open or last closed (0 in the lobby). */
  roundNumber: number;
  lastPairs: readonly (readonly [number, number])[];
  /** The class lattice, laid out when a lattice session starts. */
  lattice: Lattice | undefined;
  readonly series: RoundSummary[];
  readonly log: Announcement[];
  readonly records: MoveRecord[];
}

/** The relationship between seats a and b, created on first meeting with the trust in force. */
export function relationshipOf(state: SessionState, a: number, b: number): Relationship {
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  const key = low * 65_536 + high;
  let relationship = state.relationships.get(key);
  if (relationship === undefined) {
    const initial = state.parameters.trust.initial;
    const capacity = Math.max(1, state.settings.rounds);
    relationship = { a: low, b: high, trustA: initial, trustB: initial, movesA: new History(capacity), movesB: new History(capacity), activity: 0 };
    state.relationships.set(key, relationship);
  }
  return relationship;
}

/** A seat's mean trust in the partners it has met (the initial trust before it met any). */
export function trustOf(state: SessionState, seat: number): number {
  let sum = 0;
  let count = 0;
  for (const relationship of state.relationships.values()) {
    if (relationship.a === seat) {
      sum += relationship.trustA;
      count++;
    } else if (relationship.b === seat) {
      sum += relationship.trustB;
      count++;
    }
  }
  return count > 0 ? sum / count : state.parameters.trust.initial;
}

/** Mean trust over every relationship, both directions. */
export function meanTrust(state: SessionState): number {
  let sum = 0;
  for (const relationship of state.relationships.values()) sum += relationship.trustA + relationship.trustB;
  return state.relationships.size > 0 ? sum / (2 * state.relationships.size) : state.parameters.trust.initial;
}

/** Announces a change in the log; it holds from the next round. */
export function announce(state: SessionState, label: string, why: string): Announcement {
  const announcement = { round: state.roundNumber, from: state.roundNumber + 1, label, why };
  state.log.push(announcement);
  return announcement;
}
