/**
 * Whole matches played in the sandbox's own process (sandbox-child.ts), with the result the
 * engine's general path (core/match.ts playGeneral) gives: the same draws from the same streams,
 * the same moves, scores and faults. Every call that runs a module's code is asynchronous (see
 * ModuleSandbox.callModule), so the match loop is too.
 *
 * Against a finite-state built-in in a plain tournament the whole match is played inside the
 * module's isolate, in one call (SandboxedPlayer.playMachine); anything else (two modules, a
 * built-in without a machine, a cluster relationship) is played move by move from here.
 */
import { StrategyFault } from '../core/errors.js';
import { appendMove, History, MOVE_OF_CODE } from '../core/history.js';
import { TOURNAMENT_CONTEXT } from '../core/machine.js';
import { askMove, type Contestant, type MatchSettings, PlayerView, type StreamFactory } from '../core/match.js';
import { geometricTrials } from '../core/random.js';
import type { Move, MoveView, ParameterValues, Player } from '../core/strategy.js';
import { asMove, type IsolateStrategy, type MachineOutcome, MatchClock, type SandboxedPlayer } from './isolate.js';

/**
 * Shared with the sandbox process's move watchdog (sandbox-child.ts): [0] a number for the module
 * move under way in playModules (0: none), [1] the CPU time (ms) it may use before the process ends
 * itself, [2] never written (the watchdog sleeps on it).
 */
export const MOVE_WATCH = new Int32Array(new SharedArrayBuffer(3 * 4));

let watchedMoves = 0;

/** A number for the next move in MOVE_WATCH, never 0 and never the one before. */
function nextWatchedMove(): number {
  watchedMoves = (watchedMoves % 2_000_000_000) + 1;
  return watchedMoves;
}

/** How many times its move budget a move between two modules may run before the watchdog stops it (a move over the budget that ends by itself is disqualified as it ends). */
const RUNAWAY_FACTOR = 3;

/** One side of a match: a module loaded here (its players answer asynchronously), or a built-in ready to play. */
export type SandboxSide =
  | { readonly module: IsolateStrategy; readonly parameters: ParameterValues }
  | { readonly module?: undefined; readonly contestant: Contestant };

/** [turns, score0, score1, defections0, defections1], and the moves as 'CD…|DC…' when recorded. */
export interface SandboxMatchResult {
  readonly outcome: [number, number, number, number, number];
  readonly trace?: string;
}

type ReadyPlayer = { readonly sandboxed: SandboxedPlayer } | { readonly sandboxed?: undefined; readonly player: Player };

function idOf(side: SandboxSide): string {
  return side.module === undefined ? side.contestant.strategy.id : side.module.id;
}

/**
 * The turns (0-based) at which the noise flips each seat's move: the draws NoiseSchedule makes as
 * the match goes (both seats' first gaps, then each flip as it happens, seat 0 before seat 1),
 * made beforehand: they never depend on the moves.
 */
export function noiseFlips(noise: number, turns: number, streams: StreamFactory): [number[], number[]] {
  const flips: [number[], number[]] = [[], []];
  if (!(noise > 0)) return flips;
  const source = streams('noise');
  const next = [geometricTrials(noise, source) - 1, geometricTrials(noise, source) - 1];
  for (let turn = 0; turn < turns; turn++) {
    for (const seat of [0, 1] as const) {
      if (turn !== next[seat]) continue;
      flips[seat].push(turn);
      next[seat] = turn + geometricTrials(noise, source);
    }
  }
  return flips;
}

