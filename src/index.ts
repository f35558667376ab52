/**
 * cooplab's public API. A strategy module needs only the types below; the helpers build
 * finite-state and memory-one strategies that the engine plays on its fast path.
 */
export type {
  ActivityView,
  Classifier,
  ClusterContext,
  FiniteStateMachine,
  MachineContext,
  Game,
  Move,
  MoveHistory,
  MoveView,
  ParameterSpec,
  ParameterValues,
  Player,
  SanctionsView,
  Strategy,
} from './core/strategy.js';
export {
  defineStrategy,
  finiteStateStrategy,
  memoryOneStrategy,
  memoryOneMachine,
  ReplayingPlayer,
  type MemoryOneVector,
} from './authoring/define.js';
export { CLASSIC_GAME } from './core/game.js';
export { runTournament, type TournamentResult, type TournamentSettings, type StrategySummary, type MatchRecord } from './core/tournament.js';
export { playMatch, prepareContestant, type MatchResult, type MatchSettings } from './core/match.js';
export { builtinStrategies, classicStrategies } from '../strategies/registry.js';
export { playAgainst, type PlayAgainstOptions } from '../strategies/play-against.js';
