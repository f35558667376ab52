import { randomInt } from 'node:crypto';
import { InputError } from '../core/errors.js';
import { parseChoice, type TaskKind } from '../classroom/exercise.js';
import {
  checkedPayoffs,
  planClusterTask,
  planStrategyTask,
  playMoves,
  runPredict,
  runStrategyTask,
  TippingSearch,
  underField,
  type PreparedTask,
} from '../classroom/exercise-tasks.js';
import type { Move, Strategy } from '../core/strategy.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import { interactive } from '../ui/shared/terminal.js';
import { exerciseFilesIn, loadExercise, scenarioFor, type LoadedExercise } from '../formats/exercise-file.js';
import * as text from './exercise-text.js';
import { emit } from '../formats/output.js';
import { preparePlay } from './play-command.js';

export interface ExerciseOptions {
  plain?: boolean;
  /** predict: the choice; tipping: the values to try, in order. */
  answer: string[];
  moves?: string;
  strategy?: string;
  trusted?: boolean;
  seed?: number;
  set: string[];
  solve?: boolean;
}

/** Runs `work` and puts the exercise's origin in front of any InputError, so the line names the file. */
async function fromExercise<T>(origin: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${origin}: ${error.message}`);
    throw error;
  }
}

/**
 * Checks an exercise's task against the project (scenarios, parameters, strategies, payoffs)
 * and makes it ready to run, without running it. `set` and `seed` come from the command line.
 */
export async function prepareTask(loaded: LoadedExercise, options: { seed?: number | undefined; set?: readonly string[] } = {}): Promise<PreparedTask> {
  const task = loaded.exercise.task;
  const prepared = await fromExercise(loaded.origin, async (): Promise<PreparedTask> => {
    switch (task.kind) {
      case 'play': {
        const pool = underField('task.opponents', () => requireStrategies(task.opponents, builtinStrategies, 'the opponents'));
        const setup = await preparePlay(
          {
            rounds: task.rounds,
            probEnd: task.probEnd,
            payoffs: checkedPayoffs(task.payoffs),
            activity: task.activity,
            allowAnyGame: false,
            seed: options.seed ?? task.seed,
            pool,
          },
          () => randomInt(1, 1_000_000),
        ).catch((error: unknown) => {
          throw error instanceof InputError ? new InputError(`task: ${error.message}`) : error;
        });
        return { kind: 'play', task, game: { opponent: setup.opponent, settings: setup.settings, others: setup.others }, activity: setup.activity };
      }
      case 'predict':
        return { kind: 'predict', task, plan: planClusterTask(task, scenarioFor(loaded, task.scenario), { seed: options.seed }) };
      case 'tipping':
        return { kind: 'tipping', task, search: new TippingSearch(task, planClusterTask(task, scenarioFor(loaded, task.scenario), { seed: options.seed })) };
      case 'strategy':
        return { kind: 'strategy', task, plan: planStrategyTask(task, { seed: options.seed }) };
    }
  });
  // The command line's --set is the user's, not the file's: its errors name no exercise field.
  if (options.set === undefined || options.set.length === 0) return prepared;
  if (prepared.kind === 'predict') return { ...prepared, plan: planClusterTask(prepared.task, scenarioFor(loaded, prepared.task.scenario), options) };
  if (prepared.kind === 'tipping')
    return { ...prepared, search: new TippingSearch(prepared.task, planClusterTask(prepared.task, scenarioFor(loaded, prepared.task.scenario), options)) };
  throw new InputError(`--set changes the cluster of a predict or tipping exercise: '${loaded.exercise.id}' is a ${prepared.kind} exercise`);
}

/**
 * `cooplab exercises --check FILE|DIR`: each file is read, validated and its task prepared
 * exactly as `cooplab exercise FILE` would; one line per file, a problem as `cooplab: …`.
 */
export async function checkExercises(target: string): Promise<void> {
  let failed = 0;
  for (const file of exerciseFilesIn(target)) {
    try {
      const loaded = loadExercise(file);
      await prepareTask(loaded);
      process.stdout.write(`ok  ${file} (${loaded.exercise.id}, ${loaded.exercise.task.kind})\n`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      process.stderr.write(`cooplab: ${error.message}\n`);
    }
  }
  if (failed > 0) process.exitCode = 2;
}

/** Options that only make sense for some kinds of task: a mistake is named, not ignored. */
function checkOptionsFit(kind: TaskKind, id: string, options: ExerciseOptions): void {
  const misplaced: [boolean, string, TaskKind[]][] = [
    [options.answer.length > 0, '--answer', ['predict', 'tipping']],
    [options.moves !== undefined, '--moves', ['play']],
    [options.strategy !== undefined, '--strategy', ['strategy']],
  ];
  for (const [given, option, kinds] of misplaced) {
    if (given && !kinds.includes(kind)) {
      throw new InputError(`${option} is for ${kinds.join(' and ')} exercises: '${id}' is a ${kind} exercise (${text.answerHint(kind)})`);
    }
  }
  if (kind === 'predict' && options.answer.length > 1)
    throw new InputError(`--answer given ${options.answer.length} times: a predict exercise takes one prediction`);
}

function parseMoves(given: string): Move[] {
  const moves = given.replace(/[\s,]/g, '').toUpperCase();
  if (moves === '' || !/^[CD]+$/.test(moves)) throw new InputError(`invalid --moves '${given}': expected a string of C and D, one per round, such as CCDC`);
  return [...moves] as Move[];
}

function parseValueOnGrid(answer: string, search: TippingSearch): number {
  const value = answer.trim() === '' ? Number.NaN : Number(answer);
  if (!Number.isFinite(value)) throw new InputError(`invalid --answer '${answer}': expected a number for ${search.task.parameter}`);
  return search.onGrid(value);
}

async function loadStudent(file: string, trusted: boolean): Promise<Strategy> {
  const { loadStrategyModules } = await import('../modules/modules.js');
  const loaded = await loadStrategyModules([file], { trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) });
  const [problem] = loaded.problems;
  if (problem !== undefined) throw new InputError(`strategy module '${problem.file}' refused: ${problem.reason}`);
  return loaded.strategies[0]!;
}

/** `cooplab exercise ID|FILE`: the Ink flow in a terminal, otherwise the plain run from the options. */
export async function runExerciseCommand(idOrFile: string, options: ExerciseOptions): Promise<void> {
  const loaded = loadExercise(idOrFile);
  const { exercise } = loaded;
  checkOptionsFit(exercise.task.kind, exercise.id, options);
  const prepared = await prepareTask(loaded, { seed: options.seed, set: options.set });
  const student =
    options.strategy === undefined ? undefined : { file: options.strategy, strategy: await loadStudent(options.strategy, options.trusted === true) };
  const answered = options.answer.length > 0 || options.moves !== undefined || options.solve === true;
  if (options.plain !== true && !answered && interactive()) {
    process.env.NODE_ENV ??= 'production';
    const { launchExercise } = await import('../ui/exercise/launch.js');
    await launchExercise(exercise, prepared, student);
    return;
  }
  emit(plainRun(loaded, prepared, options, student?.strategy), undefined);
}

/** The whole exercise as text: briefing, task, the run when the options answer it, questions. */
function plainRun(loaded: LoadedExercise, prepared: PreparedTask, options: ExerciseOptions, student: Strategy | undefined): string {
  const { exercise } = loaded;
  const parts = [text.heading(exercise), text.briefing(exercise), text.task(exercise, prepared)];
  switch (prepared.kind) {
    case 'play':
      if (options.solve === true) parts.push(text.playSolution(prepared));
      else if (options.moves !== undefined) parts.push(text.playResult(prepared, playMoves(prepared.game, parseMoves(options.moves))));
      else parts.push(text.waiting(exercise, prepared));
      break;
    case 'predict': {
      const chosen = options.answer[0] === undefined ? undefined : parseChoice(options.answer[0], prepared.task.choices, '--answer');
      if (chosen === undefined && options.solve !== true) parts.push(text.waiting(exercise, prepared));
      else parts.push(text.predictResult(prepared, runPredict(prepared.task, prepared.plan), chosen));
      break;
    }
    case 'tipping': {
      const values = options.answer.map((answer) => parseValueOnGrid(answer, prepared.search));
      const tries = values.map((value) => prepared.search.attempt(value));
      if (tries.length > 0) parts.push(text.tippingResult(prepared, tries));
      if (options.solve === true) parts.push(text.tippingSolution(prepared));
      if (tries.length === 0 && options.solve !== true) parts.push(text.waiting(exercise, prepared));
      break;
    }
    case 'strategy':
      if (student !== undefined) parts.push(text.strategyResult(runStrategyTask(prepared.task, prepared.plan, student), options.strategy!));
      if (options.solve === true) parts.push(text.strategySolution(prepared));
      if (student === undefined && options.solve !== true) parts.push(text.waiting(exercise, prepared));
      break;
  }
  parts.push(text.questions(exercise));
  return `${parts.join('\n\n')}\n`;
}
