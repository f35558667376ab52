import { buildActivityTable } from '../cluster/activities.js';
import { chooseActivity, jointTrust } from '../cluster/round-rules.js';
import type { History } from '../core/history.js';
import { partnersOf } from './session-pairing.js';
import { rulesInForce } from './session-rules.js';
import { relationshipOf, trustOf, type SessionState } from './session-state.js';
import type { ClassSnapshot, PartnerView, SessionClock, StudentView } from './session-types.js';

// What the screens show. The teacher sees the whole class; a student sees their own firm, their
// partners and the class's totals, and never another student's choice in a round still open.

/** Moves of a relationship a student sees, the most recent last. */
const HISTORY_SHOWN = 6;

export function clockOf(state: SessionState): SessionClock {
  const { settings } = state;
  return {
    mode: settings.mode,
    phase: state.phase,
    round: state.roundNumber,
    rounds: settings.rounds,
    timeLimit: settings.timeLimit,
    deadline: state.round?.deadline,
  };
}

export function studentCount(state: SessionState): number {
  return state.seats.filter((seat) => seat.kind === 'student').length;
}

/** Everything the teacher's screen shows. */
export function snapshotOf(state: SessionState): ClassSnapshot {
  const open = state.round;
  return {
    ...clockOf(state),
    seats: state.seats.map((seat) => ({
      index: seat.index,
      name: seat.name,
      kind: seat.kind,
      strategy: seat.strategy?.id,
      connected: seat.kind === 'bot' || seat.connected,
      answered: open !== undefined && (seat.kind === 'bot' || open.choices.has(seat.index)),
      score: seat.score,
      lastMove: seat.lastMove,
      trust: trustOf(state, seat.index),
    })),
    grid: state.lattice === undefined ? undefined : { width: state.lattice.width, height: state.lattice.height },
    pairs: state.lastPairs,
    series: [...state.series],
    rules: rulesInForce(state),
    log: [...state.log],
    students: studentCount(state),
    answered: open === undefined ? 0 : open.choices.size,
  };
}

/** What one student sees: never another student's choice in a round that is still open. */
export function studentViewOf(state: SessionState, seat: number): StudentView {
  const found = state.seats[seat]!;
  const open = state.round;
  const ranked = state.seats.filter((other) => other.score > found.score).length + 1;
  return {
    ...clockOf(state),
    name: found.name,
    seat,
    chosen: open?.choices.get(seat),
    defaultMove: state.settings.defaultMove,
    partners: partnerViews(state, seat),
    last: found.lastRound,
    score: found.score,
    rank: ranked,
    firms: state.seats.length,
    rules: rulesInForce(state),
    announcements: state.log.slice(-4),
    announced: state.log.length,
    answered: open === undefined ? 0 : open.choices.size,
    students: studentCount(state),
  };
}

/** A student's partners in the open round (or the last one): the activity at stake, trust and recent moves. */
function partnerViews(state: SessionState, seat: number): PartnerView[] {
  const open = state.round;
  const table = open?.table ?? buildActivityTable(state.parameters, state.roundNumber + 1);
  return partnersOf(seat, open?.pairs ?? state.lastPairs).map((partner) => {
    const relationship = relationshipOf(state, seat, partner);
    const mine = relationship.a === seat;
    const activity = open !== undefined ? relationship.activity : chooseActivity(table, jointTrust(relationship.trustA, relationship.trustB));
    const tail = (history: History) => history.toArray().slice(-HISTORY_SHOWN);
    return {
      name: state.seats[partner]!.name,
      activity: {
        name: table.names[activity]!,
        lowRisk: table.lowRisk[activity] === 1,
        R: table.R[activity]!,
        S: table.S[activity]!,
        T: table.T[activity]!,
        P: table.P[activity]!,
        cost: table.cost[activity]!,
      },
      trust: mine ? relationship.trustA : relationship.trustB,
      yours: tail(mine ? relationship.movesA : relationship.movesB),
      theirs: tail(mine ? relationship.movesB : relationship.movesA),
    };
  });
}
