import { availableParallelism } from 'node:os';
import { startEarlySweepThreads } from './sweep-threads.js';
import { startEarlyTournamentThreads } from './tournament-threads.js';
import { PARALLEL_THRESHOLD_TURNS, roundRobinMatches, tournamentSlices } from './tournament-slices.js';
import { THREADS_PER_CORE } from './worker-threads.js';

/**
 * The early start of a tournament's or a sweep's worker threads, from bin/cooplab.js before the
 * CLI is loaded: a worker's start (Node's own, then its imports) then runs on the other core while
 * this thread loads the CLI, instead of after it. It reads only what it must from the command
 * line, and starts threads only for work that will use them: a tournament with an explicit
 * `--workers N` (N ≥ 2), or none and one big enough for the automatic choice, never for the live
 * view or modules (their strategies are known only once loaded); a sweep of at least two tasks
 * on `--workers N` or, by default, the cores. A guess that turns out wrong (a sweep resumed with
 * nothing left to run) costs a thread that is ended unused: the command itself decides, as
 * before, on the options as parsed.
 */

/** The tournament command's defaults and the classic dozen's size (tests/cli/early-start.test.ts holds them to the sources). */
export const EARLY_DEFAULTS = { turns: 200, repetitions: 10, classic: 12 } as const;

/** The tournament's options that take a value, by every name they go by. */
const TOURNAMENT_VALUED = new Map([
  ['-s', '--strategies'],
  ['--strategies', '--strategies'],
  ['--strategy', '--strategy'],
  ['--submissions', '--submissions'],
  ['--workers', '--workers'],
  ['-t', '--turns'],
  ['--turns', '--turns'],
  ['--prob-end', '--prob-end'],
  ['-r', '--repetitions'],
  ['--repetitions', '--repetitions'],
  ['--noise', '--noise'],
  ['--payoffs', '--payoffs'],
  ['--seed', '--seed'],
  ['-f', '--format'],
  ['--format', '--format'],
  ['-o', '--out'],
  ['--out', '--out'],
]);

/** The sweep's options that take a value, by every name they go by. */
const SWEEP_VALUED = new Map([
  ['--scenario', '--scenario'],
  ['--grid', '--grid'],
  ['--seeds', '--seeds'],
  ['-g', '--generations'],
  ['--generations', '--generations'],
  ['--seed', '--seed'],
  ['--size', '--size'],
  ['--set', '--set'],
  ['-o', '--out'],
  ['--out', '--out'],
  ['--workers', '--workers'],
  ['--shard', '--shard'],
  ['--strategy', '--strategy'],
  ['--submissions', '--submissions'],
]);

/** Every value of each option on a command line, by the option's long name; undefined for help or anything unexpected. */
function commandOptions(args: readonly string[], valued: ReadonlyMap<string, string>): Map<string, string[]> | undefined {
  const options = new Map<string, string[]>();
  const add = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let k = 0; k < args.length; k++) {
    const token = args[k]!;
    if (token === '--') break;
    if (token === '-h' || token === '--help') return undefined;
    if (!token.startsWith('-')) continue;
    const equals = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = equals > 0 ? token.slice(0, equals) : token.startsWith('--') ? token : token.slice(0, 2);
    const long = valued.get(name);
    if (long === undefined) {
      add(name, '');
      continue;
    }
    // --name=value, -tvalue, or the next argument.
    const attached = equals > 0 ? token.slice(equals + 1) : !token.startsWith('--') && token.length > 2 ? token.slice(2) : undefined;
    const value = attached ?? args[++k];
    if (value === undefined) return undefined;
    add(long, value);
  }
  return options;
}

/** The last value of an option (the one commander keeps), if given. */
const last = (options: ReadonlyMap<string, readonly string[]>, name: string) => options.get(name)?.at(-1);

/** How many strategies a --strategies list names, when that is known without the registry ('classic' is; 'all' is not). */
function strategyCount(list: string): number | undefined {
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.includes('all')) return undefined;
  return ids.reduce((count, id) => count + (id === 'classic' ? EARLY_DEFAULTS.classic : 1), 0);
}

