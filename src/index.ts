/**
 * cooplab as a library: everything a researcher needs to run tournaments, the cluster lattice
 * and population dynamics from their own code, and everything a strategy module may use.
 * See docs/library.md for a guided example. The CLI (`cooplab …`) is built on these same calls,
 * so a library run with the same seed and inputs gives exactly the CLI's numbers.
 *
 * @packageDocumentation
 */

// The strategy contract: what a strategy is and what it sees.
export type {
  ActivityView,
  Classifier,
  ClusterContext,
  FiniteStateMachine,
  MachineContext,
  Move,
  MoveHistory,
  MoveView,
  ParameterSpec,
  ParameterValues,
  Player,
  SanctionsView,
  Strategy,
} from './core/strategy.js';
export { resolveParameters } from './core/strategy.js';

// Errors: bad input from a user, and a strategy that broke the rules.
export { InputError, StrategyFault } from './core/errors.js';

// Authoring helpers (also what a sandboxed module gets from `import 'cooplab'`).
export { defineStrategy, finiteStateStrategy, memoryOneMachine, memoryOneStrategy, ReplayingPlayer, type MemoryOneVector } from './authoring/define.js';

// Games, matches, tournaments and seeded randomness.
export { CLASSIC_GAME, checkGame, isPrisonersDilemma, type Game, type GameCheck } from './core/game.js';
export { playMatch, prepareContestant, type MatchResult, type MatchSettings } from './core/match.js';
export {
  DEFAULT_TOURNAMENT,
  runTournament,
  type MatchRecord,
  type StrategySummary,
  type TournamentResult,
  type TournamentSettings,
} from './core/tournament.js';
export { deriveStream, type RandomSource } from './core/random.js';

// The built-in library.
export { builtinStrategies, classicStrategies, findStrategy, requireStrategies, resolveStrategyList } from '../strategies/registry.js';
export { playAgainst, type PlayAgainstOptions } from '../strategies/play-against.js';

// The spatial cluster model.
export { ClusterModel, type ClusterEvent, type ClusterSetup, type GenerationRecord, type LoggedEvent } from './cluster/model.js';
export { runScenario, type ClusterRun } from './cluster/run.js';
export { DEFAULT_PARAMETERS, parametersSchema, validateParameters, withParameter, type ActivitySpec, type ClusterParameters } from './cluster/parameters.js';
export { parseScenario, withOverrides, yearOf, type Scenario, type YearScale } from './cluster/scenario.js';
export { loadScenario, presetNames } from './formats/scenario-file.js';

// Well-mixed population dynamics.
export {
  ecological,
  generational,
  moranGame,
  moranProcess,
  payoffMatrix,
  type MoranFitness,
  type MoranOptions,
  type PopulationRun,
  type PopulationSettings,
} from './population/dynamics.js';
