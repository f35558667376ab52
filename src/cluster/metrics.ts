import type { ClusterState } from './state.js';
import { meanTrust } from './trust.js';

/** What is measured in one generation (Meyer-Stamer's obstacles and remedies, made visible). */
export interface GenerationRecord {
  readonly generation: number;
  /** Share of C moves among all moves played. */
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
}

/** Totals of one generation's play. */
export interface PlayTally {
  readonly cooperations: number;
  readonly moves: number;
  readonly mutual: number;
  readonly rounds: number;
  readonly fines: number;
  readonly activityRounds: Float64Array;
}

/** How many firms hold each pool strategy (taken before the generation is played). */
export function strategyCounts(state: ClusterState): Float64Array {
  const counts = new Float64Array(state.pool.length);
  for (let firm = 0; firm < state.space.size; firm++) counts[state.strategyOf[firm]!]!++;
  return counts;
}

/** The record of the generation just played. */
export function recordOf(state: ClusterState, tally: PlayTally, exits: number, counts: Float64Array): GenerationRecord {
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
  };
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : 0;
}
