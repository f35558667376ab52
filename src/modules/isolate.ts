/**
 * The isolate engine, run inside the sandbox's own process (sandbox-child.ts; the host side is
 * sandbox.ts). Runs untrusted strategy modules in a separate V8 isolate (isolated-vm): no process, require,
 * file system, network, timers or clock; Math.random and Date replaced by deterministic ones;
 * a memory limit, a time budget per move and per match.
 *
 * Each module gets one isolate. Its players live inside it (see sandbox-harness.ts); a move
 * crosses the boundary as a few numbers in and a one-letter string out, and each player's
 * history is kept inside the isolate, so only the last round's moves are sent per move.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Game } from '../core/game.js';
import { CONTEXTS, type CompiledMachine } from '../core/machine.js';
import type { ClusterContext, Move, MoveView, ParameterSpec, ParameterValues, Strategy } from '../core/strategy.js';
import { isPrintable, printable } from '../core/printable.js';
import { HARNESS_SOURCE, METADATA_LIMITS } from './sandbox-harness.js';

type IsolatedVm = typeof import('isolated-vm');
type Isolate = import('isolated-vm').Isolate;
type Reference<T> = import('isolated-vm').Reference<T>;

/** The sandbox cannot run on this machine: untrusted modules must be refused, never run unsandboxed. */
export class SandboxUnavailable extends Error {
  override readonly name = 'SandboxUnavailable';
}

export interface SandboxLimits {
  /** Heap limit of the module's isolate (isolated-vm's minimum is 8). */
  readonly memoryMb: number;
  /** The module's own CPU time one move may take. */
  readonly moveMs: number;
  /** The module's own CPU time all the moves of one player (one match) may take together, and loading may take. */
  readonly matchMs: number;
}

/**
 * Budgets count the module's own CPU time, so a busy machine does not
 * push an honest module over them. A call that runs on past this many times its budget in wall
 * time (at least a second, at most ten unless the budget itself is longer) is stopped: a loop
 * never returns by itself. Only a machine that gives the module a small fraction of a core
 * could stop an honest call this way.
 */
export const WALL_BACKSTOP_FACTOR = 20;
const WALL_BACKSTOP_MIN_MS = 1000;

const WALL_BACKSTOP_MAX_MS = 10_000;

function backstop(budgetMs: number): number {
  return Math.min(Math.max(WALL_BACKSTOP_MIN_MS, budgetMs * WALL_BACKSTOP_FACTOR), Math.max(WALL_BACKSTOP_MAX_MS, budgetMs * 2));
}

/** Read the CPU time again after this much wall time of calls (a reading costs a microsecond or more, a move a few). */
const CHECKPOINT_MS = 5;

/** How often a whole match's watchdog looks at the round the match is at. */
const WATCH_MS = 10;

/** The wall-clock stop of a whole match's call: far beyond any match within its budgets on a busy machine (the watchdog stops runaway moves). */
const MATCH_CALL_BACKSTOP_MS = 300_000;

export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({ memoryMb: 32, moveMs: 50, matchMs: 2000 });

/** A module loaded in an isolate: its description, and players created there (asynchronously: see callModule); dispose() releases it. */
export interface IsolateStrategy extends Pick<Strategy, 'id' | 'name' | 'description' | 'provenance' | 'classifier' | 'parameters'> {
  create(parameters: ParameterValues): Promise<SandboxedPlayer>;
  /** A fresh player's whole match against a finite-state built-in, in one call into the isolate; throws as create() does. */
  playMachine(parameters: ParameterValues, match: MachineMatch): Promise<MachineOutcome>;
  /** The module file it was built from. */
  readonly file: string;
  readonly limits: SandboxLimits;
  /** Releases the isolate; later moves throw. Idempotent. */
  dispose(): void;
}

let ivmModule: IsolatedVm | undefined;

