import type { Command } from 'commander';
import type { ExerciseOptions } from './exercise-action.js';
import { formatChoice, seedValue } from './options.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `cooplab exercises` (the pack, or --check a teacher's files) and `cooplab exercise ID|FILE`. */
export function addExercisesCommands(program: Command): void {
  program
    .command('exercises')
    .description('list the guided exercises for a class, or check exercise files a teacher wrote')
    .option('-f, --format <format>', 'table or json', formatChoice(['table', 'json']), 'table')
    .option('--check <file|dir>', 'validate exercise files (a file, or every .json in a folder) as cooplab exercise would run them')
    .action(async (options: { format: 'table' | 'json'; check?: string }) => {
      // The cluster model and the tournament core load only when an exercise is checked or run.
      if (options.check !== undefined) await (await import('./exercise-action.js')).checkExercises(options.check);
      else await (await import('./exercise-pack.js')).listExercises(options.format);
    });
  program
    .command('exercise <id|file>')
    .description('run a guided exercise: briefing, task, run, questions (step by step in a terminal, as text otherwise)')
    .option('--plain', 'plain text even in a terminal, with the answers from the options below')
    .option('--answer <value>', 'predict: your choice (a, b, …); tipping: a value to try (repeatable, tried in order)', collect, [])
    .option('--moves <moves>', 'play: your moves, one C or D per round, such as CCDC')
    .option('--strategy <file>', 'strategy: your strategy module (.ts or .js)')
    .option('--trusted', 'run the strategy module in-process instead of in the sandbox (only for code you trust)')
    .option('--seed <n>', "seed of the run (play: of the hidden opponent; default: the exercise's, or a fresh one for play)", seedValue)
    .option('--set <path=value>', 'predict and tipping: change a parameter of the cluster, as in cooplab cluster (repeatable)', collect, [])
    .option('--solve', "teacher's view: run the task and print the computed answer")
    .action(async (idOrFile: string, options: ExerciseOptions) => {
      const { runExerciseCommand } = await import('./exercise-action.js');
      await runExerciseCommand(idOrFile, options);
    });
}
