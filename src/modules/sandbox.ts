/**
 * Untrusted strategy modules, run in the sandbox's own process (sandbox-process.ts), each in its
 * own V8 isolate there (isolate.ts). What the host holds is a Strategy whose players are
 * proxies: a move is a call to that process. A match against a built-in strategy or another
 * module of the same process is played there whole, in one call, with the random numbers drawn
 * here from the match's own streams, so it costs one crossing instead of one per move and gives
 * the same result.
 *
 * A tournament's consecutive matches of a module against finite-state built-ins cross as one
 * batch (playBatch): each played there as alone, its outcome written as it ends.
 *
 * When the process dies (a V8 fatal error, out of memory, killed by its watchdog), the module
 * whose call it was is disqualified with the reason, and the process is started afresh with the
 * other modules loaded again. A whole match between two modules that kills it is played again
 * move by move, so the crash falls on the module that caused it.
 */
import { StrategyFault } from '../core/errors.js';
import type {
  Contestant,
  MatchSettings,
  RemoteBatchResult,
  RemoteMatch,
  RemoteMatches,
  RemoteMatchResult,
  StreamFactory,
  StreamPurpose,
} from '../core/match.js';
import { OUTCOME_SIZE } from '../core/match.js';
import { geometricTrials } from '../core/random.js';
import type { RandomSource } from '../core/random.js';
import type { ClusterContext, Move, MoveView, ParameterSpec, ParameterValues, Player, Strategy } from '../core/strategy.js';
import { builtinStrategies } from '../../strategies/registry.js';
import { DEFAULT_LIMITS, loadIsolatedVm, moduleText, returnedValue, type SandboxLimits } from './isolate.js';
import { SandboxProcess, SandboxProcessGone } from './sandbox-process.js';
import { noiseFlips } from './sandbox-match.js';
import { decodeNumber, type HistoryUpdate, type MatchDraws, type MatchSide, type ModuleMetadata, type Reply, type Request } from './sandbox-protocol.js';

export { DEFAULT_LIMITS, loadIsolatedVm, SandboxUnavailable, type SandboxLimits, WALL_BACKSTOP_FACTOR } from './isolate.js';

/** A strategy whose players run in the sandbox; dispose() releases its isolate. */
export interface SandboxedStrategy extends Strategy {
  /** The module file it was built from. */
  readonly file: string;
  readonly limits: SandboxLimits;
  /** The process its isolate lives in (changes if that process is started afresh). */
  readonly pid: number;
  /** Releases the isolate; later moves throw. Idempotent. */
  dispose(): void;
}

interface LoadedModule {
  readonly handle: number;
  readonly bundle: string;
  readonly file: string;
  readonly limits: SandboxLimits;
  id: string;
  /** Why it can no longer play (disposed, or it crashed the process); every later call throws it. */
  dead: string | undefined;
}

const BUILTINS = new Set<Strategy>(builtinStrategies);

/** The sandbox process of this thread and the modules loaded in it. */
class SandboxPool implements RemoteMatches {
  private process: SandboxProcess | undefined;
  private readonly modules = new Map<number, LoadedModule>();
  /** Which module each create() function belongs to (a strategy copied with other parameters keeps its create). */
  readonly byCreate = new WeakMap<object, LoadedModule>();
  /** Bumped each time the process starts afresh: players from before know they must be created again. */
  generation = 0;
  private nextHandle = 1;
  private nextPlayer = 1;
  /** Players the host no longer holds: the process forgets them with the next call. */
  private released: number[] = [];
  private readonly finalizer = new FinalizationRegistry<{ id: number; generation: number }>(({ id, generation }) => {
    if (generation === this.generation) this.released.push(id);
  });

  track(player: object, id: number): void {
    this.finalizer.register(player, { id, generation: this.generation });
  }

  get pid(): number {
    return this.live().pid;
  }

  private live(): SandboxProcess {
    if (this.process?.alive) return this.process;
    this.process = new SandboxProcess();
    this.generation++;
    for (const module of this.modules.values()) {
      if (module.dead !== undefined) continue;
      const reply = this.callOn(this.process, { op: 'load', module: module.handle, bundle: module.bundle, file: module.file, limits: module.limits }, [module]);
      if ('error' in reply) module.dead = reply.error;
    }
    return this.process;
  }