/** Loads isolated-vm on first use; throws SandboxUnavailable if it cannot run here. */
export function loadIsolatedVm(): IsolatedVm {
  if (ivmModule !== undefined) return ivmModule;
  let reason: string;
  try {
    const loaded = createRequire(import.meta.url)('isolated-vm') as IsolatedVm;
    // Prove it works: the native module loads and an isolate can run code.
    const isolate = new loaded.Isolate({ memoryLimit: 8 });
    try {
      const context = isolate.createContextSync();
      if (context.evalSync('6 * 7') !== 42) throw new Error('a test evaluation gave a wrong result');
      context.release();
    } finally {
      isolate.dispose();
    }
    ivmModule = loaded;
    return loaded;
  } catch (error) {
    reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  throw new SandboxUnavailable(
    `the sandbox (isolated-vm) cannot run here: ${reason}; untrusted strategy modules are refused — use --trusted for your own code`,
  );
}

const live = new Set<ModuleSandbox>();

/** The sandboxes whose whole match is under way (one at a time), and the one timer that watches them (see ModuleSandbox.watch). */
const watched = new Set<ModuleSandbox>();
let watchTimer: ReturnType<typeof setInterval> | undefined;

function watchWholeMatches(): void {
  for (const sandbox of watched) sandbox.watchTick();
}

/** Releases every isolate still open. */
export function disposeIsolates(): void {
  for (const sandbox of [...live]) sandbox.dispose();
}

interface HarnessFunctions {
  describe: Reference<() => string>;
  create: Reference<(id: number, parameters: string) => string>;
  sync: Reference<
    (id: number, ownLength: number, ownDefections: number, ownMoves: string, opponentLength: number, opponentDefections: number, opponentMoves: string) => void
  >;
  game: Reference<(id: number, R: number, S: number, T: number, P: number, turns: number) => void>;
  cluster: Reference<(...args: Array<number | string | boolean>) => void>;
  move: Reference<(id: number, packed: number) => string>;
  announce: Reference<(id: number, packed: number) => string>;
  release: Reference<(id: number) => void>;
  defineMachine: Reference<(key: number, json: string) => void>;
  playMachine: Reference<(...args: Array<number | string | boolean>) => string>;
}

const HARNESS_FUNCTIONS = ['describe', 'create', 'sync', 'game', 'cluster', 'move', 'announce', 'release', 'defineMachine', 'playMachine'] as const;

/** One module's isolate, its harness, and the players living in it. */
class ModuleSandbox {
  /** Why the isolate can no longer run (memory limit, disposed); every later call throws it. */
  dead: string | undefined;
  /** The view of the move being played, for the random callback. */
  currentView: MoveView | undefined;
  /** Where a whole match draws its streams from (see playMachine), while one is played. */
  drawer: ((purpose: string, count: number) => number[]) | undefined;
  /** Keys of the machines the harness has been sent (defineMachine). */
  readonly machines = new Map<object, number>();
  /**
   * Where a whole match inside the isolate is (the harness writes it, see matchBudget in
   * sandbox-harness.ts), for the watchdog: the round under way, the harness's last CPU reading (ms)
   * and its wall time, the wall time it last looked at the clock and the round that began after
   * that (Date.now() in both).
   */
  readonly progress = new Float64Array(new SharedArrayBuffer(5 * 8));
  /** The round the watchdog last saw the harness at, and the CPU (ms) and wall time when it first saw it. */
  private watchedRound = -1;
  private watchedCpuMs = 0;
  private watchedWallMs = 0;
  readonly memoryReason: string;
  readonly moveReason: string;
  readonly matchReason: string;
  readonly createReason: string;
  private nextId = 1;
  private readonly finalizer = new FinalizationRegistry<number>((id) => this.release(id));
  private readonly isolate: Isolate;
  private readonly context: import('isolated-vm').Context;
  readonly harness: HarnessFunctions;
  /** The wall-clock stop of one move's calls, and of loading or creating a player. */
  readonly moveOptions: { readonly timeout: number };
  readonly loadOptions: { readonly timeout: number };
  /** A whole match's call: its moves are watched (watch()); this only ends a call that nothing else could. */
  readonly matchOptions: { readonly timeout: number };

  constructor(
    ivm: IsolatedVm,
    readonly limits: SandboxLimits,
    /** How many times the usual wall-clock stop loading may take (see loadModule). */
    loadPatience = 1,
  ) {
    this.memoryReason = `exceeded its memory limit of ${limits.memoryMb} MB`;
    this.moveReason = `exceeded its time budget of ${limits.moveMs} ms per move`;
    this.matchReason = `exceeded its time budget of ${limits.matchMs} ms per match`;
    this.createReason = `exceeded its time budget of ${limits.matchMs} ms in create()`;
    this.moveOptions = Object.freeze({ timeout: backstop(limits.moveMs) });
    this.loadOptions = Object.freeze({ timeout: backstop(limits.matchMs) * loadPatience });
    this.matchOptions = Object.freeze({ timeout: MATCH_CALL_BACKSTOP_MS });
    this.isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
    live.add(this);
    try {
      const context = this.isolate.createContextSync();
      const random = new ivm.Callback(() => {
        const view = this.currentView;
        if (view === undefined) throw new Error('no move is being played');
        return view.random();
      });
      context.global.setSync('__cooplabHostRandom', random);
      context.global.setSync(
        '__cooplabHostDraw',
        new ivm.Callback((purpose: string, count: number) => {
          if (this.drawer === undefined) throw new Error('no match is being played');
          return this.drawer(String(purpose), Number(count));
        }),
      );
      context.global.setSync('__cooplabHostCpu', new ivm.Callback(() => this.cpuMs()));
      context.global.setSync('__cooplabProgress', new ivm.ExternalCopy(this.progress.buffer).copyInto({ release: true }));
      const api = context.evalSync(HARNESS_SOURCE, { reference: true, timeout: backstop(limits.matchMs) }) as unknown as Reference<Record<string, unknown>>;
      const functions: Partial<Record<(typeof HARNESS_FUNCTIONS)[number], Reference<unknown>>> = {};
      for (const name of HARNESS_FUNCTIONS) functions[name] = api.getSync(name, { reference: true }) as Reference<unknown>;
      api.release();
      this.harness = functions as unknown as HarnessFunctions;
      this.context = context;
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /**
   * Runs the module's bundled script in the context (module code runs now, under the load budget).
   * Like every call that runs the module's code, asynchronously: see callModule.
   */
  async evaluate(bundle: string, file: string): Promise<void> {
    const script = this.isolate.compileScriptSync(wrapBundle(bundle), { filename: `file://${file}` });
    try {
      await script.run(this.context, this.loadOptions);
    } finally {
      script.release();
    }
  }

  /** Whether the isolate has gone (its memory limit, or disposed). */
  get isDisposed(): boolean {
    return this.isolate.isDisposed;
  }

  /**
   * Calls the harness where the module's code may run. Always asynchronously, on isolated-vm's
   * own thread: there the isolate's stack limit is set from that thread's stack base at every
   * entry, so how deep the module can recurse is the same at every call. A synchronous call runs
   * on this thread below a limit fixed once, under frames of this process that shrink as V8
   * optimises them (issue 13, attack 9: the depth a module reached drifted from call to call).
   */
  callModule<A extends unknown[], R>(reference: Reference<(...args: A) => R>, args: A, options: { readonly timeout: number }): Promise<R> {
    return reference.apply(undefined, args as never, options) as Promise<R>;
  }

  newId(): number {
    return this.nextId++;
  }

  track(player: object, id: number): void {
    this.finalizer.register(player, id, player);
  }

  release(id: number): void {
    if (this.dead !== undefined) return;
    try {
      this.harness.release.applySync(undefined, [id], this.moveOptions);
    } catch {
      // Released players are best effort; a dead isolate frees everything anyway.
    }
  }

  /**
   * CPU time so far, in milliseconds: this process's (isolated-vm's cpuTime counts wall time while
   * a call runs, so it cannot tell a busy machine from a busy module). In the sandbox's own
   * process (see child.ts) that is the module's.
   */
  cpuMs(): number {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }

  /**
   * Turns an error from a call into the isolate into the reason the module failed: the memory
   * limit (isolate gone: every later call fails the same way), a timeout, or the error itself.
   */
  failure(error: unknown, timeoutReason: string, spentCpuMs?: number, budgetMs = Number.POSITIVE_INFINITY): Error {
    const message = error instanceof Error ? error.message : String(error);
    if (this.isolate.isDisposed || /^Isolate (was|is) disposed/.test(message)) {
      // Both limits could have stopped it (a loop that also allocates, issue 13's microtask loop):
      // the one it reached first in CPU time decides, whichever the machine's load let fire first.
      if (this.dead === undefined && spentCpuMs !== undefined && spentCpuMs > budgetMs) this.dead = timeoutReason;
      this.dead ??= this.memoryReason;
      return new Error(this.dead);
    }
    if (message === 'Script execution timed out.') return new Error(timeoutReason);
    return error instanceof Error ? error : new Error(message);
  }

  /** The key of a finite-state machine in the harness, sent to it the first time. */
  machineKey(machine: CompiledMachine): number {
    let key = this.machines.get(machine);
    if (key === undefined) {
      key = this.machines.size + 1;
      const json = JSON.stringify({ cooperate: [...machine.cooperate], next: [...machine.next], initial: machine.initial, contexts: CONTEXTS });
      this.harness.defineMachine.applySync(undefined, [key, json], this.loadOptions);
      this.machines.set(machine, key);
    }
    return key;
  }

  /**
   * A whole match runs in one call, so isolated-vm's timeout (one wall-clock limit for the call)
   * cannot stop one move that runs away. This does: while the call runs, it reads the round the
   * harness is at every WATCH_MS; a round that has used more than the move budget of CPU time
   * (creating the player, round 0: the match budget) or the longest wall backstop ends the
   * isolate, and the module is disqualified for that budget. Returns a function that stops watching.
   */
  watch(cpuAtStartMs: number): () => void {
    const progress = this.progress;
    progress[0] = 0;
    progress[1] = cpuAtStartMs;
    progress[2] = Date.now();
    progress[3] = progress[2];
    progress[4] = 0;
    this.watchedRound = -1;
    watched.add(this);
    // One timer for every match, armed once: arming and clearing one for each match cost as much as a hundred moves.
    if (watchTimer === undefined) watchTimer = setInterval(watchWholeMatches, WATCH_MS).unref();
    return () => watched.delete(this);
  }

  /**
   * Loading runs the module's code in one call whose only other stop is the wall backstop (ten
   * seconds for the usual budget): a module that loops while loading used ten seconds of CPU
   * before it was refused for a budget of two. While the load runs, this ends the isolate as soon
   * as this process has used the budget, and the module is refused with the load's reason, as it
   * was at the backstop. Returns a function that stops watching.
   */
  watchLoad(cpuBeforeMs: number, reason: string): () => void {
    const timer = setInterval(() => {
      if (this.cpuMs() - cpuBeforeMs <= this.limits.matchMs) return;
      clearInterval(timer);
      this.dead ??= reason;
      if (!this.isolate.isDisposed) this.isolate.dispose();
    }, WATCH_MS).unref();
    return () => clearInterval(timer);
  }

  /** One look of the watchdog at the match under way (see watch). */
  watchTick(): void {
    const progress = this.progress;
    const round = progress[0]!;
    if (round !== this.watchedRound) {
      this.watchedRound = round;
      this.watchedCpuMs = this.cpuMs();
      this.watchedWallMs = Date.now();
    }
    const began = progress[4] === round ? Math.min(progress[3]!, this.watchedWallMs) : this.watchedWallMs;
    const creating = round === 0;
    const wallLimitMs = backstop(creating ? this.limits.matchMs : this.limits.moveMs);
    if (this.moveCpuMs() > (creating ? this.limits.matchMs : this.limits.moveMs) || Date.now() - began > wallLimitMs) {
      watched.delete(this);
      this.dead ??= creating ? this.createReason : this.moveReason;
      if (!this.isolate.isDisposed) this.isolate.dispose();
    }
  }

  /**
   * The CPU time (ms) the round a whole match is at has used at least: what this process used
   * since the watchdog first saw that round, or, for the round that began after the harness last
   * looked at the clock, since that look, less the wall time between its last CPU reading and the
   * look (one thread runs there, so at most that much CPU went before). The watchdog and the reason
   * for a memory limit reached mid-move (see failure) both judge by it, so they agree.
   */
  moveCpuMs(): number {
    const progress = this.progress;
    const round = progress[0]!;
    const cpu = this.cpuMs();
    let spent = round === this.watchedRound ? cpu - this.watchedCpuMs : 0;
    if (progress[4] === round) spent = Math.max(spent, cpu - (progress[1]! + Math.max(0, progress[3]! - progress[2]!)));
    return spent;
  }

  dispose(): void {
    live.delete(this);
    this.dead ??= 'its sandbox was disposed';
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

/**
 * The bundle inside a try whose catch hands what the module threw to the harness: an error
 * thrown across into the host would be copied whole (a huge message) and have its stack
 * formatted outside every time budget.
 */
function wrapBundle(bundle: string): string {
  return `try {\n${bundle}\n} catch (error) { __cooplabLoadFailed(error); }\n`;
}

/** Text the harness sent back from the module (already clipped there), escaped for any terminal, log or file. */
export function moduleText(text: string): string {
  return printable(text, 320);
}

const KEBAB_ID = /^[a-z0-9][a-z0-9-]*$/;

type Encoded = unknown;

/** Decodes the harness's JSON: non-finite numbers come as { $number }. */
function decodeNumber(value: Encoded): Encoded {
  if (value !== null && typeof value === 'object' && '$number' in value) return Number((value as { $number: string }).$number);
  return value;
}

function malformed(path: string, message: string): Error {
  return new Error(`has a malformed default export at '${printable(path, 100)}': ${message}`);
}

function describeKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value !== null && typeof value === 'object' && '$tooLong' in value) return `a text of ${Number((value as { $tooLong: unknown }).$tooLong)} characters`;
  if (value === null) return 'null';
  if (typeof value === 'object' && '$invalid' in value) return String((value as { $invalid: unknown }).$invalid);
  return typeof value;
}

interface Metadata {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly provenance: string;
  readonly classifier: { readonly memoryDepth: number; readonly stochastic: boolean };
  readonly parameters: Readonly<Record<string, ParameterSpec>> | undefined;
}

/** Checks the metadata read out of the isolate: plain data of the right shape, or a clear reason. */
function checkMetadata(json: string): Metadata {
  const raw = JSON.parse(json) as Record<string, Encoded>;
  if (typeof raw.error === 'string') throw new Error(moduleText(raw.error));
  const text = (key: 'id' | 'name' | 'description' | 'provenance', what: string): string => {
    const value = raw[key];
    const limit = METADATA_LIMITS[key];
    if (typeof value !== 'string' && value !== null && typeof value === 'object' && '$tooLong' in value) {
      throw malformed(key, `expected ${what} of at most ${limit} characters, got ${describeKind(value)}`);
    }
    if (typeof value !== 'string') throw malformed(key, `expected ${what} (a string), got ${describeKind(value)}`);
    // Names and descriptions are shown in tables, reports and the UI: escaped once, here.
    return printable(value, limit);
  };
  const id = text('id', 'an id');
  if (!KEBAB_ID.test(id)) throw malformed('id', `expected a kebab-case id such as my-strategy, got '${printable(id, 64)}'`);
  const name = text('name', 'a name');
  if (name === '') throw malformed('name', 'expected a name');
  const description = text('description', 'a description');
  const provenance = text('provenance', 'a provenance (who proposed it, where)');
  const classifier = raw.classifier as Record<string, Encoded>;
  if ('$invalid' in classifier) throw malformed('classifier', `expected { memoryDepth, stochastic }, got ${describeKind(classifier)}`);
  const memoryDepth = decodeNumber(classifier.memoryDepth);
  if (typeof memoryDepth !== 'number' || Number.isNaN(memoryDepth) || memoryDepth < 0) {
    throw malformed('classifier.memoryDepth', 'expected memoryDepth to be a number >= 0 or Infinity');
  }
  if (typeof classifier.stochastic !== 'boolean') throw malformed('classifier.stochastic', 'expected stochastic to be true or false');
  let parameters: Record<string, ParameterSpec> | undefined;
  if (raw.parameters !== undefined) {
    const given = raw.parameters as Record<string, Encoded>;
    if ('$invalid' in given) throw malformed('parameters', `expected an object of parameter specs, got ${describeKind(given)}`);
    parameters = {};
    for (const [key, value] of Object.entries(given)) {
      if (!isPrintable(key, METADATA_LIMITS.id)) throw malformed('parameters', `expected parameter names of at most ${METADATA_LIMITS.id} plain characters`);
      const spec = value as Record<string, Encoded>;
      if ('notAnObject' in spec) throw malformed(`parameters.${key}`, `expected { default, description }, got ${String(spec.notAnObject)}`);
      const fallback = decodeNumber(spec.default);
      if (typeof fallback !== 'number' || !Number.isFinite(fallback)) throw malformed(`parameters.${key}.default`, 'expected a numeric default');
      const description = spec.description ?? '';
      if (typeof description !== 'string')
        throw malformed(`parameters.${printable(key, 64)}.description`, `expected a string of at most ${METADATA_LIMITS.description} characters`);
      const out: { default: number; description: string; min?: number; max?: number } = {
        default: fallback,
        description: printable(description, METADATA_LIMITS.description),
      };
      for (const bound of ['min', 'max'] as const) {
        const limit = decodeNumber(spec[bound]);
        if (limit === undefined || limit === null) continue;
        if (typeof limit !== 'number' || Number.isNaN(limit)) throw malformed(`parameters.${key}.${bound}`, 'expected a number');
        out[bound] = limit;
      }
      parameters[key] = Object.freeze(out);
    }
    Object.freeze(parameters);
  }
  if (raw.create !== 'function') throw malformed('create', 'expected create to be a function returning a player');
  return {
    id,
    name,
    description,
    provenance,
    classifier: Object.freeze({ memoryDepth, stochastic: classifier.stochastic }),
    parameters,
  };
}

const NO_TURNS = -1;

/** A whole match against a finite-state built-in, played inside the module's isolate (SandboxedPlayer.playMachine). */
export interface MachineMatch {
  /** The module's seat; the machine has the other. */
  readonly seat: 0 | 1;
  readonly machine: CompiledMachine;
  /** The machine's context index (core/machine.ts). */
  readonly context: number;
  readonly turns: number;
  /** The length the players are told (undefined when the match ends at random). */
  readonly knownTurns: number | undefined;
  readonly game: Game;
  /** Each seat's turns (0-based, ascending) whose move the noise flips. */
  readonly flips: readonly [readonly number[], readonly number[]];
  readonly record: boolean;
  /** `count` numbers of the match's stream `purpose` ('seat0', 'seat1'). */
  readonly draw: (purpose: string, count: number) => number[];
}

/** How it ended: played through (both seats' totals, and the moves when recorded), or the module's fault at a round. */
export type MachineOutcome =
  | { readonly outcome: [number, number, number, number, number]; readonly trace: string }
  | { readonly round: number; readonly error: string }
  | { readonly round: number; readonly returned: unknown };

/** The value a strategy returned, rebuilt host-side from the harness's description so askMove reports it as for a trusted module. */
export function returnedValue(tagged: string): unknown {
  const tag = tagged[0];
  const text = moduleText(tagged.slice(1));
  switch (tag) {
    case 's':
      return text;
    case 'u':
      return undefined;
    case 'n':
      return null;
    case 'p':
      return Promise.resolve(undefined);
    case 'o':
      return Object.freeze({});
    case 'f':
      return Object.assign(() => undefined, { toString: () => 'a function' });
    case 'y':
      return Symbol(text);
    default:
      return text === 'true' ? true : text === 'false' ? false : Number.isNaN(Number(text)) ? text : Number(text);
  }
}

/** 'C' or 'D'; anything else as a value askMove rejects and describes as it would for a trusted module. */
export function asMove(tagged: string): Move {
  return tagged === 'C' || tagged === 'D' ? tagged : (returnedValue(tagged) as Move);
}

/**
 * The clock of a match between two modules played in this process a synchronous call per move
 * without a time limit per call (sandbox-match.ts playModules): the CPU time is read only when a
 * move took longer than its budget in wall time, or every CHECKPOINT_MS; a move's CPU is what the
 * process used since the last reading less the wall time from that reading to the move's start
 * (one thread runs here, so at most that much went before the move).
 */
export class MatchClock {
  private checkpointCpuMs: number;
  private checkpointWallMs: number;

  constructor() {
    this.checkpointCpuMs = processCpuMs();
    this.checkpointWallMs = performance.now();
  }

  /** The CPU time (ms) a call that began at `startedMs` (performance.now()) has used at least, read now. */
  spentSince(startedMs: number): number {
    const before = this.checkpointCpuMs + Math.max(0, startedMs - this.checkpointWallMs);
    this.checkpointCpuMs = processCpuMs();
    this.checkpointWallMs = performance.now();
    return this.checkpointCpuMs - before;
  }

  /** After a call within its budget that ended at `endedMs`: a reading every CHECKPOINT_MS keeps the next measure tight. */
  tick(endedMs: number): void {
    if (endedMs - this.checkpointWallMs > CHECKPOINT_MS) {
      this.checkpointCpuMs = processCpuMs();
      this.checkpointWallMs = performance.now();
    }
  }
}

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** A player inside the isolate, driven from the host. */
export class SandboxedPlayer {
  /** Moves the harness has seen (own.length when it was last told). */
  private synced = 0;
  private released = false;
  private dead: string | undefined;
  /** Wall time of this player's moves, or (once it passed the match budget) the CPU time measured then, plus wall time since. */
  private spentMs = 0;
  /** CPU time (ms) when the player was created. */
  private readonly cpuAtStartMs: number;
  private game: Game | undefined;
  private turns = NO_TURNS;
  private readonly callOptions: { readonly timeout: number };
  /** The arguments of a move call, reused: [player id, packed round and last moves]. */
  private readonly moveArguments: [number, number];
  private clusterKey: string | undefined = '';
  /** What the random callback reads during moveInMatch: the match's stream for this player. */
  private random: MoveView | undefined;

  constructor(
    private readonly sandbox: ModuleSandbox,
    private readonly id: number,
    private readonly parametersJson: string,
    /** Whether its player has an announce() method (pre-play communication). */
    readonly speaks = false,
  ) {
    this.callOptions = sandbox.moveOptions;
    this.moveArguments = [id, 0];
    this.cpuAtStartMs = sandbox.cpuMs();
  }

  /**
   * The move as the harness tagged it: 'C', 'D', or a description of what else was returned (see
   * sandbox-harness.ts); throws when the module failed. With `announcing`, its announce() instead,
   * under the same budgets.
   */
  async moveTagged(view: MoveView, announcing = false): Promise<string> {
    const sandbox = this.sandbox;
    if (sandbox.dead !== undefined) throw new Error(sandbox.dead);
    if (this.dead !== undefined) throw new Error(this.dead);
    const harness = sandbox.harness;
    const limits = sandbox.limits;
    const started = performance.now();
    const cpuBeforeMs = sandbox.cpuMs();
    let result: string;
    try {
      if (this.released) await this.revive();
      const length = view.own.length;
      let packed = view.round * 8;
      if (length === this.synced + 1) {
        packed += 4 + (view.own.last === 'D' ? 2 : 0) + (view.opponent.last === 'D' ? 1 : 0);
      } else if (length !== this.synced) {
        harness.sync.applySync(
          undefined,
          [this.id, length, view.own.defections, view.own.toArray().join(''), view.opponent.length, view.opponent.defections, view.opponent.toArray().join('')],
          this.callOptions,
        );
      }
      this.synced = length;
      const turns = view.turns ?? NO_TURNS;
      if (view.game !== this.game || turns !== this.turns) this.sendGame(view.game, turns);
      if (view.cluster !== undefined || this.clusterKey !== undefined) this.sendCluster(view.cluster);
      sandbox.currentView = view;
      this.moveArguments[1] = packed;
      // Synchronous: an asynchronous call costs ten times as much, and a match between two modules
      // or on the lattice is a call per move (see callModule for what that leaves open).
      result = (announcing ? harness.announce : harness.move).applySync(undefined, this.moveArguments, this.callOptions);
      if (!announcing && view.round === turns) this.released = true;
    } catch (error) {
      const failure = sandbox.failure(error, sandbox.moveReason, sandbox.cpuMs() - cpuBeforeMs, limits.moveMs);
      this.dead = failure.message;
      throw failure;
    } finally {
      sandbox.currentView = undefined;
    }
    const wallMs = performance.now() - started;
    // Over its budget in wall time: measured. The reading before the call makes the measure exact
    // (an asynchronous call costs tens of microseconds; the reading, one).
    if (wallMs > limits.moveMs && sandbox.cpuMs() - cpuBeforeMs > limits.moveMs) {
      this.dead = sandbox.moveReason;
      throw new Error(this.dead);
    }
    this.chargeMatch(wallMs);
    if (result[0] === 'e') throw new Error(moduleText(result.slice(1)));
    return result;
  }

  /**
   * Starts this fresh player's match against another module's player, played a synchronous call
   * per move from this process (sandbox-match.ts playModules): the game and the number of turns
   * it is told (undefined when the match ends at random), and the stream its view.random() and
   * Math.random draw from.
   */
  startMatch(game: Game, knownTurns: number | undefined, random: () => number): void {
    if (this.sandbox.dead !== undefined) throw new Error(this.sandbox.dead);
    this.sendGame(game, knownTurns ?? NO_TURNS);
    this.random = { random } as MoveView;
    // The harness forgets the player after the last round of a known length: never asked again.
    this.released = true;
  }

  /**
   * A move of the match started with startMatch: packed as the harness's move() takes it, tagged as
   * it answers. The same budgets and faults as moveTagged, without a time limit per call: a move
   * that never ends is stopped with its sandbox process (see sandbox.ts play), and a match that
   * killed the process is played again move by move.
   */
  moveInMatch(packed: number, clock: MatchClock): string {
    const sandbox = this.sandbox;
    if (sandbox.dead !== undefined) throw new Error(sandbox.dead);
    if (this.dead !== undefined) throw new Error(this.dead);
    const limits = sandbox.limits;
    this.moveArguments[1] = packed;
    sandbox.currentView = this.random;
    const started = performance.now();
    let result: string;
    try {
      result = sandbox.harness.move.applySync(undefined, this.moveArguments);
    } catch (error) {
      const failure = sandbox.failure(error, sandbox.moveReason, clock.spentSince(started), limits.moveMs);
      this.dead = failure.message;
      throw failure;
    } finally {
      sandbox.currentView = undefined;
    }
    const ended = performance.now();
    const wallMs = ended - started;
    if (wallMs > limits.moveMs) {
      if (clock.spentSince(started) > limits.moveMs) {
        this.dead = sandbox.moveReason;
        throw new Error(this.dead);
      }
    } else {
      clock.tick(ended);
    }
    this.chargeMatch(wallMs);
    if (result[0] === 'e') throw new Error(moduleText(result.slice(1)));
    return result;
  }

  /**
   * Adds a move's wall time to the match's; past the match budget it measures instead — CPU time
   * since this player began (its module's other players' included: an over-estimate) — and fails
   * the player if that is over too. Wall time first, since a CPU reading costs a system call.
   */
  private chargeMatch(wallMs: number): void {
    this.spentMs += wallMs;
    const { limits } = this.sandbox;
    if (this.spentMs > limits.matchMs) {
      this.spentMs = this.sandbox.cpuMs() - this.cpuAtStartMs;
      if (this.spentMs > limits.matchMs) {
        this.dead = this.sandbox.matchReason;
        throw new Error(this.dead);
      }
    }
  }

  /** The harness forgot this player after its last round; it is asked again: start it afresh from the full history. */
  private async revive(): Promise<void> {
    const created = await this.sandbox.callModule(this.sandbox.harness.create, [this.id, this.parametersJson], this.callOptions);
    if (created !== '' && created !== 'a') throw new Error(moduleText(created.slice(1)));
    this.released = false;
    this.synced = -1;
    this.game = undefined;
    this.clusterKey = '';
  }

  private sendGame(game: Game, turns: number): void {
    this.game = game;
    this.turns = turns;
    this.sandbox.harness.game.applySync(undefined, [this.id, game.R, game.S, game.T, game.P, turns], this.callOptions);
  }

  private sendCluster(cluster: ClusterContext | undefined): void {
    const key =
      cluster === undefined
        ? undefined
        : `${cluster.activity.name}\u001f${cluster.activity.lowRisk}\u001f${cluster.activity.cost}\u001f${cluster.trust}\u001f${cluster.sanctions.detection}\u001f${cluster.sanctions.fine}\u001f${cluster.sanctions.compensate}\u001f${cluster.generation}\u001f${cluster.reputation === undefined ? '' : `${cluster.reputation.partner}\u001f${cluster.reputation.own}\u001f${cluster.reputation.good}`}\u001f${cluster.announcement ?? ''}\u001f${cluster.promisesBroken ?? ''}`;
    if (key === this.clusterKey) return;
    this.clusterKey = key;
    const args: Array<number | string | boolean> =
      cluster === undefined
        ? [this.id, false, '', false, 0, 0, 0, 0, false, 0, false, 0, 0, 0, '', -1]
        : [
            this.id,
            true,
            String(cluster.activity.name),
            Boolean(cluster.activity.lowRisk),
            Number(cluster.activity.cost),
            Number(cluster.trust),
            Number(cluster.sanctions.detection),
            Number(cluster.sanctions.fine),
            Boolean(cluster.sanctions.compensate),
            Number(cluster.generation),
            // The standings (reputation layer on), or nothing: the module sees undefined.
            cluster.reputation !== undefined,
            Number(cluster.reputation?.partner ?? 0),
            Number(cluster.reputation?.own ?? 0),
            Number(cluster.reputation?.good ?? 0),
            // Communication: what the partner announced ('' before it spoke) and its broken words (-1: communication off).
            cluster.announcement === 'C' || cluster.announcement === 'D' ? cluster.announcement : '',
            cluster.promisesBroken === undefined ? -1 : Number(cluster.promisesBroken),
          ];
    this.sandbox.harness.cluster.applySync(undefined, args, this.callOptions);
  }
}

/**
 * Creates a player and plays its whole match against a finite-state built-in inside the isolate,
 * in one call (the harness's playMachine): the same moves, scores and faults as the engine's
 * general path with a call per move, at a fraction of the cost. Throws, as create() does, when
 * the player cannot be created.
 */
async function playMachineIn(sandbox: ModuleSandbox, parameters: ParameterValues, match: MachineMatch): Promise<MachineOutcome> {
  if (sandbox.dead !== undefined) throw new Error(sandbox.dead);
  const limits = sandbox.limits;
  const { R, S, T, P } = match.game;
  const id = sandbox.newId();
  sandbox.drawer = match.draw;
  const cpuAtStartMs = sandbox.cpuMs();
  const unwatch = sandbox.watch(cpuAtStartMs);
  let reply: string;
  try {
    const key = sandbox.machineKey(match.machine);
    reply = await sandbox.callModule(
      sandbox.harness.playMachine,
      [
        id,
        JSON.stringify(parameters ?? {}),
        match.seat,
        key,
        match.context,
        match.turns,
        match.knownTurns ?? NO_TURNS,
        R,
        S,
        T,
        P,
        JSON.stringify(match.flips),
        cpuAtStartMs,
        limits.moveMs,
        limits.matchMs,
        CHECKPOINT_MS,
        match.record,
      ],
      sandbox.matchOptions,
    );
  } catch (error) {
    const round = sandbox.progress[0]!;
    const creating = round === 0;
    const failure = creating
      ? sandbox.failure(error, sandbox.createReason, sandbox.moveCpuMs(), limits.matchMs)
      : sandbox.failure(error, sandbox.moveReason, sandbox.moveCpuMs(), limits.moveMs);
    if (creating) throw failure;
    return { round, error: failure.message };
  } finally {
    unwatch();
    sandbox.drawer = undefined;
  }
  const kind = reply[0];
  if (kind === 'o') {
    const [turns, score0, score1, defections0, defections1, trace] = JSON.parse(reply.slice(1)) as [number, number, number, number, number, string];
    return { outcome: [turns, score0, score1, defections0, defections1], trace };
  }
  if (kind === 'c') throw new Error(moduleText(reply.slice(1)));
  const colon = reply.indexOf(':');
  const round = Number(reply.slice(1, colon));
  const rest = reply.slice(colon + 1);
  if (kind === 'b') {
    if (rest === 'create') throw new Error(sandbox.createReason);
    return { round, error: rest === 'match' ? sandbox.matchReason : sandbox.moveReason };
  }
  if (rest[0] === 'e') return { round, error: moduleText(rest.slice(1)) };
  return { round, returned: returnedValue(rest) };
}

/** How many times longer than the usual wall-clock stop a load may run on a machine too busy to give it its CPU budget. */
const MAX_LOAD_PATIENCE = 32;

/**
 * Runs the module's code and reads its description in a fresh isolate. A load stopped by the
 * wall clock before the module has used its CPU budget says nothing about the module, only about
 * a busy machine: it is loaded again with twice the wall time, so that what decides (its memory
 * limit, its budget, its own error) is the same on a busy machine as on a quiet one.
 */
async function loadModule(ivm: IsolatedVm, bundle: string, file: string, limits: SandboxLimits): Promise<{ sandbox: ModuleSandbox; meta: Metadata }> {
  const loadReason = `exceeded its time budget of ${limits.matchMs} ms while loading`;
  for (let patience = 1; ; patience *= 2) {
    const sandbox = new ModuleSandbox(ivm, limits, patience);
    const cpuBeforeMs = sandbox.cpuMs();
    const stoppedEarly = (error: unknown): boolean =>
      error instanceof Error &&
      error.message === 'Script execution timed out.' &&
      !sandbox.isDisposed &&
      sandbox.cpuMs() - cpuBeforeMs <= limits.matchMs &&
      patience < MAX_LOAD_PATIENCE;
    const unwatch = sandbox.watchLoad(cpuBeforeMs, loadReason);
    try {
      try {
        await sandbox.evaluate(bundle, file);
      } catch (error) {
        if (stoppedEarly(error)) throw new LoadAgain();
        const failure = sandbox.failure(error, loadReason);
        throw new Error(failure.message.startsWith('exceeded') ? failure.message : `threw while loading: ${moduleText(failure.message)}`);
      }
      let json: string;
      try {
        json = await sandbox.callModule(sandbox.harness.describe, [], sandbox.loadOptions);
      } catch (error) {
        if (stoppedEarly(error)) throw new LoadAgain();
        throw sandbox.failure(error, loadReason);
      }
      if (sandbox.cpuMs() - cpuBeforeMs > limits.matchMs) throw new Error(loadReason);
      return { sandbox, meta: checkMetadata(json) };
    } catch (error) {
      sandbox.dispose();
      if (!(error instanceof LoadAgain)) throw error;
    } finally {
      unwatch();
    }
  }
}

class LoadAgain extends Error {}

/**
 * Loads a bundled strategy module (bundleStrategyFile(file, 'iife')) into its own isolate and
 * returns a Strategy whose players run inside it. Throws SandboxUnavailable when isolated-vm
 * cannot run here, and an Error with the reason when the module fails to load (throws,
 * exceeds its limits while loading, or has a malformed default export).
 */
export async function isolateStrategy(bundle: string, file: string, limits: SandboxLimits = DEFAULT_LIMITS): Promise<IsolateStrategy> {
  const ivm = loadIsolatedVm();
  const { sandbox, meta } = await loadModule(ivm, bundle, file, limits);
  const create = async (parameters: ParameterValues): Promise<SandboxedPlayer> => {
    if (sandbox.dead !== undefined) throw new Error(sandbox.dead);
    const id = sandbox.newId();
    const parametersJson = JSON.stringify(parameters ?? {});
    const createReason = `exceeded its time budget of ${limits.matchMs} ms in create()`;
    let created: string;
    const cpuBeforeMs = sandbox.cpuMs();
    try {
      created = await sandbox.callModule(sandbox.harness.create, [id, parametersJson], sandbox.loadOptions);
    } catch (error) {
      throw sandbox.failure(error, createReason);
    }
    if (sandbox.cpuMs() - cpuBeforeMs > limits.matchMs) throw new Error(createReason);
    if (created !== '' && created !== 'a') throw new Error(moduleText(created.slice(1)));
    const player = new SandboxedPlayer(sandbox, id, parametersJson, created === 'a');
    sandbox.track(player, id);
    return player;
  };
  return Object.freeze({
    id: meta.id,
    name: meta.name,
    description: meta.description,
    provenance: meta.provenance,
    classifier: meta.classifier,
    ...(meta.parameters === undefined ? {} : { parameters: meta.parameters }),
    create,
    playMachine: (parameters: ParameterValues, match: MachineMatch) => playMachineIn(sandbox, parameters, match),
    file,
    limits,
    dispose: () => sandbox.dispose(),
  });
}
