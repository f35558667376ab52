import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../core/tournament.js';
import { strategiesInThisThread } from './worker-strategies.js';

export interface TournamentSlice {
  /** Which tournament the slice belongs to: a thread keeps its table for one tournament only. */
  readonly tournament: string;
  readonly strategyIds: readonly string[];
  readonly moduleFiles: readonly string[];
  readonly trusted: boolean;
  readonly settings: TournamentSettings;
  /** The whole table's outcomes, in memory shared by every thread: each slice writes its own matches. */
  readonly outcomes: Float64Array;
  readonly from: number;
  readonly to: number;
}

export interface SliceResult {
  readonly from: number;
  readonly disqualified: readonly (readonly [number, string])[];
}

/** This thread's view of the tournament's table: its plan is laid out once, not once a slice (a million matches take 12 MB and a pass to plan). */
let threadTable: { readonly tournament: string; readonly table: MatchTable } | undefined;

/** A piscina task: plays matches [from, to) of the tournament's table, straight into the shared outcomes. */
export default async function playSlice(slice: TournamentSlice): Promise<SliceResult> {
  const strategies = await strategiesInThisThread(slice.strategyIds, slice.moduleFiles, slice.trusted);
  const { repetitions, selfPlay } = slice.settings;
  if (threadTable?.tournament !== slice.tournament) {
    threadTable = { tournament: slice.tournament, table: new MatchTable(strategies.length, repetitions, selfPlay, slice.outcomes) };
  }
  const table = threadTable.table;
  // Each slice disqualifies on its own evidence, as in a fresh table: which slices a thread played must not matter.
  table.disqualified.clear();
  playMatches(table, prepareContestants(strategies, slice.settings.game), slice.settings, slice.from, slice.to);
  return { from: slice.from, disqualified: [...table.disqualified] };
}