  /**
   * A call on behalf of `modules`: if the process dies during it, the one module concerned is
   * disqualified with the reason, unless `replayable` (the call is played again another way).
   */
  private callOn(
    process: SandboxProcess,
    request: Parameters<SandboxProcess['call']>[0],
    modules: readonly LoadedModule[],
    onRandom?: (purpose: string, count: number) => number[],
    replayable = false,
  ): Reply {
    try {
      return process.call(request, onRandom);
    } catch (error) {
      if (!(error instanceof SandboxProcessGone)) throw error;
      if (modules.length === 1 && !replayable) modules[0]!.dead = error.message;
      throw error;
    }
  }

  call(
    request: Parameters<SandboxProcess['call']>[0],
    modules: readonly LoadedModule[],
    onRandom?: (purpose: string, count: number) => number[],
    replayable = false,
  ): Reply {
    for (const module of modules) if (module.dead !== undefined) throw new Error(module.dead);
    const process = this.live();
    if (this.released.length > 0) {
      const players = this.released;
      this.released = [];
      this.callOn(process, { op: 'release', players }, []);
    }
    return this.callOn(process, request, modules, onRandom, replayable);
  }

  load(bundle: string, file: string, limits: SandboxLimits): { module: LoadedModule; meta: ModuleMetadata } {
    const module: LoadedModule = { handle: this.nextHandle++, bundle, file, limits, id: '', dead: undefined };
    let reply: Reply;
    try {
      reply = this.call({ op: 'load', module: module.handle, bundle, file, limits }, [module]);
    } catch (error) {
      throw new Error(error instanceof Error ? error.message : String(error));
    }
    if ('error' in reply) throw new Error(reply.error);
    if (!('ok' in reply) || reply.meta === undefined) throw new Error('the sandbox answered a load without the metadata');
    module.id = reply.meta.id;
    this.modules.set(module.handle, module);
    return { module, meta: reply.meta };
  }

  newPlayer(): number {
    return this.nextPlayer++;
  }

  dispose(module: LoadedModule): void {
    if (module.dead === undefined) module.dead = 'its sandbox was disposed';
    if (!this.modules.delete(module.handle)) return;
    if (this.process?.alive) {
      try {
        this.process.call({ op: 'dispose', module: module.handle });
      } catch {
        // A process that died meanwhile has freed it anyway.
      }
    }
  }

  disposeAll(): void {
    for (const module of this.modules.values()) module.dead ??= 'its sandbox was disposed';
    this.modules.clear();
    this.process?.close();
    this.process = undefined;
  }

  private side(contestant: Contestant): { side: MatchSide; module: LoadedModule | undefined } | undefined {
    const parameters = { ...contestant.parameters } as Record<string, number>;
    const module = this.byCreate.get(contestant.strategy.create);
    if (module !== undefined && module.id === contestant.strategy.id) return { side: { module: module.handle, parameters }, module };
    if (BUILTINS.has(contestant.strategy)) return { side: { builtin: contestant.strategy.id, parameters }, module: undefined };
    return undefined;
  }

  /**
   * A match request in words, by its pair of contestants (prepared once, readonly): a tournament
   * plays the same pairing with the same settings again and again, and building and serialising the
   * request each time cost as much as the process's reading it. Kept for matches outside the cluster.
   */
  private readonly requests = new WeakMap<Contestant, WeakMap<Contestant, MatchRequest>>();

  private request(first: Contestant, second: Contestant, settings: MatchSettings, record: boolean): MatchRequest | undefined {
    const known = settings.cluster === undefined ? this.requests.get(first)?.get(second) : undefined;
    if (known !== undefined && sameSettings(known, settings, record)) return known;
    const a = this.side(first);
    const b = this.side(second);
    if (a === undefined || b === undefined) return undefined;
    const { R, S, T, P } = settings.game;
    const line = JSON.stringify({
      op: 'match',
      first: a.side,
      second: b.side,
      game: [R, S, T, P],
      turns: settings.turns,
      probEnd: settings.probEnd ?? null,
      noise: settings.noise,
      cluster: settings.cluster ?? null,
      record,
    } satisfies Request);
    const request: MatchRequest = {
      line,
      modules: [...new Set([a.module, b.module].filter((module): module is LoadedModule => module !== undefined))],
      betweenModules: a.module !== undefined && b.module !== undefined,
      againstMachine:
        settings.cluster === undefined && (a.module === undefined ? first.machine !== undefined : b.module === undefined && second.machine !== undefined),
      game: settings.game,
      R,
      S,
      T,
      P,
      turns: settings.turns,
      probEnd: settings.probEnd,
      noise: settings.noise,
      record,
    };
    if (settings.cluster === undefined) {
      let bySecond = this.requests.get(first);
      if (bySecond === undefined) {
        bySecond = new WeakMap();
        this.requests.set(first, bySecond);
      }
      bySecond.set(second, request);
    }
    return request;
  }

