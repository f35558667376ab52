import { availableParallelism } from 'node:os';
import { startEarlyThreads } from './tournament-threads.js';
import { PARALLEL_THRESHOLD_TURNS, roundRobinMatches, tournamentSlices } from './tournament-slices.js';
import { THREADS_PER_CORE } from './worker-threads.js';

/**
 * The early start of a tournament's worker threads, from bin/cooplab.js before the CLI is loaded:
 * a worker's start (Node's own, then its imports) then runs on the other core while this thread
 * loads the CLI, instead of after it. It reads only what it must from the command line, and
 * starts threads only for a tournament that will use them: an explicit `--workers N` (N ≥ 2), or
 * none and one big enough for the automatic choice; never for the live view or modules (their
 * strategies are known only once loaded). A guess that turns out wrong costs a thread that is
 * ended unused: the command itself decides, as before, on the options as parsed.
 */

/** The tournament command's defaults and the classic dozen's size (tests/cli/early-start.test.ts holds them to the sources). */
export const EARLY_DEFAULTS = { turns: 200, repetitions: 10, classic: 12 } as const;

/** The tournament's options that take a value, by every name they go by. */
const VALUED = new Map([
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

/** The options of a tournament's command line by their long names (the last one given wins); undefined for help or anything unexpected. */
function tournamentOptions(args: readonly string[]): Map<string, string> | undefined {
  const options = new Map<string, string>();
  for (let k = 0; k < args.length; k++) {
    const token = args[k]!;
    if (token === '--') break;
    if (token === '-h' || token === '--help') return undefined;
    if (!token.startsWith('-')) continue;
    const equals = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = equals > 0 ? token.slice(0, equals) : token.startsWith('--') ? token : token.slice(0, 2);
    const long = VALUED.get(name);
    if (long === undefined) {
      options.set(name, '');
      continue;
    }
    // --name=value, -tvalue, or the next argument.
    const attached = equals > 0 ? token.slice(equals + 1) : !token.startsWith('--') && token.length > 2 ? token.slice(2) : undefined;
    const value = attached ?? args[++k];
    if (value === undefined) return undefined;
    options.set(long, value);
  }
  return options;
}

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
  const options = tournamentOptions(argv.slice(1));
  if (options === undefined || options.has('--strategy') || options.has('--submissions')) return 0;
  if (interactive && !options.has('--format') && !options.has('--out')) return 0;
  const strategies = strategyCount(options.get('--strategies') ?? 'classic');
  const turns = wholeNumber(options.get('--turns'), EARLY_DEFAULTS.turns);
  const repetitions = wholeNumber(options.get('--repetitions'), EARLY_DEFAULTS.repetitions);
  const probEnd = options.has('--prob-end') ? Number(options.get('--prob-end')) : undefined;
  const turnsPerMatch = probEnd === undefined ? turns : 1 / probEnd;
  if (strategies === undefined || !(strategies >= 2 && turnsPerMatch > 0 && repetitions > 0)) return 0;
  const matches = roundRobinMatches(strategies, repetitions, !options.has('--no-self-play'));
  const requested = options.has('--workers') ? wholeNumber(options.get('--workers'), 1) : matches * turnsPerMatch >= PARALLEL_THRESHOLD_TURNS ? cores : 1;
  if (!(requested >= 2)) return 0;
  return Math.min(requested, THREADS_PER_CORE * cores, tournamentSlices(matches, turnsPerMatch, requested)) - 1;
}

/** Starts the worker threads this command line's tournament will play on, if it is one (bin/cooplab.js, before the CLI's imports). */
export function startEarly(argv: readonly string[]): void {
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY) && process.env.CI !== 'true';
  const workers = earlyTournamentWorkers(argv, availableParallelism(), interactive);
  if (workers > 0) startEarlyThreads(workers);
}
