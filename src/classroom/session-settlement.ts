import type { ActivityTable } from '../cluster/activities.js';
import type { ClusterParameters } from '../cluster/parameters.js';
import { fineOf, sanctioned, settledPayoff, trustAfter } from '../cluster/round-rules.js';
import { appendMove, COOPERATE, DEFECT, MOVE_OF_CODE } from '../core/history.js';
import { deriveStream, type RandomSource } from '../core/random.js';
import { botMove } from './session-bots.js';
import { meanTrust, relationshipOf, type OpenRound, type Relationship, type Seat, type SessionState } from './session-state.js';
import type { PartnerOutcome, RoundSummary } from './session-types.js';

/** What one pair's round came to, per side (A: the lower seat). */
export interface PairSettlement {
  readonly caught: boolean;
  readonly payoffA: number;
  readonly payoffB: number;
  /** The fine each side paid (negative: compensation received). */
  readonly fineA: number;
  readonly fineB: number;
}

/**
 * Settles one pair's round by the cluster's round rules (src/cluster/round-rules.ts), as a lattice
 * relationship is settled: sanctions, payoffs (class firms are never tied to an external buyer,
 * so no bonus), then each side's trust and history.
 */
export function settlePair(
  parameters: ClusterParameters,
  table: ActivityTable,
  relationship: Relationship,
  moveA: number,
  moveB: number,
  sanctionsRandom: RandomSource,
): PairSettlement {
  const { detection, fine, compensate } = parameters.sanctions;
  const { gain, loss } = parameters.trust;
  const activity = relationship.activity;
  const caught = sanctioned(moveA, moveB, detection, fine, sanctionsRandom);
  const fineA = fineOf(moveA, caught, fine, compensate);
  const fineB = fineOf(moveB, caught, fine, compensate);
  const payoffA = settledPayoff(table, activity, moveA, moveB, 0, fineA);
  const payoffB = settledPayoff(table, activity, moveB, moveA, 0, fineB);
  relationship.trustA = trustAfter(relationship.trustA, moveB, gain, loss);
  relationship.trustB = trustAfter(relationship.trustB, moveA, gain, loss);
  appendMove(relationship.movesA, moveA);
  appendMove(relationship.movesB, moveB);
  return { caught, payoffA, payoffB, fineA, fineB };
}

interface Tally {
  cooperations: number;
  mutual: number;
  fines: number;
  readonly activityCounts: Map<string, number>;
}

/**
 * Pays the open round: every move is decided first (students' choices, the default move for
 * those who did not answer, bots' strategies), then each pair is settled. Writes scores, the
 * results' rows, each seat's last round and the round's summary.
 */
export function settleRound(state: SessionState, open: OpenRound): void {
  const { parameters, table } = open;
  const sanctionsRandom = deriveStream(state.settings.seed, 'class', open.number, 'sanctions');
  const moves = decideMoves(state, open);
  const earned = new Map<number, PartnerOutcome[]>();
  const tally: Tally = { cooperations: 0, mutual: 0, fines: 0, activityCounts: new Map() };
  open.pairs.forEach(([a, b], index) => {
    const relationship = relationshipOf(state, a, b);
    const [moveA, moveB] = moves[index]!;
    const settled = settlePair(parameters, table, relationship, moveA, moveB, sanctionsRandom);
    if (settled.caught) tally.fines += parameters.sanctions.fine;
    const seatA = state.seats[a]!;
    const seatB = state.seats[b]!;
    seatA.score += settled.payoffA;
    seatB.score += settled.payoffB;
    const name = table.names[relationship.activity]!;
    tally.activityCounts.set(name, (tally.activityCounts.get(name) ?? 0) + 1);
    tally.cooperations += 2 - moveA - moveB;
    if (moveA === COOPERATE && moveB === COOPERATE) tally.mutual++;
    for (const [seat, partner, own, other, payoff, paidFine, trust] of [
      [seatA, seatB, moveA, moveB, settled.payoffA, settled.fineA, relationship.trustA],
      [seatB, seatA, moveB, moveA, settled.payoffB, settled.fineB, relationship.trustB],
    ] as const) {
      outcomesOf(earned, seat.index).push({
        name: partner.name,
        activity: name,
        yours: MOVE_OF_CODE[own]!,
        theirs: MOVE_OF_CODE[other]!,
        payoff,
        fine: paidFine,
      });
      state.records.push({
        round: open.number,
        seat: seat.index,
        student: seat.name,
        kind: seat.kind,
        partner: partner.name,
        move: MOVE_OF_CODE[own]!,
        answered: answered(seat, open),
        activity: name,
        payoff,
        fine: paidFine,
        trust,
      });
    }
  });
  for (const seat of state.seats) {
    const outcomes = earned.get(seat.index);
    if (outcomes === undefined) continue;
    const move = outcomes[0]!.yours;
    seat.lastMove = move;
    seat.lastRound = {
      round: open.number,
      move,
      answered: answered(seat, open),
      payoff: outcomes.reduce((sum, entry) => sum + entry.payoff, 0),
      outcomes,
    };
  }
  state.series.push(summaryOf(state, open, tally, earned));
}

/** Every move of the round, per pair, decided from the histories before it. */
function decideMoves(state: SessionState, open: OpenRound): (readonly [number, number])[] {
  const moveOf = (seat: Seat, partner: number, relationship: Relationship): number => {
    if (seat.kind === 'bot') return botMove(state.settings, seat, partner, relationship, open);
    const chosen = open.choices.get(seat.index) ?? state.settings.defaultMove;
    return chosen === 'C' ? COOPERATE : DEFECT;
  };
  return open.pairs.map(([a, b]) => {
    const relationship = relationshipOf(state, a, b);
    return [moveOf(state.seats[a]!, b, relationship), moveOf(state.seats[b]!, a, relationship)] as const;
  });
}

function answered(seat: Seat, open: OpenRound): boolean {
  return seat.kind === 'bot' || open.choices.has(seat.index);
}

function outcomesOf(earned: Map<number, PartnerOutcome[]>, seat: number): PartnerOutcome[] {
  let list = earned.get(seat);
  if (list === undefined) earned.set(seat, (list = []));
  return list;
}

function summaryOf(state: SessionState, open: OpenRound, tally: Tally, earned: ReadonlyMap<number, readonly PartnerOutcome[]>): RoundSummary {
  const pairCount = open.pairs.length;
  const students = state.seats.filter((seat) => seat.kind === 'student' && earned.has(seat.index));
  return {
    round: open.number,
    cooperation: pairCount > 0 ? tally.cooperations / (2 * pairCount) : 0,
    mutualCooperation: pairCount > 0 ? tally.mutual / pairCount : 0,
    meanTrust: meanTrust(state),
    fines: tally.fines,
    activities: Object.fromEntries(open.table.names.map((name) => [name, pairCount > 0 ? (tally.activityCounts.get(name) ?? 0) / pairCount : 0])),
    defaulted: students.filter((seat) => !open.choices.has(seat.index)).length,
  };
}