  /** RemoteMatches: whether the match can be one of a batch (a module against a finite-state built-in, unrecorded). */
  batchable(first: Contestant, second: Contestant, settings: MatchSettings): boolean {
    return settings.cluster === undefined && this.request(first, second, settings, false)?.againstMachine === true;
  }

  /**
   * RemoteMatches: consecutive matches of a tournament in one crossing, each played by the process as
   * play() has it played, in the same order, in the same isolates. Each match's length and noise
   * flips are drawn here beforehand (the numbers the process would ask for); the seats' own streams
   * are drawn when the process asks, from the match under way. Plays none (the caller plays them one
   * by one) without the named pipes, and stops before a match whose module can no longer play.
   */
  playBatch(matches: readonly RemoteMatch[], settings: MatchSettings, outcomes: Float64Array): RemoteBatchResult {
    const requests: MatchRequest[] = [];
    for (const { first, second } of matches) {
      const request = this.request(first, second, settings, false);
      if (request === undefined || !request.againstMachine || request.modules.some((module) => module.dead !== undefined)) break;
      requests.push(request);
    }
    const process = requests.length > 0 ? this.live() : undefined;
    if (process === undefined || !process.batches) return { played: 0, fault: undefined };
    // The process may have been started afresh just now, and a module found unable to load.
    for (let index = 0; index < requests.length; index++) {
      if (requests[index]!.modules.some((module) => module.dead !== undefined)) requests.length = index;
    }
    if (requests.length === 0) return { played: 0, fault: undefined };
    const drawn: (MatchDraws | null)[] = [];
    let flipsDrawn = 0;
    for (let index = 0; index < requests.length; index++) {
      if (flipsDrawn > BATCH_FLIPS) {
        drawn.push(null);
        continue;
      }
      const streams = matches[index]!.streams;
      const turns = settings.probEnd === undefined ? settings.turns : geometricTrials(settings.probEnd, streams('length'));
      const [flips0, flips1] = noiseFlips(settings.noise, turns, streams);
      flipsDrawn += flips0.length + flips1.length;
      drawn.push([turns, flips0, flips1]);
    }
    const lines = [JSON.stringify({ op: 'batch', count: requests.length, drawn } satisfies Request)];
    for (const request of requests) lines.push(request.line);
    // Each match's own streams, by purpose, as play() keeps them (a stream drawn beforehand is not asked for).
    let sources = new Map<string, RandomSource>();
    let sourcesOf = -1;
    const onRandom = (index: number, purpose: string, count: number): number[] => {
      if (index !== sourcesOf) {
        sources = new Map();
        sourcesOf = index;
      }
      let source = sources.get(purpose);
      if (source === undefined) {
        source = matches[index]!.streams(purpose as StreamPurpose);
        sources.set(purpose, source);
      }
      const values = new Array<number>(count);
      for (let i = 0; i < count; i++) values[i] = source();
      return values;
    };
    let played = 0;
    let fault: unknown;
    const onAnswer = (index: number, reply: Reply): boolean => {
      if ('outcome' in reply) {
        outcomes.set(reply.outcome, index * OUTCOME_SIZE);
        played = index + 1;
        return true;
      }
      const module = requests[index]!.modules[0]!;
      if ('fault' in reply) fault = new StrategyFault(reply.fault.id, reply.fault.reason);
      else if ('error' in reply) fault = new StrategyFault(module.id, moduleText(reply.error));
      else fault = new Error(`the sandbox answered a match without its outcome: ${moduleText(JSON.stringify(reply))}`);
      return false;
    };
    try {
      if (this.released.length > 0) {
        const players = this.released;
        this.released = [];
        this.callOn(process, { op: 'release', players }, []);
      }
      process.callBatch(`${lines.join('\n')}\n`, requests.length, onRandom, onAnswer);
    } catch (error) {
      if (!(error instanceof SandboxProcessGone)) return { played, fault: error };
      // The match under way ended the process: its module is disqualified, as play() has it.
      const module = requests[played]!.modules[0]!;
      module.dead = error.message;
      return { played, fault: new StrategyFault(module.id, error.message) };
    }
    return { played, fault };
  }

