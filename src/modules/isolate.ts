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
import type { ClusterContext, Move, MoveView, ParameterSpec, ParameterValues, Player, Strategy } from '../core/strategy.js';
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

export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({ memoryMb: 32, moveMs: 50, matchMs: 2000 });

/** A strategy whose players run in an isolate; dispose() releases it. */
export interface IsolateStrategy extends Strategy {
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
}

const HARNESS_FUNCTIONS = ['describe', 'create', 'sync', 'game', 'cluster', 'move', 'announce', 'release'] as const;

/** One module's isolate, its harness, and the players living in it. */
class ModuleSandbox {
  /** Why the isolate can no longer run (memory limit, disposed); every later call throws it. */
  dead: string | undefined;
  /** The view of the move being played, for the random callback. */
  currentView: MoveView | undefined;
  readonly memoryReason: string;
  readonly moveReason: string;
  readonly matchReason: string;
  private nextId = 1;
  private readonly finalizer = new FinalizationRegistry<number>((id) => this.release(id));
  private readonly isolate: Isolate;
  private readonly context: import('isolated-vm').Context;
  readonly harness: HarnessFunctions;
  /** The wall-clock stop of one move's calls, and of loading or creating a player. */
  readonly moveOptions: { readonly timeout: number };
  readonly loadOptions: { readonly timeout: number };
  /** CPU time (ms) at the last reading, and the wall time of the calls into the isolate made since. */
  private checkpointCpuMs = 0;
  private wallSinceCheckpointMs = 0;

