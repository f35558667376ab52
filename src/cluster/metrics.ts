import type { ActivityTable } from './activities.js';
import type { MarketRecord } from './market.js';
import type { OrganiserRecord } from './organisers.js';
import type { TieRecord } from './partner-choice.js';
import type { ReputationSummary } from './reputation.js';
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
   * ladder in their last round of the generation, in the order of parameters.activities: the
   * highest enabled activity whose trust threshold the pair's joint trust met (the activity it
   * played); 0 for a disabled activity.
   */
  readonly rungs: readonly number[];
  /**
   * Share of neighbour relationships whose joint trust met no enabled activity's threshold in their
   * last round (they played the lowest activity for want of a better one), or that played no round.
   */
  readonly noRung: number;
  /** Each working organiser's standing (organisers.ts); absent in a run without organisers. */
  readonly organisers?: readonly OrganiserRecord[];
  /** Ties cut and formed and the mean degree, when firms choose their partners (absent otherwise). */
  readonly ties?: TieRecord | undefined;
  /** Standing at the end of the generation, while the reputation layer is on (reputation.ts). */
  readonly reputation?: ReputationSummary | undefined;
  /** Firms, prices, quality, entries and exits, while the market layer is on (market.ts). */
  readonly market?: MarketRecord | undefined;
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
  /** Per activity: neighbour relationships whose last round of the generation was on that activity's rung (its threshold met). */
  readonly rungPairs: Float64Array;
  /** Neighbour relationships (self-relationships left out). */
  readonly pairs: number;
  /** The payoffs added up in firm order, when play did it on the way (the memory-less kernel's one pass). */
  readonly payoffSum?: number | undefined;
  /** Whether play has already added the payoffs to the firms' wealth (the same pass). */
  readonly wealthAdded?: boolean | undefined;
}

/** How many firms hold each pool strategy (taken before the generation is played). */
export function strategyCounts(state: ClusterState): Float64Array {
  const counts = new Float64Array(state.pool.length);
  const strategyOf = state.strategyOf;
  if (counts.length > 4) {
    for (let firm = 0; firm < strategyOf.length; firm++) counts[strategyOf[firm]!]!++;
    return counts;
  }
  // Up to four strategies: one byte of a register per strategy, emptied every 255 firms, instead
  // of a store per firm into the same few counters (whose every add waits for the last).
  for (let start = 0; start < strategyOf.length; start += 255) {
    const end = Math.min(start + 255, strategyOf.length);
    let packed = 0;
    for (let firm = start; firm < end; firm++) packed += 1 << (strategyOf[firm]! << 3);
    for (let strategy = 0; strategy < counts.length; strategy++) counts[strategy]! += (packed >>> (strategy << 3)) & 255;
  }
  return counts;
}

/** The record of the generation just played (mean trust after exits and trust decay). */
export function recordOf(state: ClusterState, tally: PlayTally, exits: number, counts: Float64Array, reputation?: ReputationSummary): GenerationRecord {
  const table = state.activities;
  const { lowRisk, risky } = cooperationByRisk(table, tally);
  const { rungPairs, pairs } = tally;
  let onRungs = 0;
  for (let activity = 0; activity < table.count; activity++) onRungs += rungPairs[activity]!;
  return {
    generation: state.generation,
    cooperation: tally.moves > 0 ? tally.cooperations / tally.moves : 0,
    mutualCooperation: tally.rounds > 0 ? tally.mutual / tally.rounds : 0,
    meanTrust: meanTrust(state),
    meanPayoff: tally.payoffSum === undefined ? meanOf(state.payoff) : state.payoff.length > 0 ? tally.payoffSum / state.payoff.length : 0,
    fines: tally.fines,
    exits,
    activities: Array.from(tally.activityRounds, (count) => (tally.rounds > 0 ? count / tally.rounds : 0)),
    strategies: Array.from(counts, (count) => count / state.space.size),
    cooperationLowRisk: lowRisk,
    cooperationRisky: risky,
    rungs: Array.from(rungPairs, (count) => (pairs > 0 ? count / pairs : 0)),
    noRung: pairs > 0 ? (pairs - onRungs) / pairs : 0,
    ...(state.partners === undefined ? {} : { ties: state.partners.record() }),
    ...(reputation === undefined ? {} : { reputation }),
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

function meanOf(values: Float64Array): number {
  return values.length > 0 ? sumOf(values) / values.length : 0;
}

/** The values' sum in order: a loop with nothing after it (the engine compiles it while it runs, before code after it has run once). */
function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}