  /** RemoteMatches: the whole match in the process, when both sides can be played there. */
  play(first: Contestant, second: Contestant, settings: MatchSettings, streams: StreamFactory, record: boolean): RemoteMatchResult | undefined {
    const request = this.request(first, second, settings, record);
    if (request === undefined) return undefined;
    const { modules, betweenModules } = request;
    for (const module of modules) {
      if (module.dead !== undefined) throw new StrategyFault(module.id, `could not create a player: ${module.dead}`);
    }
    const sources = new Map<string, RandomSource>();
    const onRandom = (purpose: string, count: number): number[] => {
      let source = sources.get(purpose);
      if (source === undefined) {
        source = streams(purpose as StreamPurpose);
        sources.set(purpose, source);
      }
      const values = new Array<number>(count);
      for (let i = 0; i < count; i++) values[i] = source();
      return values;
    };
    // Between two modules the process plays without a time limit per call (sandbox-match.ts
    // playModules): a move that runs away ends the process, and the match is played again move by
    // move, where each call's own limit names the culprit with the exact reason.
    let reply: Reply;
    try {
      reply = this.call(request.line, modules, onRandom, betweenModules);
    } catch (error) {
      if (!(error instanceof SandboxProcessGone)) throw error;
      // Two modules and a dead process, or a module against itself stopped by the watchdog: play
      // the match again move by move, where a crash or a runaway move has one culprit.
      if (modules.length > 1 || (betweenModules && error.stopped)) return undefined;
      if (betweenModules) modules[0]!.dead = error.message;
      throw new StrategyFault(modules[0]!.id, error.message);
    }
    if ('fault' in reply) throw new StrategyFault(reply.fault.id, reply.fault.reason);
    if ('error' in reply) throw new StrategyFault(modules[0]?.id ?? first.strategy.id, moduleText(reply.error));
    if (!('outcome' in reply)) throw new Error(`the sandbox answered a match without its outcome: ${moduleText(JSON.stringify(reply))}`);
    if (reply.trace === undefined) return { outcome: reply.outcome };
    const [own, other] = reply.trace.split('|') as [string, string];
    return { outcome: reply.outcome, moves: [[...own] as Move[], [...other] as Move[]] };
  }
}

/** The noise flips a batch's matches may carry drawn (sandbox-protocol.ts BatchRequest): past them the process draws its own. */
const BATCH_FLIPS = 1 << 16;

/** A match request already in words (see SandboxPool.request), with what it was made from. */
interface MatchRequest {
  readonly line: string;
  readonly modules: readonly LoadedModule[];
  readonly betweenModules: boolean;
  /** A module against a finite-state built-in outside the cluster: a whole match in one call into the module's isolate, which a batch may hold. */
  readonly againstMachine: boolean;
  readonly game: MatchSettings['game'];
  readonly R: number;
  readonly S: number;
  readonly T: number;
  readonly P: number;
  readonly turns: number;
  readonly probEnd: number | undefined;
  readonly noise: number;
  readonly record: boolean;
}

/** Whether `settings` (outside the cluster) ask for the match `request` was made for: compared by value, in case a caller reuses one settings object. */
function sameSettings(request: MatchRequest, settings: MatchSettings, record: boolean): boolean {
  const game = settings.game;
  return (
    request.record === record &&
    request.turns === settings.turns &&
    request.probEnd === settings.probEnd &&
    request.noise === settings.noise &&
    (request.game === game || (request.R === game.R && request.S === game.S && request.T === game.T && request.P === game.P))
  );
}

let pool: SandboxPool | undefined;

function thePool(): SandboxPool {
  pool ??= new SandboxPool();
  return pool;
}

/** Releases every sandbox still open and ends the sandbox process (tests, and the CLI when a run ends). */
export function disposeSandboxes(): void {
  pool?.disposeAll();
}

const NO_TURNS = -1;

/** A player living in the sandbox process, driven from here one move at a time. */
class RemotePlayer implements Player {
  private readonly id: number;
  private generation: number;
  /** How many rounds the process has seen (own.length when it was last told), -1 when it must be told everything. */
  private synced = 0;
  /** Present only when the module's player speaks (see Player.announce): asked like a move, under the same budgets. */
  announce?: (view: MoveView) => Move;

  constructor(
    private readonly pool: SandboxPool,
    private readonly module: LoadedModule,
    private readonly parameters: Record<string, number>,
  ) {
    this.id = pool.newPlayer();
    this.generation = pool.generation;
    this.create();
    pool.track(this, this.id);
  }

  private create(): void {
    const reply = this.pool.call({ op: 'create', module: this.module.handle, player: this.id, parameters: this.parameters }, [this.module]);
    if ('error' in reply) throw new Error(reply.error);
    this.generation = this.pool.generation;
    if ('ok' in reply && reply.speaks === true) this.announce ??= (view) => this.ask(view, true);
  }

  move(view: MoveView): Move {
    return this.ask(view, false);
  }

