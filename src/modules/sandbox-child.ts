/**
 * The sandbox's own process: holds the isolates of untrusted strategy modules and answers the
 * host's calls (sandbox-protocol.ts) one at a time, synchronously, on stdin and stdout. A V8
 * fatal error, an out-of-memory or a hang here ends only this process; the host sees it, names
 * the module and goes on. It is started with a heap limit, a limit on the memory it commits where the
 * system has one, and no file descriptors to spare (see sandbox-process.ts).
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { StrategyFault } from '../core/errors.js';
import type { Game } from '../core/game.js';
import { type MatchSettings, prepareContestant, type StreamPurpose } from '../core/match.js';
import type { RandomSource } from '../core/random.js';
import { type ClusterContext, type MoveView, type ParameterValues, resolveParameters, type Strategy } from '../core/strategy.js';
import { findStrategy } from '../../strategies/registry.js';
import { type IsolateStrategy, isolateStrategy, loadIsolatedVm, type SandboxedPlayer } from './isolate.js';
import { MOVE_WATCH, playSandboxMatch, type SandboxSide } from './sandbox-match.js';
import { encodeNumber, type HistoryUpdate, type MatchDraws, type MatchSide, type Reply, type Request, RUNAWAY_NOTE } from './sandbox-protocol.js';

const input = Buffer.alloc(1 << 16);
let pending = '';
/** Where requests come from and replies go: the host's named pipes when it gave them (see sandbox-process.ts), else stdin and stdout. */
let requests = 0;
let replies = 1;

/** The next line from the host, or undefined when the host has gone (then this process ends). */
function readLine(): string | undefined {
  for (;;) {
    const end = pending.indexOf('\n');
    if (end >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      return line;
    }
    let read: number;
    try {
      read = readSync(requests, input, 0, input.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        continue;
      }
      throw error;
    }
    if (read === 0) return undefined;
    pending += input.toString('utf8', 0, read);
  }
}

function send(reply: Reply): void {
  const text = `${JSON.stringify(reply)}\n`;
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) written += writeSync(replies, bytes, written);
}

/** Asks the host for `count` draws of a stream (the match's, by purpose; 'view' is the current move's view.random()). */
function draw(purpose: string, count: number): number[] {
  send({ op: 'random', purpose, count });
  const line = readLine();
  if (line === undefined) process.exit(0);
  return (JSON.parse(line) as { values: number[] }).values;
}

/** A stream whose numbers come from the host in batches (unused ones are simply never played). */
function hostSource(purpose: string, turns: number): RandomSource {
  let buffer: number[] = [];
  let next = 0;
  let batch = Math.min(4096, Math.max(64, turns + 8));
  return () => {
    if (next === buffer.length) {
      buffer = draw(purpose, batch);
      next = 0;
      batch = Math.min(batch * 2, 65536);
    }
    return buffer[next++]!;
  };
}

const modules = new Map<number, IsolateStrategy>();

/** O_CLOEXEC, as /proc/<pid>/fdinfo writes a descriptor's flags (octal). */
const CLOSE_ON_EXEC = 0o2000000;

/**
 * Closes the descriptors this process inherited from the host's own parent (a shell's stray
 * descriptor 251, say) and did not open itself: Node opens all of its own close-on-exec, so a
 * descriptor above stderr without that flag came in with the exec. The host then caps the
 * descriptors at the highest one open (sandbox-process.ts): with a stray one left open far up,
 * that cap would leave room for hundreds of files. Linux only (/proc); elsewhere nothing to do.
 */