async function createSide(side: SandboxSide): Promise<ReadyPlayer> {
  try {
    if (side.module !== undefined) return { sandboxed: await side.module.create(side.parameters) };
    return { player: side.contestant.strategy.create(side.contestant.parameters) };
  } catch (error) {
    throw new StrategyFault(idOf(side), `could not create a player: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A stand-in player whose move is what the module answered, so that askMove words the fault exactly as for any player. */
function answered(run: () => unknown): Player {
  return { move: () => run() as Move };
}

async function ask(ready: ReadyPlayer, view: MoveView, id: string): Promise<number> {
  if (ready.sandboxed === undefined) return askMove(ready.player, view, id);
  let tagged: string;
  try {
    tagged = await ready.sandboxed.moveTagged(view);
  } catch (error) {
    return askMove(
      answered(() => {
        throw error;
      }),
      view,
      id,
    );
  }
  return askMove(
    answered(() => asMove(tagged)),
    view,
    id,
  );
}

/** A match's length and noise flips drawn already (by the host, from the match's own streams: see sandbox-protocol.ts BatchRequest). */
export interface PredrawnMatch {
  readonly turns: number;
  readonly flips: [number[], number[]];
}

/**
 * Plays one match between two sides loaded in this process. Throws StrategyFault as playMatch
 * would. `predrawn`, when given, is its length and noise flips, the numbers it would draw itself.
 */
export async function playSandboxMatch(
  first: SandboxSide,
  second: SandboxSide,
  settings: MatchSettings,
  streams: StreamFactory,
  record: boolean,
  predrawn?: PredrawnMatch,
): Promise<SandboxMatchResult> {
  const turns = predrawn?.turns ?? (settings.probEnd === undefined ? settings.turns : geometricTrials(settings.probEnd, streams('length')));
  const knownTurns = settings.probEnd === undefined ? turns : undefined;
  const flips = (): [number[], number[]] => predrawn?.flips ?? noiseFlips(settings.noise, turns, streams);
  if (settings.cluster === undefined) {
    if (first.module !== undefined && second.module === undefined && second.contestant.machine !== undefined) {
      return playAgainstMachine(first, 0, second.contestant, turns, knownTurns, settings, streams, record, flips);
    }
    if (second.module !== undefined && first.module === undefined && first.contestant.machine !== undefined) {
      return playAgainstMachine(second, 1, first.contestant, turns, knownTurns, settings, streams, record, flips);
    }
    if (first.module !== undefined && second.module !== undefined) return playModules(first, second, turns, knownTurns, settings, streams, record, flips);
  }
  return playMoveByMove(first, second, turns, knownTurns, settings, streams, record, flips);
}

async function playAgainstMachine(
  module: SandboxSide & { readonly module: IsolateStrategy },
  seat: 0 | 1,
  machine: Contestant,
  turns: number,
  knownTurns: number | undefined,
  settings: MatchSettings,
  streams: StreamFactory,
  record: boolean,
  drawFlips: () => [number[], number[]],
): Promise<SandboxMatchResult> {
  // The engine creates the first seat's player first; a built-in's creation has no effect to order.
  const flips = drawFlips();
  let result: MachineOutcome;
  try {
    result = await module.module.playMachine(module.parameters, {
      seat,
      machine: machine.machine!,
      context: TOURNAMENT_CONTEXT,
      turns,
      knownTurns,
      game: settings.game,
      flips,
      record,
      draw: (purpose, count) => {
        const source = streams(purpose as 'seat0' | 'seat1');
        const values = new Array<number>(count);
        for (let i = 0; i < count; i++) values[i] = source();
        return values;
      },
    });
  } catch (error) {
    throw new StrategyFault(module.module.id, `could not create a player: ${error instanceof Error ? error.message : String(error)}`);
  }
  if ('outcome' in result) return record ? { outcome: result.outcome, trace: result.trace } : { outcome: result.outcome };
  const view = { round: result.round } as MoveView;
  askMove(
    answered(() => {
      if ('error' in result) throw new Error(result.error);
      return result.returned;
    }),
    view,
    module.module.id,
  );
  throw new StrategyFault(module.module.id, `returned a move it may not play on round ${result.round}`);
}

/** A module's move in playModules as askMove words its fault: 0 (C) or 1 (D), or a StrategyFault. */
function moveCode(player: SandboxedPlayer, packed: number, clock: MatchClock, view: { round: number }, id: string): number {
  let tagged: string;
  try {
    tagged = player.moveInMatch(packed, clock);
  } catch (error) {
    return askMove(
      answered(() => {
        throw error;
      }),
      view as MoveView,
      id,
    );
  }
  if (tagged === 'C') return 0;
  if (tagged === 'D') return 1;
  return askMove(
    answered(() => asMove(tagged)),
    view as MoveView,
    id,
  );
}

/**
 * A match between two modules (or a module and itself) in a plain tournament: the engine's general
 * path, a synchronous call per move into each isolate without a time limit per call (see
 * SandboxedPlayer.moveInMatch); each player's history is kept in its isolate and each move sends
 * only the last round, so nothing but two numbers and a letter crosses per move.
 */
async function playModules(
  first: SandboxSide & { readonly module: IsolateStrategy },
  second: SandboxSide & { readonly module: IsolateStrategy },
  turns: number,
  knownTurns: number | undefined,
  settings: MatchSettings,
  streams: StreamFactory,
  record: boolean,
  drawFlips: () => [number[], number[]],
): Promise<SandboxMatchResult> {
  const { R, S, T, P } = settings.game;
  const payoff = [R, S, T, P];
  const playerA = (await createSide(first)).sandboxed!;
  const playerB = (await createSide(second)).sandboxed!;
  const [flipsA, flipsB] = drawFlips();
  const idA = first.module.id;
  const idB = second.module.id;
  playerA.startMatch(settings.game, knownTurns, () => streams('seat0')());
  playerB.startMatch(settings.game, knownTurns, () => streams('seat1')());
  const clock = new MatchClock();
  const view = { round: 0 };
  MOVE_WATCH[1] = RUNAWAY_FACTOR * Math.max(first.module.limits.moveMs, second.module.limits.moveMs);
  const traceA = record ? new Uint8Array(turns) : undefined;
  const traceB = record ? new Uint8Array(turns) : undefined;
  let scoreA = 0;
  let scoreB = 0;
  let defectionsA = 0;
  let defectionsB = 0;
  let flipA = 0;
  let flipB = 0;
  let lastA = 0;
  let lastB = 0;
  try {
    for (let turn = 0; turn < turns; turn++) {
      const round = turn + 1;
      view.round = round;
      const step = turn === 0 ? 0 : 4;
      MOVE_WATCH[0] = nextWatchedMove();
      let moveA = moveCode(playerA, round * 8 + step + lastA * 2 + lastB, clock, view, idA);
      MOVE_WATCH[0] = nextWatchedMove();
      let moveB = moveCode(playerB, round * 8 + step + lastB * 2 + lastA, clock, view, idB);
      if (turn === flipsA[flipA]) {
        moveA ^= 1;
        flipA++;
      }
      if (turn === flipsB[flipB]) {
        moveB ^= 1;
        flipB++;
      }
      scoreA += payoff[moveA * 2 + moveB]!;
      scoreB += payoff[moveB * 2 + moveA]!;
      defectionsA += moveA;
      defectionsB += moveB;
      lastA = moveA;
      lastB = moveB;
      if (traceA !== undefined && traceB !== undefined) {
        traceA[turn] = moveA;
        traceB[turn] = moveB;
      }
    }
  } finally {
    MOVE_WATCH[0] = 0;
  }
  const outcome: [number, number, number, number, number] = [turns, scoreA, scoreB, defectionsA, defectionsB];
  if (traceA === undefined || traceB === undefined) return { outcome };
  const letters = (codes: Uint8Array): string => Array.from(codes, (code) => MOVE_OF_CODE[code]!).join('');
  return { outcome, trace: `${letters(traceA)}|${letters(traceB)}` };
}

async function playMoveByMove(
  first: SandboxSide,
  second: SandboxSide,
  turns: number,
  knownTurns: number | undefined,
  settings: MatchSettings,
  streams: StreamFactory,
  record: boolean,
  drawFlips: () => [number[], number[]],
): Promise<SandboxMatchResult> {
  const { R, S, T, P } = settings.game;
  const payoff = [R, S, T, P];
  const capacity = Math.min(turns, 1 << 16);
  const historyA = new History(capacity);
  const historyB = new History(capacity);
  const viewA = new PlayerView(historyA, historyB, settings.game, knownTurns, () => streams('seat0'), settings.cluster);
  const viewB = new PlayerView(historyB, historyA, settings.game, knownTurns, () => streams('seat1'), settings.cluster);
  const playerA = await createSide(first);
  const playerB = await createSide(second);
  const [flipsA, flipsB] = drawFlips();
  const idA = idOf(first);
  const idB = idOf(second);
  const trace: [string[], string[]] | undefined = record ? [[], []] : undefined;
  let scoreA = 0;
  let scoreB = 0;
  let flipA = 0;
  let flipB = 0;
  for (let turn = 0; turn < turns; turn++) {
    viewA.round = turn + 1;
    viewB.round = turn + 1;
    let moveA = await ask(playerA, viewA, idA);
    let moveB = await ask(playerB, viewB, idB);
    if (turn === flipsA[flipA]) {
      moveA ^= 1;
      flipA++;
    }
    if (turn === flipsB[flipB]) {
      moveB ^= 1;
      flipB++;
    }
    scoreA += payoff[moveA * 2 + moveB]!;
    scoreB += payoff[moveB * 2 + moveA]!;
    appendMove(historyA, moveA);
    appendMove(historyB, moveB);
    if (trace !== undefined) {
      trace[0].push(MOVE_OF_CODE[moveA]!);
      trace[1].push(MOVE_OF_CODE[moveB]!);
    }
  }
  const outcome: [number, number, number, number, number] = [turns, scoreA, scoreB, historyA.defections, historyB.defections];
  return trace === undefined ? { outcome } : { outcome, trace: `${trace[0].join('')}|${trace[1].join('')}` };
}