  constructor(
    ivm: IsolatedVm,
    readonly limits: SandboxLimits,
    /** How many times the usual wall-clock stop loading may take (see loadModule). */
    loadPatience = 1,
  ) {
    this.memoryReason = `exceeded its memory limit of ${limits.memoryMb} MB`;
    this.moveReason = `exceeded its time budget of ${limits.moveMs} ms per move`;
    this.matchReason = `exceeded its time budget of ${limits.matchMs} ms per match`;
    this.moveOptions = Object.freeze({ timeout: backstop(limits.moveMs) });
    this.loadOptions = Object.freeze({ timeout: backstop(limits.matchMs) * loadPatience });
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

  /** Runs the module's bundled script in the context (module code runs now, under the load budget). */
  evaluate(bundle: string, file: string): void {
    const script = this.isolate.compileScriptSync(wrapBundle(bundle), { filename: `file://${file}` });
    try {
      script.runSync(this.context, this.loadOptions);
    } finally {
      script.release();
    }
  }

  /** Whether the isolate has gone (its memory limit, or disposed). */
  get isDisposed(): boolean {
    return this.isolate.isDisposed;
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
   * Accounts for a call that took `wallMs`; true when it is known to have used more than
   * `budgetMs` of CPU. Calls under their budget in wall time are under it in CPU time too;
   * a longer one is measured: the CPU used since the last reading, less what the calls before
   * it (since that reading) can have used at most.
   */
  overBudget(wallMs: number, budgetMs: number): boolean {
    this.wallSinceCheckpointMs += wallMs;
    if (wallMs <= budgetMs) {
      if (this.wallSinceCheckpointMs > CHECKPOINT_MS) this.checkpoint();
      return false;
    }
    const before = this.checkpointCpuMs + this.wallSinceCheckpointMs - wallMs;
    this.checkpoint();
    return this.checkpointCpuMs - before > budgetMs;
  }

  checkpoint(): void {
    this.checkpointCpuMs = this.cpuMs();
    this.wallSinceCheckpointMs = 0;
  }

  /**
   * Turns an error from a call into the isolate into the reason the module failed: the memory
   * limit (isolate gone: every later call fails the same way), a timeout, or the error itself.
   */
  failure(error: unknown, timeoutReason: string): Error {
    if (this.isolate.isDisposed) {
      this.dead ??= this.memoryReason;
      return new Error(this.dead);
    }
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'Script execution timed out.') return new Error(timeoutReason);
    if (/^Isolate (was|is) disposed/.test(message)) {
      this.dead ??= this.memoryReason;
      return new Error(this.dead);
    }
    return error instanceof Error ? error : new Error(message);
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
function asMove(tagged: string): Move {
  return tagged === 'C' || tagged === 'D' ? tagged : (returnedValue(tagged) as Move);
}

/** A player inside the isolate, driven from the host. */
export class SandboxedPlayer implements Player {
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
    if (speaks) this.announce = (view) => asMove(this.moveTagged(view, true));
  }

  move(view: MoveView): Move {
    return asMove(this.moveTagged(view));
  }

  /** Present only when the module's player speaks (see Player.announce). */
  readonly announce?: (view: MoveView) => Move;

  /**
   * The move as the harness tagged it: 'C', 'D', or a description of what else was returned (see
   * sandbox-harness.ts); throws when the module failed. With `announcing`, its announce() instead,
   * under the same budgets.
   */
  moveTagged(view: MoveView, announcing = false): string {
    const sandbox = this.sandbox;
    if (sandbox.dead !== undefined) throw new Error(sandbox.dead);
    if (this.dead !== undefined) throw new Error(this.dead);
    const harness = sandbox.harness;
    const limits = sandbox.limits;
    const started = performance.now();
    let result: string;
    try {
      if (this.released) this.revive();
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
      result = (announcing ? harness.announce : harness.move).applySync(undefined, this.moveArguments, this.callOptions);
      if (!announcing && view.round === turns) this.released = true;
    } catch (error) {
      const failure = sandbox.failure(error, sandbox.moveReason);
      this.dead = failure.message;
      throw failure;
    } finally {
      sandbox.currentView = undefined;
    }
    const wallMs = performance.now() - started;
    if (sandbox.overBudget(wallMs, limits.moveMs)) {
      this.dead = sandbox.moveReason;
      throw new Error(this.dead);
    }
    this.spentMs += wallMs;
    if (this.spentMs > limits.matchMs) {
      // Measured: CPU time since this player began (its module's other players' included: an over-estimate).
      this.spentMs = sandbox.cpuMs() - this.cpuAtStartMs;
      if (this.spentMs > limits.matchMs) {
        this.dead = sandbox.matchReason;
        throw new Error(this.dead);
      }
    }
    if (result[0] === 'e') throw new Error(moduleText(result.slice(1)));
    return result;
  }

  /** The harness forgot this player after its last round; it is asked again: start it afresh from the full history. */
  private revive(): void {
    const created = this.sandbox.harness.create.applySync(undefined, [this.id, this.parametersJson], this.callOptions);
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

/** How many times longer than the usual wall-clock stop a load may run on a machine too busy to give it its CPU budget. */
const MAX_LOAD_PATIENCE = 32;

/**
 * Runs the module's code and reads its description in a fresh isolate. A load stopped by the
 * wall clock before the module has used its CPU budget says nothing about the module, only about
 * a busy machine: it is loaded again with twice the wall time, so that what decides (its memory
 * limit, its budget, its own error) is the same on a busy machine as on a quiet one.
 */
function loadModule(ivm: IsolatedVm, bundle: string, file: string, limits: SandboxLimits): { sandbox: ModuleSandbox; meta: Metadata } {
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
    try {
      try {
        sandbox.evaluate(bundle, file);
      } catch (error) {
        if (stoppedEarly(error)) throw new LoadAgain();
        const failure = sandbox.failure(error, loadReason);
        throw new Error(failure.message.startsWith('exceeded') ? failure.message : `threw while loading: ${moduleText(failure.message)}`);
      }
      let json: string;
      try {
        json = sandbox.harness.describe.applySync(undefined, [], sandbox.loadOptions);
      } catch (error) {
        if (stoppedEarly(error)) throw new LoadAgain();
        throw sandbox.failure(error, loadReason);
      }
      if (sandbox.cpuMs() - cpuBeforeMs > limits.matchMs) throw new Error(loadReason);
      sandbox.checkpoint();
      return { sandbox, meta: checkMetadata(json) };
    } catch (error) {
      sandbox.dispose();
      if (!(error instanceof LoadAgain)) throw error;
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
export function isolateStrategy(bundle: string, file: string, limits: SandboxLimits = DEFAULT_LIMITS): IsolateStrategy {
  const ivm = loadIsolatedVm();
  const { sandbox, meta } = loadModule(ivm, bundle, file, limits);
  const create = (parameters: ParameterValues): SandboxedPlayer => {
    if (sandbox.dead !== undefined) throw new Error(sandbox.dead);
    const id = sandbox.newId();
    const parametersJson = JSON.stringify(parameters ?? {});
    const createReason = `exceeded its time budget of ${limits.matchMs} ms in create()`;
    let created: string;
    const cpuBeforeMs = sandbox.cpuMs();
    try {
      created = sandbox.harness.create.applySync(undefined, [id, parametersJson], sandbox.loadOptions);
    } catch (error) {
      throw sandbox.failure(error, createReason);
    }
    if (sandbox.cpuMs() - cpuBeforeMs > limits.matchMs) throw new Error(createReason);
    sandbox.checkpoint();
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
    file,
    limits,
    dispose: () => sandbox.dispose(),
  });
}