const wholeNumber = (text: string | undefined, fallback: number) => (text === undefined ? fallback : /^\d+$/.test(text) ? Number(text) : Number.NaN);

/**
 * How many worker threads a command line's tournament will play on, known before the CLI is
 * loaded; 0 when it is not a tournament, will play on this thread alone, or cannot be told.
 */
export function earlyTournamentWorkers(argv: readonly string[], cores: number, interactive: boolean): number {
  if (argv[0] !== 'tournament') return 0;
  const options = commandOptions(argv.slice(1), TOURNAMENT_VALUED);
  if (options === undefined || options.has('--strategy') || options.has('--submissions')) return 0;
  if (interactive && !options.has('--format') && !options.has('--out')) return 0;
  const strategies = strategyCount(last(options, '--strategies') ?? 'classic');
  const turns = wholeNumber(last(options, '--turns'), EARLY_DEFAULTS.turns);
  const repetitions = wholeNumber(last(options, '--repetitions'), EARLY_DEFAULTS.repetitions);
  const probEnd = options.has('--prob-end') ? Number(last(options, '--prob-end')) : undefined;
  const turnsPerMatch = probEnd === undefined ? turns : 1 / probEnd;
  if (strategies === undefined || !(strategies >= 2 && turnsPerMatch > 0 && repetitions > 0)) return 0;
  const matches = roundRobinMatches(strategies, repetitions, !options.has('--no-self-play'));
  const requested = options.has('--workers') ? wholeNumber(last(options, '--workers'), 1) : matches * turnsPerMatch >= PARALLEL_THRESHOLD_TURNS ? cores : 1;
  if (!(requested >= 2)) return 0;
  return Math.min(requested, THREADS_PER_CORE * cores, tournamentSlices(matches, turnsPerMatch, requested)) - 1;
}

/** How many values a --grid axis takes (as src/cluster/sweep.ts's parseGridAxis reads it); NaN when it cannot be told. */
function gridValues(text: string): number {
  const spec = text.slice(text.indexOf('=') + 1).trim();
  const range = /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(spec);
  if (range === null) return spec.split(',').filter((part) => part.trim() !== '').length || Number.NaN;
  const [start, stop, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
  return step > 0 && stop >= start ? Math.floor((stop - start) / step + 1e-9) + 1 : Number.NaN;
}

/**
 * How many worker threads a command line's sweep will run on, known before the CLI is loaded: its
 * threads less this one, no more than its tasks (its grid's combinations × its seeds, its share
 * of them with --shard); 0 when it is not a sweep, has one task, or cannot be told.
 */
export function earlySweepWorkers(argv: readonly string[], cores: number): number {
  if (argv[0] !== 'sweep') return 0;
  const options = commandOptions(argv.slice(1), SWEEP_VALUED);
  if (options === undefined || options.has('--strategy') || options.has('--submissions')) return 0;
  const combinations = (options.get('--grid') ?? []).reduce((product, axis) => product * gridValues(axis), 1);
  const shards = /^\d+\/(\d+)$/.exec(last(options, '--shard') ?? '1/1');
  const tasks = Math.ceil((combinations * wholeNumber(last(options, '--seeds'), 1)) / Number(shards?.[1] ?? Number.NaN));
  const requested = options.has('--workers') ? wholeNumber(last(options, '--workers'), 1) : cores;
  if (!(requested >= 2 && tasks >= 2)) return 0;
  return Math.min(requested, THREADS_PER_CORE * cores, tasks) - 1;
}

/** Starts the worker threads this command line's tournament or sweep will run on, if it is one (bin/cooplab.js, before the CLI's imports). */
export function startEarly(argv: readonly string[]): void {
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY) && process.env.CI !== 'true';
  const cores = availableParallelism();
  const tournament = earlyTournamentWorkers(argv, cores, interactive);
  if (tournament > 0) startEarlyTournamentThreads(tournament);
  const sweep = earlySweepWorkers(argv, cores);
  if (sweep > 0) startEarlySweepThreads(sweep);
}
