import type { GenerationRecord } from '../cluster/model.js';
import { runScenario } from '../cluster/run.js';
import { withOverrides, type Scenario } from '../cluster/scenario.js';
import { parseGridAxis } from '../cluster/sweep.js';
import { shellQuote } from './shell-quote.js';
import { checkGame, CLASSIC_GAME, type Game } from '../core/game.js';
import { InputError } from '../core/errors.js';
import { fieldAgainst, InteractiveMatch, placeInField, type InteractiveMatchSettings, type PlayedRound } from '../core/interactive-match.js';
import { runTournament, type TournamentResult, type TournamentSettings } from '../core/tournament.js';
import type { Move, Strategy } from '../core/strategy.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import { choiceFor, formatShare, type PlayTask, type PredictTask, type StrategyTask, type TippingTask } from './exercise.js';

/**
 * The runs behind the task kinds. Every outcome a student sees is computed here from a real
 * run of the project's code (the cluster lattice, the tournament core, play mode), never
 * stored in the exercise. No I/O: scenarios and strategy modules are loaded by the caller.
 */

/** A re-thrown InputError with the exercise field it came from in front. */
export function underField<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${field}: ${error.message}`);
    throw error;
  }
}

/** Exercise overrides as --set arguments: JSON values read back exactly by parseValue. */
export function assignmentsOf(set: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(set).map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/** A predict or tipping task made ready to run: the configured scenario, its pool, the seed and the series it reads. */
export interface ClusterPlan {
  readonly scenario: Scenario;
  readonly strategies: readonly Strategy[];
  readonly seed: number;
  /** Generations run (rows 0..generations). */
  readonly generations: number;
  /** The generation whose value counts. */
  readonly at: number;
  readonly metric: string;
  readonly read: (record: GenerationRecord) => number;
  /** The --set arguments that reproduce the run with `cooplab cluster`. */
  readonly assignments: readonly string[];
}

export interface PlanOptions {
  /** Extra --set overrides from the command line, applied after the exercise's own. */
  readonly set?: readonly string[] | undefined;
  readonly seed?: number | undefined;
}

function metricReader(metric: string, scenario: Scenario): (record: GenerationRecord) => number {
  if (metric === 'cooperation') return (record) => record.cooperation;
  if (metric === 'mutual_cooperation') return (record) => record.mutualCooperation;
  if (metric === 'mean_trust') return (record) => record.meanTrust;
  const [family, name] = [metric.slice(0, metric.indexOf(':')), metric.slice(metric.indexOf(':') + 1)];
  const names = family === 'share' ? Object.keys(scenario.parameters.strategies) : scenario.parameters.activities.map((activity) => activity.name);
  const index = names.indexOf(name);
  if (index < 0) {
    throw new InputError(
      `task.metric: got "${metric}", expected ${family}:<${family === 'share' ? 'strategy id' : 'activity'}> of the scenario (${names.join(', ')})`,
    );
  }
  return family === 'share' ? (record) => record.strategies[index]! : (record) => record.activities[index]!;
}

export function planClusterTask(task: PredictTask | TippingTask, base: Scenario, options: PlanOptions = {}): ClusterPlan {
  const own = assignmentsOf(task.set);
  const configured = underField('task.set', () => withOverrides(base, own));
  const scenario = withOverrides(configured, options.set ?? []);
  const strategies = underField("the scenario's strategy mix", () => requireStrategies(Object.keys(scenario.parameters.strategies)));
  const generations = task.kind === 'tipping' ? task.at : (task.generations ?? task.at ?? scenario.generations);
  const at = task.at ?? generations;
  if (at > generations) throw new InputError(`task.at: got ${at}, expected at most the generations run (${generations})`);
  return {
    scenario,
    strategies,
    seed: options.seed ?? task.seed ?? scenario.seed,
    generations,
    at,
    metric: task.metric,
    read: metricReader(task.metric, scenario),
    assignments: [...own, ...(options.set ?? [])],
  };
}

/** The command that shows the same cluster run, to explore it in the live view. */
export function clusterCommand(plan: ClusterPlan, scenario: string, extra: readonly string[] = []): string {
  const sets = [...plan.assignments, ...extra].flatMap((assignment) => ['--set', shellQuote(assignment)]);
  return ['cooplab cluster --scenario', shellQuote(scenario), ...sets, '--seed', String(plan.seed), '--generations', String(plan.generations)].join(' ');
}

function runSeries(plan: ClusterPlan, scenario: Scenario = plan.scenario): number[] {
  return runScenario(scenario, plan.strategies, { seed: plan.seed, generations: plan.generations }).records.map(plan.read);
}

export interface PredictOutcome {
  /** The metric at generation `at`. */
  readonly value: number;
  /** The index of the choice whose range holds it. */
  readonly correct: number;
  readonly at: number;
  /** The metric in every generation run, for the chart. */
  readonly series: readonly number[];
}

export function runPredict(task: PredictTask, plan: ClusterPlan): PredictOutcome {
  const series = runSeries(plan);
  const value = series[plan.at]!;
  return { value, correct: choiceFor(task.choices, value), at: plan.at, series };
}

export interface TippingTry {
  readonly value: number;
  /** The metric at the task's generation. */
  readonly reading: number;
  readonly tipped: boolean;
}

/**
 * The search for the smallest value that tips the cluster. Each value proposed is run; the
 * answer is the first value of the grid, from the smallest, whose run tips: found by running,
 * never stored in the exercise.
 */
export class TippingSearch {
  readonly task: TippingTask;
  readonly plan: ClusterPlan;
  /** The grid, smallest first. */
  readonly values: readonly number[];
  private readonly runs = new Map<number, TippingTry>();
  private solved: { readonly value: number | undefined } | undefined;

  constructor(task: TippingTask, plan: ClusterPlan) {
    this.task = task;
    this.plan = plan;
    const { from, to, step } = task.grid;
    this.values = underField('task.grid', () => parseGridAxis(`${task.parameter}=${from}:${to}:${step}`).values as number[]);
    // Every value of the grid must be a valid setting, so that no proposal fails half-way through a class.
    for (const value of this.values) underField('task.parameter', () => this.scenarioAt(value));
  }

  private scenarioAt(value: number): Scenario {
    return withOverrides(this.plan.scenario, [`${this.task.parameter}=${value}`]);
  }

  /** The grid value a proposal names; an InputError when it is off the grid. */
  onGrid(value: number): number {
    const { from, to, step } = this.task.grid;
    const match = this.values.find((candidate) => Math.abs(candidate - value) <= step * 1e-6);
    if (match === undefined || !Number.isFinite(value)) {
      throw new InputError(`${this.task.parameter} ${value} is not on the exercise's grid: expected a value from ${from} to ${to} in steps of ${step}`);
    }
    return match;
  }

  attempt(proposed: number): TippingTry {
    const value = this.onGrid(proposed);
    let result = this.runs.get(value);
    if (result === undefined) {
      const reading = runSeries(this.plan, this.scenarioAt(value))[this.plan.at]!;
      result = { value, reading, tipped: reading >= this.task.threshold };
      this.runs.set(value, result);
    }
    return result;
  }

  /** The smallest tipping value of the grid, or undefined when no value tips. */
  answer(): number | undefined {
    if (this.solved === undefined) {
      const value = this.values.find((candidate) => this.attempt(candidate).tipped);
      this.solved = { value };
    }
    return this.solved.value;
  }

  /** Where the student stands, in a sentence: found, or what to try next. */
  status(tries: readonly TippingTry[]): string {
    const { parameter, grid } = this.task;
    if (this.found(tries)) return `Found: ${this.answer()} is the smallest ${parameter} on the grid that tips the cluster.`;
    const tipped = tries.filter((entry) => entry.tipped).map((entry) => entry.value);
    if (tipped.length === 0) {
      const largest = this.values[this.values.length - 1]!;
      if (tries.some((entry) => entry.value === largest)) return `Not even ${largest}, the largest ${parameter} on the grid, tips this cluster.`;
      return tries.length === 0 ? `Propose a value of ${parameter}.` : `None of the values you tried tips the cluster: try larger ones (up to ${grid.to}).`;
    }
    const smallest = Math.min(...tipped);
    const below = this.below(smallest)!;
    if (tries.some((entry) => entry.value === below)) return `${below} does not tip, but a smaller value than ${smallest} does: keep looking lower.`;
    return `${smallest} tips the cluster. Is it the smallest? Try smaller values (the grid goes down to ${grid.from} in steps of ${grid.step}).`;
  }

  /** What the rule is, in a sentence. */
  describeRule(): string {
    const { parameter, grid, threshold } = this.task;
    return `Try values of ${parameter} from ${grid.from} to ${grid.to} in steps of ${grid.step}; the cluster tips when ${this.plan.metric} at generation ${this.plan.at} is at least ${formatShare(threshold)}.`;
  }

  /** The grid value just below `value`, if any. */
  below(value: number): number | undefined {
    const index = this.values.indexOf(value);
    return index > 0 ? this.values[index - 1] : undefined;
  }

  /**
   * Whether the tries prove the smallest tipping value: it was tried and tipped, and the value
   * just below it on the grid was tried and did not (or it is the grid's first value).
   */
  found(tries: readonly TippingTry[]): boolean {
    const answer = this.answer();
    if (answer === undefined || !tries.some((entry) => entry.value === answer && entry.tipped)) return false;
    const below = this.below(answer);
    return below === undefined || tries.some((entry) => entry.value === below && !entry.tipped);
  }
}

