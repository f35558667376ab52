import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../core/tournament.js';
import { OUTCOME_SIZE } from '../core/match.js';
import { loadStrategyModules } from '../strategies/modules.js';
import { builtinStrategies, requireStrategies } from '../strategies/registry.js';
import type { Strategy } from '../strategies/api.js';

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

let modules: Promise<Strategy[]> | undefined;

/** A piscina task: plays matches [from, to) of the tournament's table. */
export default async function playSlice(slice: TournamentSlice): Promise<SliceResult> {
  modules ??=
    slice.moduleFiles.length === 0
      ? Promise.resolve([])
      : loadStrategyModules(slice.moduleFiles, { trusted: slice.trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) }).then((loaded) => [...loaded.strategies]);
  const strategies = requireStrategies(slice.strategyIds, [...builtinStrategies, ...(await modules)]);
  const table = new MatchTable(strategies.length, slice.settings.repetitions, slice.settings.selfPlay);
  playMatches(table, prepareContestants(strategies, slice.settings.game), slice.settings, slice.from, slice.to);
  return {
    from: slice.from,
    outcomes: table.outcomes.slice(slice.from * OUTCOME_SIZE, slice.to * OUTCOME_SIZE),
    disqualified: [...table.disqualified],
  };
}