function closeInheritedDescriptors(): void {
  let descriptors: number[];
  try {
    descriptors = readdirSync('/proc/self/fd').map(Number);
  } catch {
    return;
  }
  for (const descriptor of descriptors) {
    if (!(descriptor > 2)) continue;
    try {
      const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${descriptor}`, 'utf8'))?.[1];
      if (flags !== undefined && (Number.parseInt(flags, 8) & CLOSE_ON_EXEC) === 0) closeSync(descriptor);
    } catch {
      // Gone meanwhile (the directory listing's own descriptor).
    }
  }
}
closeInheritedDescriptors();

// Opened before the first answer, after which the host leaves no descriptor to spare (the host holds both open already: neither waits).
const [requestsPipe, repliesPipe] = process.argv.slice(2);
if (requestsPipe !== undefined && repliesPipe !== undefined) {
  requests = openSync(requestsPipe, 'r');
  replies = openSync(repliesPipe, 'w');
}

/**
 * isolated-vm is loaded now, before the first answer: once this process has answered, the host
 * leaves it no file descriptor to spare (sandbox-process.ts), and a require() after that cannot
 * open the package's files ("Cannot find module 'isolated-vm'"). Why it cannot load, if it
 * cannot, is the answer to every load.
 */
let sandboxUnavailable: unknown;

/**
 * Watches the moves of a match between two modules, which this process plays a synchronous call
 * per move without a time limit per call (sandbox-match.ts playModules): a move that has used more
 * CPU than MOVE_WATCH allows ends this process, saying so on stderr, and the host plays the match
 * again move by move, where each call's own limit names the culprit. Started now: once this
 * process has answered, it has no descriptor to spare for a thread's event loop.
 */
const MOVE_WATCHDOG = String.raw`
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const watch = new Int32Array(workerData.watch);
let seen = 0;
let since = 0;
for (;;) {
  Atomics.wait(watch, 2, 0, 10);
  const move = watch[0];
  if (move === 0) { seen = 0; continue; }
  const usage = process.cpuUsage();
  const cpu = (usage.user + usage.system) / 1000;
  if (move !== seen) { seen = move; since = cpu; continue; }
  if (cpu - since > watch[1]) {
    writeSync(2, workerData.note + '\n');
    process.kill(process.pid, 'SIGKILL');
  }
}
`;
const moveWatchdog = new Worker(MOVE_WATCHDOG, { eval: true, workerData: { watch: MOVE_WATCH.buffer, note: RUNAWAY_NOTE } });
// Without it a runaway move between two modules is stopped by the host's watchdog instead (later, the same result).
moveWatchdog.on('error', () => {});
// Running before the first answer: a thread that started after the host capped the descriptors could not open its event loop's.
await new Promise<void>((resolve) => {
  moveWatchdog.once('online', resolve);
  moveWatchdog.once('error', resolve);
});
moveWatchdog.unref();

try {
  loadIsolatedVm();
} catch (error) {
  sandboxUnavailable = error;
}
const games = new Map<string, Game>();

/** One Game object per payoff table, so a player sees the same object from move to move (it resends the game only when it changes). */
function gameOf([R, S, T, P]: readonly [number, number, number, number]): Game {
  const key = `${R},${S},${T},${P}`;
  let game = games.get(key);
  if (game === undefined) {
    game = Object.freeze({ R, S, T, P }) as Game;
    games.set(key, game);
  }
  return game;
}

/** One side's history as the host last described it: totals, and the moves it sent. */
class MirrorHistory {
  length = 0;
  defections = 0;
  moves: ('C' | 'D')[] = [];
  get cooperations(): number {
    return this.length - this.defections;
  }
  get last(): 'C' | 'D' | undefined {
    return this.moves[this.moves.length - 1];
  }
  at(index: number): 'C' | 'D' | undefined {
    const position = index < 0 ? this.length + index : index;
    const offset = this.length - this.moves.length;
    return position < offset || position >= this.length ? undefined : this.moves[position - offset];
  }
  defectionsInLast(count: number): number {
    return this.moves.slice(-count).filter((move) => move === 'D').length;
  }
  toArray(): ('C' | 'D')[] {
    return [...this.moves];
  }
  push(code: number): void {
    this.moves.push(code === 1 ? 'D' : 'C');
    this.length++;
    this.defections += code;
  }
  reset(length: number, defections: number, moves: string): void {
    this.length = length;
    this.defections = defections;
    this.moves = [...moves] as ('C' | 'D')[];
  }
}

interface RemotePlayerState {
  readonly player: SandboxedPlayer;
  readonly own: MirrorHistory;
  readonly opponent: MirrorHistory;
}

const players = new Map<number, RemotePlayerState>();

function update(state: RemotePlayerState, history: HistoryUpdate): void {
  if ('step' in history) {
    state.own.push(history.step[0]);
    state.opponent.push(history.step[1]);
  } else if ('sync' in history) {
    const [ownLength, ownDefections, ownMoves, opponentLength, opponentDefections, opponentMoves] = history.sync;
    state.own.reset(ownLength, ownDefections, ownMoves);
    state.opponent.reset(opponentLength, opponentDefections, opponentMoves);
  }
}

function sideOf(side: MatchSide, game: Game): SandboxSide | undefined {
  if ('module' in side) {
    const module = modules.get(side.module);
    // Only its parameter specs are read.
    return module === undefined ? undefined : { module, parameters: resolveParameters(module as unknown as Strategy, side.parameters as ParameterValues) };
  }
  const strategy = findStrategy(side.builtin);
  return strategy === undefined ? undefined : { contestant: prepareContestant(strategy, game, side.parameters as ParameterValues) };
}

/** A match request made ready to play: its sides and settings, which depend only on the request's text and the modules loaded. */
interface PreparedMatch {
  readonly first: SandboxSide;
  readonly second: SandboxSide;
  readonly settings: MatchSettings;
  readonly turns: number;
  readonly record: boolean;
}

/**
 * Prepared matches by their request's text: a tournament asks for the same pairing again and again
 * (every repetition, in the same words), and parsing the request and finding its sides again cost
 * about a tenth of a short match. Forgotten whenever a module is loaded or disposed (a side names a
 * module by its handle) and when it holds too many.
 */
const preparedMatches = new Map<string, PreparedMatch>();
const PREPARED_MATCHES_KEPT = 256;

function prepareMatch(request: Extract<Request, { op: 'match' }>): PreparedMatch | undefined {
  const game = gameOf(request.game);
  const first = sideOf(request.first, game);
  const second = sideOf(request.second, game);
  if (first === undefined || second === undefined) return undefined;
  const settings: MatchSettings = {
    game,
    turns: request.turns,
    probEnd: request.probEnd ?? undefined,
    noise: request.noise,
    cluster: (request.cluster ?? undefined) as ClusterContext | undefined,
  };
  return { first, second, settings, turns: request.turns, record: request.record };
}

async function playPrepared(match: PreparedMatch | undefined, drawn?: MatchDraws | null): Promise<Reply> {
  if (match === undefined) return { error: 'a side of the match is not in this sandbox' };
  const sources = new Map<StreamPurpose, RandomSource>();
  const streams = (purpose: StreamPurpose): RandomSource => {
    let source = sources.get(purpose);
    if (source === undefined) {
      source = hostSource(purpose, match.turns);
      sources.set(purpose, source);
    }
    return source;
  };
  try {
    const predrawn = drawn === undefined || drawn === null ? undefined : { turns: drawn[0], flips: [drawn[1], drawn[2]] as [number[], number[]] };
    const result = await playSandboxMatch(match.first, match.second, match.settings, streams, match.record, predrawn);
    return result.trace === undefined ? { outcome: result.outcome } : { outcome: result.outcome, trace: result.trace };
  } catch (error) {
    if (error instanceof StrategyFault) return { fault: { id: error.strategyId, reason: error.reason } };
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function handle(request: Request): Promise<Reply> {
  switch (request.op) {
    case 'load': {
      if (sandboxUnavailable !== undefined) throw sandboxUnavailable;
      const strategy = await isolateStrategy(request.bundle, request.file, request.limits);
      modules.set(request.module, strategy);
      const parameters =
        strategy.parameters === undefined
          ? undefined
          : Object.fromEntries(
              Object.entries(strategy.parameters).map(([key, spec]) => [
                key,
                {
                  default: spec.default,
                  description: spec.description ?? '',
                  ...(spec.min === undefined ? {} : { min: encodeNumber(spec.min) }),
                  ...(spec.max === undefined ? {} : { max: encodeNumber(spec.max) }),
                },
              ]),
            );
      return {
        ok: true,
        meta: {
          id: strategy.id,
          name: strategy.name,
          description: strategy.description,
          provenance: strategy.provenance,
          classifier: { memoryDepth: encodeNumber(strategy.classifier.memoryDepth) as number, stochastic: strategy.classifier.stochastic },
          ...(parameters === undefined ? {} : { parameters }),
        },
      };
    }
    case 'create': {
      const strategy = modules.get(request.module);
      if (strategy === undefined) return { error: 'its sandbox was disposed' };
      const player = await strategy.create(request.parameters);
      players.set(request.player, { player, own: new MirrorHistory(), opponent: new MirrorHistory() });
      return player.speaks ? { ok: true, speaks: true } : { ok: true };
    }
    case 'move': {
      const state = players.get(request.player);
      if (state === undefined) return { error: 'its sandbox was disposed' };
      update(state, request.history);
      const view: MoveView = {
        own: state.own,
        opponent: state.opponent,
        round: request.round,
        game: gameOf(request.game),
        turns: request.turns < 0 ? undefined : request.turns,
        cluster: request.cluster ?? undefined,
        random: () => draw('view', 1)[0]!,
      };
      return { move: await state.player.moveTagged(view, request.announce === true) };
    }
    case 'release':
      for (const player of request.players) players.delete(player);
      return { ok: true };
    case 'dispose':
      modules.get(request.module)?.dispose();
      modules.delete(request.module);
      return { ok: true };
    case 'match':
      return playPrepared(prepareMatch(request));
    case 'batch':
      throw new Error('a batch inside a batch');
  }
}

/** A match request's line made ready (kept by its text: see preparedMatches). */
function preparedFor(line: string, request: Extract<Request, { op: 'match' }>): PreparedMatch | undefined {
  const match = prepareMatch(request);
  if (match !== undefined) {
    if (preparedMatches.size >= PREPARED_MATCHES_KEPT) preparedMatches.clear();
    preparedMatches.set(line, match);
  }
  return match;
}

/** The answer to one line from the host (undefined: a batch, answered already): a match asked for before is played as prepared then. */
async function answer(line: string): Promise<Reply | undefined> {
  const prepared = preparedMatches.get(line);
  if (prepared !== undefined) return playPrepared(prepared);
  const request = JSON.parse(line) as Request;
  if (request.op === 'batch') {
    await answerBatch(request);
    return undefined;
  }
  if (request.op !== 'match') {
    if (request.op === 'load' || request.op === 'dispose') preparedMatches.clear();
    return handle(request);
  }
  return playPrepared(preparedFor(line, request));
}

/**
 * Plays a batch's matches in order (sandbox-protocol.ts BatchRequest), answering each as it ends,
 * so that the host knows the outcomes before a match that ends this process. Every line of the
 * batch is read before the first match is played: the host writes them all before it reads.
 */
async function answerBatch(batch: Extract<Request, { op: 'batch' }>): Promise<void> {
  const lines: string[] = [];
  for (let index = 0; index < batch.count; index++) {
    const line = readLine();
    if (line === undefined) process.exit(0);
    lines.push(line);
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let reply: Reply;
    try {
      const request = preparedMatches.has(line) ? undefined : (JSON.parse(line) as Request);
      if (request !== undefined && request.op !== 'match') throw new Error(`a batch holds matches only, not '${String(request.op)}'`);
      reply = await playPrepared(request === undefined ? preparedMatches.get(line) : preparedFor(line, request), batch.drawn[index] ?? null);
    } catch (error) {
      reply = { error: errorText(error) };
    }
    send(reply);
    if (!('outcome' in reply)) return;
  }
}

for (;;) {
  const line = readLine();
  if (line === undefined) break;
  let reply: Reply | undefined;
  try {
    reply = await answer(line);
  } catch (error) {
    reply = { error: errorText(error) };
  }
  if (reply !== undefined) send(reply);
}
process.exit(0);