/** The activity of play mode's scenario an exercise plays, if any. */
export interface PlayActivity {
  readonly name: string;
  readonly lowRisk: boolean;
  readonly description?: string | undefined;
}

/** A task checked and made ready to run: what `cooplab exercises --check` proves for a file. */
export type PreparedTask =
  | { readonly kind: 'play'; readonly task: PlayTask; readonly game: PlayGame; readonly activity: PlayActivity | undefined }
  | { readonly kind: 'predict'; readonly task: PredictTask; readonly plan: ClusterPlan }
  | { readonly kind: 'tipping'; readonly task: TippingTask; readonly search: TippingSearch }
  | { readonly kind: 'strategy'; readonly task: StrategyTask; readonly plan: StrategyPlan };

/** A strategy task made ready: the field and the tournament's settings. */
export interface StrategyPlan {
  readonly field: readonly Strategy[];
  readonly settings: TournamentSettings;
}

/** An exercise's payoffs, refused unless they are a prisoner's dilemma (exercises have no --allow-any-game). */
export function checkedPayoffs(game: Game | undefined): Game | undefined {
  const [problem] = game === undefined ? [] : checkGame(game).errors;
  if (problem !== undefined) throw new InputError(`task.payoffs: ${problem}`);
  return game;
}

export function planStrategyTask(task: StrategyTask, options: PlanOptions = {}): StrategyPlan {
  const field = underField('task.field', () => requireStrategies(task.field, builtinStrategies, 'the field'));
  const game = checkedPayoffs(task.payoffs) ?? CLASSIC_GAME;
  return {
    field,
    settings: {
      game,
      turns: task.turns,
      probEnd: undefined,
      noise: task.noise,
      repetitions: task.repetitions,
      selfPlay: true,
      seed: options.seed ?? task.seed,
    },
  };
}

