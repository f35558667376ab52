import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { checkGame, CLASSIC_GAME, type Game } from '../core/game.js';
import { InputError } from '../core/errors.js';
import { DEFAULT_TOURNAMENT, runTournament, type TournamentSettings } from '../core/tournament.js';
import type { Strategy } from '../core/strategy.js';
import { builtinStrategies, resolveStrategyList } from '../../strategies/registry.js';
import { interactive } from '../ui/shared/terminal.js';
import { cooplabVersion } from '../version.js';
import { emit, warn } from '../formats/output.js';
import { endProbability, formatChoice, payoffs, positiveInteger, probability, seedValue, type OutputFormat, outputPath } from './options.js';
import { printable } from '../core/printable.js';

export interface TournamentOptions {
  /** Built-in ids; default: the classic dozen, or none when modules are given. */
  strategies?: string;
  /** Strategy module files (--strategy, repeatable) and folders of them (--submissions). */
  strategy?: string[];
  submissions?: string;
  trusted?: boolean;
  /** Worker threads; default: the number of cores, for tournaments big enough to gain from them. */
  workers?: number;
  turns: number;
  probEnd?: number;
  repetitions: number;
  noise: number;
  payoffs: Game;
  allowAnyGame: boolean;
  seed: number;
  selfPlay: boolean;
  format: OutputFormat;
  out?: string;
}

/** Validates the game: an error unless --allow-any-game, a warning when alternating exploitation pays. */
export function checkedGame(game: Game, allowAnyGame: boolean): Game {
  const { errors, warnings } = checkGame(game);
  if (errors.length > 0 && !allowAnyGame) throw new InputError(`${errors[0]} (pass --allow-any-game to play it anyway)`);
  for (const message of warnings) warn(message);
  return game;
}

export function tournamentSettings(options: TournamentOptions): TournamentSettings {
  return {
    game: checkedGame(options.payoffs, options.allowAnyGame),
    turns: options.turns,
    probEnd: options.probEnd,
    noise: options.noise,
    repetitions: options.repetitions,
    selfPlay: options.selfPlay,
    seed: options.seed,
  };
}

/**
 * Plays a tournament. With `view` (a terminal, and no --format or --out) the live view shows
 * it being played; otherwise the plain output is printed.
 */
export async function runTournamentCommand(options: TournamentOptions, view = false): Promise<void> {
  const { strategies, problems, files } = await gatherStrategies(options);
  const settings = tournamentSettings(options);
  if (view) {
    // Ink and React load only here: headless runs never pay for them. React's development
    // build checks every render and is several times slower: a CLI runs the production one.
    process.env.NODE_ENV ??= 'production';
    const { launchTournament } = await import('../ui/tournament/launch.js');
    await launchTournament(strategies, settings);
    return;
  }
  const result = await playTournament(strategies, settings, options, files);
  const { disqualifiedName, tournamentCsv, tournamentJson, tournamentTable } = await import('../formats/tournament-result.js');
  const fileOf = new Map(strategies.map((strategy) => [strategy.id, moduleFiles.get(strategy) ?? null]));
  const disqualified = [
    ...problems.map((problem) => ({ file: problem.file, id: problem.id ?? null, reason: problem.reason })),
    // A --trusted module's own error messages, escaped and bounded like a sandboxed one's.
    ...result.disqualified.map((entry) => ({ file: fileOf.get(entry.id) ?? null, id: entry.id, reason: printable(entry.reason, 600) })),
  ];
  for (const entry of disqualified) warn(`disqualified ${disqualifiedName(entry)}: ${entry.reason}`);
  const text =
    options.format === 'json'
      ? tournamentJson(result, cooplabVersion(), disqualified)
      : options.format === 'csv'
        ? tournamentCsv(result)
        : tournamentTable(result, disqualified);
  emit(text, options.out);
}

/** Which file each strategy loaded from a module came from. */
const moduleFiles = new WeakMap<Strategy, string>();

/**
 * The built-in strategies named by --strategies and the modules given by --strategy and
 * --submissions. Modules that cannot be used are reported, not fatal.
 */