  /** The move, or with `announcing` the announcement, from the process. */
  private ask(view: MoveView, announcing: boolean): Move {
    if (this.module.dead !== undefined) throw new Error(this.module.dead);
    if (this.generation !== this.pool.generation) {
      // The process was started afresh: this player begins again there from the whole history.
      this.create();
      this.synced = -1;
    }
    const length = view.own.length;
    let history: HistoryUpdate;
    if (length === this.synced) history = { same: true };
    else if (length === this.synced + 1 && length > 0) history = { step: [view.own.last === 'D' ? 1 : 0, view.opponent.last === 'D' ? 1 : 0] };
    else {
      history = {
        sync: [length, view.own.defections, view.own.toArray().join(''), view.opponent.length, view.opponent.defections, view.opponent.toArray().join('')],
      };
    }
    const { R, S, T, P } = view.game;
    let reply: Reply;
    try {
      reply = this.pool.call(
        {
          op: 'move',
          player: this.id,
          round: view.round,
          turns: view.turns ?? NO_TURNS,
          game: [R, S, T, P],
          cluster: plainCluster(view.cluster),
          history,
          ...(announcing ? { announce: true } : {}),
        },
        [this.module],
        (_purpose, count) => Array.from({ length: count }, () => view.random()),
      );
    } catch (error) {
      throw new Error(error instanceof Error ? error.message : String(error));
    }
    this.synced = length;
    if ('error' in reply) throw new Error(reply.error);
    if (!('move' in reply)) throw new Error('the sandbox answered a move without one');
    const result = reply.move;
    if (result === 'C' || result === 'D') return result;
    return returnedValue(result) as Move;
  }
}

function plainCluster(cluster: ClusterContext | undefined): ClusterContext | null {
  if (cluster === undefined) return null;
  return {
    activity: { name: String(cluster.activity.name), lowRisk: Boolean(cluster.activity.lowRisk), cost: Number(cluster.activity.cost) },
    trust: Number(cluster.trust),
    sanctions: { detection: Number(cluster.sanctions.detection), fine: Number(cluster.sanctions.fine), compensate: Boolean(cluster.sanctions.compensate) },
    generation: Number(cluster.generation),
    reputation:
      cluster.reputation === undefined
        ? undefined
        : { partner: Number(cluster.reputation.partner), own: Number(cluster.reputation.own), good: Number(cluster.reputation.good) },
    announcement: cluster.announcement === 'C' || cluster.announcement === 'D' ? cluster.announcement : undefined,
    promisesBroken: cluster.promisesBroken === undefined ? undefined : Number(cluster.promisesBroken),
  };
}

function parametersOf(meta: ModuleMetadata): Readonly<Record<string, ParameterSpec>> | undefined {
  if (meta.parameters === undefined) return undefined;
  const specs: Record<string, ParameterSpec> = {};
  for (const [key, spec] of Object.entries(meta.parameters)) {
    specs[key] = Object.freeze({
      default: spec.default,
      description: spec.description,
      ...(spec.min === undefined ? {} : { min: decodeNumber(spec.min) }),
      ...(spec.max === undefined ? {} : { max: decodeNumber(spec.max) }),
    });
  }
  return Object.freeze(specs);
}

/**
 * Loads a bundled strategy module (bundleStrategyFile(file, 'iife')) into the sandbox process
 * and returns a Strategy whose players run there. Throws an Error with the reason when the
 * module fails to load (throws, exceeds its limits while loading, has a malformed default
 * export, or crashes the process).
 */
export async function sandboxedStrategy(bundle: string, file: string, limits: SandboxLimits = DEFAULT_LIMITS): Promise<SandboxedStrategy> {
  // Refuse clearly, here, if isolated-vm cannot run on this machine (the process would fail the same way).
  loadIsolatedVm();
  const sandboxes = thePool();
  const { module, meta } = sandboxes.load(bundle, file, limits);
  const create = (parameters: ParameterValues): Player => new RemotePlayer(sandboxes, module, { ...parameters } as Record<string, number>);
  sandboxes.byCreate.set(create, module);
  const parameters = parametersOf(meta);
  return Object.freeze({
    id: meta.id,
    name: meta.name,
    description: meta.description,
    provenance: meta.provenance,
    classifier: Object.freeze({ memoryDepth: decodeNumber(meta.classifier.memoryDepth), stochastic: meta.classifier.stochastic }),
    ...(parameters === undefined ? {} : { parameters }),
    create,
    remoteMatches: sandboxes,
    file,
    limits,
    get pid() {
      return sandboxes.pid;
    },
    dispose: () => sandboxes.dispose(module),
  });
}