export interface StrategyOutcome {
  readonly result: TournamentResult;
  readonly id: string;
  /** The tournament's rank: the student's strategy plays last, so a tie ranks it below: the goal is to beat, not to match. */
  readonly rank: number;
  readonly of: number;
  readonly goal: number;
  readonly passed: boolean;
  /** Why the strategy was disqualified during the tournament, if it was. */
  readonly disqualified: string | undefined;
}

/** The field plus the student's strategy. */
export function runStrategyTask(task: StrategyTask, plan: StrategyPlan, student: Strategy): StrategyOutcome {
  const result = runTournament([...plan.field, student], plan.settings);
  const disqualified = result.disqualified.find((entry) => entry.id === student.id)?.reason;
  const rank = result.summaries.find((summary) => summary.id === student.id)!.rank;
  return {
    result,
    id: student.id,
    rank,
    of: result.strategies.length,
    goal: task.goal.rank,
    passed: disqualified === undefined && rank <= task.goal.rank,
    disqualified,
  };
}

/** The built-ins outside the field that reach the goal in the student's seat: proof for the teacher that the goal can be met. */
export function passingBuiltins(task: StrategyTask, plan: StrategyPlan): string[] {
  const inField = new Set(plan.field.map((strategy) => strategy.id));
  return builtinStrategies.filter((strategy) => !inField.has(strategy.id) && runStrategyTask(task, plan, strategy).passed).map((strategy) => strategy.id);
}

/** The field alone: the teacher's view of the bar to clear. */
export function runField(plan: StrategyPlan): TournamentResult {
  return runTournament(plan.field, plan.settings);
}

/** A game of play mode ready to play: the hidden opponent, the settings, and every other built-in for the comparison. */
export interface PlayGame {
  readonly opponent: Strategy;
  readonly settings: InteractiveMatchSettings;
  readonly others: readonly Strategy[];
}

export interface PlayOutcome {
  readonly opponent: Strategy;
  readonly rounds: readonly PlayedRound[];
  readonly scores: readonly [number, number];
  /** Rounds in which both co-operated. */
  readonly mutual: number;
  /** The student's place among the other built-ins over the same rounds (ties share a rank). */
  readonly rank: number;
  readonly of: number;
}

/** The outcome of a finished game: the student placed among how every other built-in would have fared. */
export function playOutcome(game: PlayGame, rounds: readonly PlayedRound[], scores: readonly [number, number]): PlayOutcome {
  const placed = placeInField(fieldAgainst(game.opponent, game.others, game.settings), scores[0], scores[1]);
  const you = placed.find((row) => row.kind === 'you')!;
  const mutual = rounds.filter((round) => round.human === 'C' && round.opponent === 'C').length;
  return { opponent: game.opponent, rounds, scores, mutual, rank: you.rank, of: placed.length };
}

/**
 * Plays a whole game from a list of moves (plain mode). The moves must last the game: exactly
 * its rounds, or, when it ends by chance, at least until it ends (the rest are not played).
 */
export function playMoves(game: PlayGame, moves: readonly Move[]): PlayOutcome {
  const match = new InteractiveMatch(game.opponent, game.settings);
  const fixed = game.settings.probEnd === undefined;
  if (fixed ? moves.length !== match.length : moves.length < match.length) {
    throw new InputError(
      fixed
        ? `--moves has ${moves.length} move${moves.length === 1 ? '' : 's'}: expected exactly ${match.length}, one C or D per round`
        : `--moves has ${moves.length} move${moves.length === 1 ? '' : 's'} but the game is not over after ${moves.length} rounds: expected more moves`,
    );
  }
  const rounds: PlayedRound[] = [];
  for (const move of moves.slice(0, match.length)) rounds.push(match.play(move));
  return playOutcome(game, rounds, match.state.scores);
}