export async function gatherStrategies(options: Pick<TournamentOptions, 'strategies' | 'strategy' | 'submissions' | 'trusted'>) {
  const usesModules = options.strategy !== undefined || options.submissions !== undefined;
  const files = usesModules ? (await import('../modules/modules.js')).moduleFilesFrom(options) : [];
  const builtins =
    options.strategies !== undefined || files.length === 0 ? resolveStrategyList(options.strategies ?? 'classic', undefined, files.length > 0 ? 0 : 2) : [];
  if (files.length === 0) return { strategies: builtins, problems: [], files };
  const { loadStrategyModules } = await import('../modules/modules.js');
  const loaded = await loadStrategyModules(files, { trusted: options.trusted === true, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) });
  for (const strategy of loaded.strategies) moduleFiles.set(strategy, loaded.files.get(strategy.id)!);
  const strategies = [...builtins, ...loaded.strategies];
  if (strategies.length < 2) {
    const refused = loaded.problems.map((problem) => `${problem.file}: ${problem.reason}`).join('; ');
    throw new InputError(
      `only ${strategies.length} strategy can play${refused === '' ? '' : ` (${loaded.problems.length} module(s) refused: ${refused})`}: expected at least two (modules play only each other unless --strategies adds built-ins, e.g. --strategies classic)`,
    );
  }
  return { strategies, problems: loaded.problems, files };
}

/** In this thread, or on worker threads when asked to or when the tournament is big enough to gain. */
async function playTournament(strategies: readonly Strategy[], settings: TournamentSettings, options: TournamentOptions, files: readonly string[]) {
  const { PARALLEL_THRESHOLD_TURNS, runTournamentParallel } = await import('./tournament-parallel.js');
  const matches = ((strategies.length * (strategies.length + (settings.selfPlay ? 1 : -1))) / 2) * settings.repetitions;
  const turns = matches * (settings.probEnd === undefined ? settings.turns : 1 / settings.probEnd);
  const workers = options.workers ?? (turns >= PARALLEL_THRESHOLD_TURNS ? availableParallelism() : 1);
  if (workers <= 1) return runTournament(strategies, settings);
  return runTournamentParallel(strategies, settings, workers, { files, trusted: options.trusted === true });
}

export function addTournamentCommand(program: Command): void {
  program
    .command('tournament')
    .description('play a round-robin tournament of strategies and print the ranking')
    .option('-s, --strategies <ids>', "comma-separated built-in ids, 'classic' (the classic dozen, the default without modules) or 'all'")
    .option('--strategy <file>', 'a strategy module file (.ts or .js); repeatable', (value: string, previous: string[] = []) => [...previous, value])
    .option(
      '--submissions <dir>',
      "every strategy module in a folder (e.g. a class's submissions); with --strategy or --submissions only the modules play unless --strategies adds built-ins",
    )
    .option('--trusted', 'run module files in-process at full speed instead of in the sandbox (only for code you trust)')
    .option(
      '--workers <n>',
      'worker threads (default: the number of cores, for tournaments of 20 million turns or more; at most 4 per core and one per slice of 2 million turns)',
      positiveInteger,
    )
    .option('-t, --turns <n>', 'rounds per match', positiveInteger, DEFAULT_TOURNAMENT.turns)
    .option('--prob-end <p>', 'end each match after a round with probability p instead of a fixed length', endProbability)
    .option('-r, --repetitions <n>', 'matches per pair of strategies', positiveInteger, DEFAULT_TOURNAMENT.repetitions)
    .option('--noise <p>', 'probability that each chosen move is flipped', probability, DEFAULT_TOURNAMENT.noise)
    .option('--payoffs <R,S,T,P>', 'payoff matrix', payoffs, CLASSIC_GAME)
    .option('--allow-any-game', "accept payoffs that are not a prisoner's dilemma (T > R > P > S)", false)
    .option('--seed <n>', 'root seed of every random stream', seedValue, DEFAULT_TOURNAMENT.seed)
    .option('--no-self-play', 'do not play each strategy against a copy of itself')
    .option('-f, --format <format>', 'table, json or csv (one row per match)', formatChoice(['table', 'json', 'csv']), 'table')
    .option('-o, --out <file>', 'write the result to a file instead of stdout', outputPath('--out', 'a file path'))
    .action((options: TournamentOptions, command: Command) => {
      const plain = command.getOptionValueSource('format') !== 'default' || options.out !== undefined;
      return runTournamentCommand(options, !plain && interactive());
    });
}
