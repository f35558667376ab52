import type { ActivityTable } from './activities.js';
import type { OrganiserRecord } from './organisers.js';
import type { TieRecord } from './partner-choice.js';
import type { ClusterState } from './state.js';
import { meanTrust } from './trust.js';

/** What is measured in one generation (Meyer-Stamer's obstacles and remedies, made visible); docs/model.md, "Metrics". */
export interface GenerationRecord {
  readonly generation: number;
  /** Share of C moves among all moves played, whatever the activity (a self-relationship's round counts two moves). */
  readonly cooperation: number;
  /** Share of rounds in which both firms co-operated. */
  readonly mutualCooperation: number;
  /** Mean trust over all directed neighbour relationships, at the end of the generation. */
  readonly meanTrust: number;
  /** Mean payoff per firm. */
  readonly meanPayoff: number;
  /** Total fines paid. */
  readonly fines: number;
  /** Firms that exited (and were replaced by spin-offs). */
  readonly exits: number;
  /** Share of rounds played in each activity, in the order of parameters.activities. */
  readonly activities: readonly number[];
  /** Share of firms holding each strategy of the pool, in pool order. */
  readonly strategies: readonly number[];
  /**
   * Share of C moves among the moves of rounds played in a low-risk activity (the denominator:
   * two moves per such round); null when no round of the generation was low-risk.
   */
  readonly cooperationLowRisk: number | null;
  /** The same for rounds played in a risky (not low-risk) activity; null when there was none. */
  readonly cooperationRisky: number | null;
  /**
   * Share of neighbour relationships (pairs of distinct firms) standing on each rung of the trust
   * ladder at the end of the generation, in the order of parameters.activities: the highest
   * enabled activity whose trust threshold the pair's joint trust meets (0 for a disabled activity).
   */
  readonly rungs: readonly number[];
  /** Share of neighbour relationships whose joint trust meets no enabled activity's threshold (or none is enabled). */
  readonly noRung: number;
  /** Each working organiser's standing (organisers.ts); absent in a run without organisers. */
  readonly organisers?: readonly OrganiserRecord[];
  /** Ties cut and formed and the mean degree, when firms choose their partners (absent otherwise). */
  readonly ties?: TieRecord | undefined;
}

/** Totals of one generation's play. */
export interface PlayTally {
  readonly cooperations: number;
  readonly moves: number;
  readonly mutual: number;
  readonly rounds: number;
  readonly fines: number;
  readonly activityRounds: Float64Array;
  /** C moves in the rounds of each activity (two moves per round). */
  readonly activityCooperations: Float64Array;
}

/** How many firms hold each pool strategy (taken before the generation is played). */
export function strategyCounts(state: ClusterState): Float64Array {
  const counts = new Float64Array(state.pool.length);
  for (let firm = 0; firm < state.space.size; firm++) counts[state.strategyOf[firm]!]!++;
  return counts;
}

/** The record of the generation just played (after exits and trust decay). */
export function recordOf(state: ClusterState, tally: PlayTally, exits: number, counts: Float64Array): GenerationRecord {
  const table = state.activities;
  const { lowRisk, risky } = cooperationByRisk(table, tally);
  const ladder = rungCounts(state);
  const pairs = ladder.reduce((sum, count) => sum + count, 0);
  return {
    generation: state.generation,
    cooperation: tally.moves > 0 ? tally.cooperations / tally.moves : 0,
    mutualCooperation: tally.rounds > 0 ? tally.mutual / tally.rounds : 0,
    meanTrust: meanTrust(state),
    meanPayoff: meanOf(state.payoff),
    fines: tally.fines,
    exits,
    activities: Array.from(tally.activityRounds, (count) => (tally.rounds > 0 ? count / tally.rounds : 0)),
    strategies: Array.from(counts, (count) => count / state.space.size),
    cooperationLowRisk: lowRisk,
    cooperationRisky: risky,
    rungs: Array.from(ladder.subarray(0, table.count), (count) => (pairs > 0 ? count / pairs : 0)),
    noRung: pairs > 0 ? ladder[table.count]! / pairs : 0,
    ...(state.partners === undefined ? {} : { ties: state.partners.record() }),
  };
}

/** Co-operation in the rounds of low-risk activities and in those of risky ones (null where no such round was played). */
function cooperationByRisk(table: ActivityTable, tally: PlayTally): { lowRisk: number | null; risky: number | null } {
  const cooperations = [0, 0];
  const rounds = [0, 0];
  for (let activity = 0; activity < table.count; activity++) {
    const kind = table.lowRisk[activity] === 1 ? 0 : 1;
    cooperations[kind]! += tally.activityCooperations[activity];
    rounds[kind]! += tally.activityRounds[activity];
  }
  const share = (kind: number) => (rounds[kind]! > 0 ? cooperations[kind]! / (2 * rounds[kind]!) : null);
  return { lowRisk: share(0), risky: share(1) };
}

/**
 * The rung a pair stands on at joint trust t: the highest enabled activity whose threshold t
 * meets, or -1 if it meets none. Unlike chooseActivity (round-rules.ts), no fallback: a pair
 * below every threshold still plays the lowest activity, but has not reached its rung.
 */
export function rungAt(table: ActivityTable, joint: number): number {
  const ladder = table.ladder;
  let rung = -1;
  for (let k = 0; k < ladder.length; k++) {
    const index = ladder[k]!;
    if (table.threshold[index]! <= joint) rung = index;
    else break;
  }
  return rung;
}

/** Neighbour relationships per rung (index = activity), and those on no rung last. */
function rungCounts(state: ClusterState): Float64Array {
  const table = state.activities;
  const counts = new Float64Array(table.count + 1);
  const { firmA, firmB, count } = state.graph;
  const none = table.count;
  if (state.trustUniform) {
    // Until trust first moves, every neighbour relationship holds the initial trust (as meanTrust reads it).
    const pairs = count - (state.parameters.selfInteraction ? state.space.size : 0);
    const rung = rungAt(table, state.parameters.trust.initial);
    counts[rung < 0 ? none : rung] = pairs;
    return counts;
  }
  const trust = state.relationships.trust;
  for (let edge = 0; edge < count; edge++) {
    if (firmA[edge] === firmB[edge]) continue;
    const a = trust[edge * 2]!;
    const b = trust[edge * 2 + 1]!;
    const rung = rungAt(table, a < b ? a : b);
    counts[rung < 0 ? none : rung]!++;
  }
  return counts;
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : 0;
}
