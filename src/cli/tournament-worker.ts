import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../core/tournament.js';
import { OUTCOME_SIZE } from '../core/match.js';
import { strategiesInThisThread } from './worker-strategies.js';

export interface TournamentSlice {
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly settings: TournamentSettings;
  readonly from: number;
  readonly to: number;
}

export interface SliceResult {
  readonly from: number;
  readonly outcomes: Float64Array;
  readonly disqualified: readonly (readonly [number, string])[];
}

/** A piscina task: plays matches [from, to) of the tournament's table. */
export default async function playSlice(slice: TournamentSlice): Promise<SliceResult> {
  const strategies = await strategiesInThisThread(slice.strategyIds, slice.moduleFiles, slice.trusted);
  const table = new MatchTable(strategies.length, slice.settings.repetitions, slice.settings.selfPlay);
  playMatches(table, prepareContestants(strategies, slice.settings.game), slice.settings, slice.from, slice.to);
  return {
    from: slice.from,
    outcomes: table.outcomes.slice(slice.from * OUTCOME_SIZE, slice.to * OUTCOME_SIZE),
    disqualified: [...table.disqualified],
  };
}
