import { Command, CommanderError } from 'commander';
import { FileSystemError, fileErrorReason } from '../formats/output.js';
import { printable } from '../core/printable.js';
import { InputError, StrategyFault } from '../core/errors.js';
import { cooplabVersion } from '../version.js';
import { addStrategiesCommand } from './strategies-command.js';
import { addClusterCommand } from './cluster-command.js';
import { addScenariosCommand } from './scenarios-command.js';
import { addPlayCommand } from './play-command.js';
import { addNewStrategyCommand } from './new-strategy-command.js';
import { addValidateCommand } from './validate-command.js';
import { addSweepCommands } from './sweep-command.js';
import { addPlotCommand } from './plot-command.js';
import { addHysteresisCommand } from './hysteresis-command.js';
import { addReportCommand } from './report-command.js';
import { addEvolveCommand } from './evolve-command.js';
import { addClassCommand } from './class-command.js';
import { addTournamentCommand } from './tournament-command.js';
import { addExercisesCommands } from './exercises-command.js';
import { didYouMean } from '../../strategies/registry.js';
import { releaseEarlyThreads } from './early-threads.js';

/** Exit codes: 0 done, 1 a run failed on the host's side, 2 the input was wrong. */
export const EXIT_INPUT = 2;
export const EXIT_FAILURE = 1;

export function buildProgram(): Command {
  const program = new Command('cooplab')
    .description("A lab for the iterated prisoner's dilemma between firms in an industrial cluster.")
    .version(cooplabVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);
  addTournamentCommand(program);
  addStrategiesCommand(program);
  addClusterCommand(program);
  addScenariosCommand(program);
  addPlayCommand(program);
  addNewStrategyCommand(program);
  addValidateCommand(program);
  addSweepCommands(program);
  addPlotCommand(program);
  addHysteresisCommand(program);
  addReportCommand(program);
  addEvolveCommand(program);
  addExercisesCommands(program);
  addClassCommand(program);
  program.option('--projector', 'the live demo for a projector: bigger cells, bold headline figures, time axes (p toggles it)');
  program.allowExcessArguments(true).action(async (options: { projector?: boolean }, command: Command) => {
    const [unknown] = command.args;
    if (unknown !== undefined) {
      const names = program.commands.map((sub) => sub.name());
      throw new InputError(`unknown command '${unknown}': expected one of ${names.join(', ')}${didYouMean(unknown, names)}`);
    }
    // The main job (`npm start`): the live training-first demo in a terminal; in a pipe, how to run it and what to run instead.
    const { runClusterCommand } = await import('./cluster-action.js');
    await runClusterCommand({ scenario: 'training-first', set: [], demo: true, projector: options.projector === true });
  });
  return program;
}

/** An error of the machine's from a file operation (open, write, mkdir, …), not a bug: say what and why. */
function isFileError(error: unknown): error is NodeJS.ErrnoException & { syscall: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function fail(message: string, code: number): never {
  // A last guard: whatever a message quotes (a flag value commander echoes, a module's text) is shown escaped.
  process.stderr.write(`cooplab: ${printable(message, 1000)}\n`);
  process.exit(code);
}

/** Runs the CLI: every expected failure is one line on stderr and a non-zero exit, never a stack trace. */
export async function main(argv: readonly string[]): Promise<void> {
  // `cooplab … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // Threads started early (bin/cooplab.js) for a tournament that did not play on them end before the process does.
    await releaseEarlyThreads();
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return;
      fail(error.message.replace(/^error: /, '').replace(/\n+/g, ' '), EXIT_INPUT);
    }
    if (error instanceof InputError) fail(error.message, EXIT_INPUT);
    if (error instanceof StrategyFault) fail(error.message, EXIT_FAILURE);
    if (error instanceof FileSystemError) fail(error.message, EXIT_FAILURE);
    // cluster-play-threads.ts's PlayThreadStopped, known by name: importing it would load the play threads into every command.
    if (error instanceof Error && error.name === 'PlayThreadStopped') fail(error.message, EXIT_FAILURE);
    if (isFileError(error)) {
      const what = error.path === undefined ? error.syscall : `${error.syscall} '${printable(error.path)}'`;
      fail(`cannot ${what}: ${fileErrorReason(error)}`, EXIT_FAILURE);
    }
    const detail = error instanceof Error ? error.message : String(error);
    fail(`internal error: ${detail} (set COOPLAB_DEBUG=1 for the stack trace)`, EXIT_FAILURE);
  }
  await releaseEarlyThreads();
}
