import type { Game } from './game.js';
import { appendMove, COOPERATE, DEFECT, History, MOVE_OF_CODE } from './history.js';
import { geometricTrials, geometricTrialsWith, type RandomSource } from './random.js';
import { CHOICE_DRAWN, compiledMachineFor, contextIndex, CONTEXTS, isDeterred, TOURNAMENT_CONTEXT, type CompiledMachine } from './machine.js';
import { StrategyFault } from './errors.js';

export type { CompiledMachine };
import type { ClusterContext, Move, MoveView, ParameterValues, Player, Strategy } from './strategy.js';
import { resolveParameters } from './strategy.js';

/** How a match is played: the game, a fixed length (`turns`) or an end probability (`probEnd`), and noise. */
export interface MatchSettings {
  readonly game: Game;
  /** Fixed match length; ignored when probEnd is set. */
  readonly turns: number;
  /** Probability that the match ends after each round (length ~ geometric); undefined for a fixed length. */
  readonly probEnd?: number | undefined;
  /** Probability that each chosen move is flipped before it is played. */
  readonly noise: number;
  /**
   * Play the match as one relationship of the cluster would, in a joint activity with fixed
   * trust and sanctions (play mode's --activity). Undefined in a plain tournament.
   */
  readonly cluster?: ClusterContext | undefined;
}

/** Where a match gets its randomness from: one stream per purpose, created on first use. */
export type StreamFactory = (purpose: StreamPurpose) => RandomSource;

/** seatN: that player's own stream (view.random); noise: the flips of both seats' moves; length: a probabilistic end. */
export type StreamPurpose = 'seat0' | 'seat1' | 'noise' | 'length';

/** A strategy ready to play: parameters resolved and, if it has one, its machine compiled. */
export interface Contestant {
  readonly strategy: Strategy;
  readonly parameters: ParameterValues;
  readonly machine: CompiledMachine | undefined;
}

/** The outcome of one match: the number of turns, both totals and both co-operation counts (and the moves, when recorded). */
export interface MatchResult {
  readonly turns: number;
  readonly scores: [number, number];
  readonly cooperations: [number, number];
  /** The moves as played, when recording was asked for. */
  readonly moves?: [Move[], Move[]];
}

/** A strategy made ready to play a game: its finite-state machine compiled once, so that many matches reuse it. */
/** A whole match played elsewhere: the outcome (turns, both scores, both defection counts) and, when asked for, the moves. */
export interface RemoteMatchResult {
  readonly outcome: readonly [number, number, number, number, number];
  readonly moves?: [Move[], Move[]];
}

/**
 * Plays whole matches where a strategy runs when that is cheaper than a call per move (a
 * sandboxed module in its own process), drawing from the same streams in the same order, so the
 * result is the one playMatch would give. Returns undefined to have the match played here.
 */
export interface RemoteMatches {
  play(first: Contestant, second: Contestant, settings: MatchSettings, streams: StreamFactory, record: boolean): RemoteMatchResult | undefined;
  /** Whether play() of this pair (unrecorded) can be one match of a playBatch. */
  batchable?(first: Contestant, second: Contestant, settings: MatchSettings): boolean;
  /**
   * Plays `matches` (each batchable) in order, as that many calls of play() would, in one crossing
   * where play() makes one a match, and writes each one's outcome (OUTCOME_SIZE numbers, first
   * seat first) to `outcomes` from OUTCOME_SIZE × its index. Stops at the first match that throws:
   * `played` is how many came before it, `fault` what it threw (undefined when all were played).
   */
  playBatch?(matches: readonly RemoteMatch[], settings: MatchSettings, outcomes: Float64Array): RemoteBatchResult;
}

/** One match of a batch: its two contestants, first seat first, and its streams. */
export interface RemoteMatch {
  readonly first: Contestant;
  readonly second: Contestant;
  readonly streams: StreamFactory;
}

export interface RemoteBatchResult {
  readonly played: number;
  readonly fault: unknown;
}

/** A strategy that plays whole matches where it runs (a sandboxed module's own process) carries its RemoteMatches. */
export interface PlaysRemotely {
  readonly remoteMatches?: RemoteMatches;
}

function playRemotely(first: Contestant, second: Contestant, settings: MatchSettings, streams: StreamFactory, record: boolean): RemoteMatchResult | undefined {
  const remote = (first.strategy as PlaysRemotely).remoteMatches ?? (second.strategy as PlaysRemotely).remoteMatches;
  return remote === undefined ? undefined : remote.play(first, second, settings, streams, record);
}

/**
 * Readies a strategy to play `game` once, before any match: its parameters resolved (the
 * defaults filled in, `given` checked against its spec) and, for a finite-state strategy, its
 * machine compiled, so that every match it then plays with `playMatch` takes the fast path.
 */
export function prepareContestant(strategy: Strategy, game: Game, given?: ParameterValues): Contestant {
  const parameters = resolveParameters(strategy, given);
  const finiteState = strategy.finiteState;
  const machine = finiteState ? compiledMachineFor(strategy, finiteState, parameters, game, () => strategy.finiteState!(parameters, game)) : undefined;
  return { strategy, parameters, machine };
}

/** The context index a machine plays in: a tournament's, or a fixed cluster relationship's. */
export function machineContext(machine: CompiledMachine, game: Game, cluster: ClusterContext | undefined): number {
  if (cluster === undefined) return TOURNAMENT_CONTEXT;
  return contextIndex(cluster.activity.lowRisk, cluster.trust >= machine.trustThreshold, isDeterred(game, cluster.sanctions.detection, cluster.sanctions.fine));
}

const payoffTables = new WeakMap<Game, Float64Array>();

/** Payoff to the first player by outcome index (own move first): (C,C), (C,D), (D,C), (D,D). One per game object. */
function payoffTable(game: Game): Float64Array {
  let table = payoffTables.get(game);
  if (table === undefined) {
    table = Float64Array.of(game.R, game.S, game.T, game.P);
    payoffTables.set(game, table);
  }
  return table;
}

function matchLength(settings: MatchSettings, streams: StreamFactory): number {
  return settings.probEnd === undefined ? settings.turns : geometricTrials(settings.probEnd, streams('length'));
}

/** Where playMatchInto writes a match's outcome: OUTCOME_SIZE numbers from an offset. */
export const OUTCOME_TURNS = 0;
export const OUTCOME_SCORE = 1; // + seat
export const OUTCOME_DEFECTIONS = 3; // + seat
export const OUTCOME_SIZE = 5;

/**
 * Plays one match. Both contestants with a compiled machine take the typed-array fast path;
 * otherwise every move goes through Player.move. Both paths draw the same random numbers in
 * the same order, so they give identical results.
 */
export function playMatch(first: Contestant, second: Contestant, settings: MatchSettings, streams: StreamFactory, record = false): MatchResult {
  const remote = playRemotely(first, second, settings, streams, record);
  if (remote !== undefined) return matchResultOf(remote);
  const outcome = new Float64Array(OUTCOME_SIZE);
  const turns = matchLength(settings, streams);
  const trace = record ? new Uint8Array(turns * 2) : undefined;
  if (first.machine !== undefined && second.machine !== undefined) {
    playMachines(first.machine, second.machine, turns, settings, streams, outcome, 0, trace);
  } else {
    playGeneral(first, second, turns, settings, streams, outcome, 0, trace);
  }
  return matchResult(outcome, trace);
}

/**
 * Plays one match and writes [turns, score0, score1, defections0, defections1] to
 * `outcome` at `offset`: the allocation-free form a tournament uses.
 */
export function playMatchInto(
  first: Contestant,
  second: Contestant,
  settings: MatchSettings,
  streams: StreamFactory,
  outcome: Float64Array,
  offset: number,
): void {
  const remote = playRemotely(first, second, settings, streams, false);
  if (remote !== undefined) {
    outcome.set(remote.outcome, offset);
    return;
  }
  const turns = matchLength(settings, streams);
  if (first.machine !== undefined && second.machine !== undefined) {
    playMachines(first.machine, second.machine, turns, settings, streams, outcome, offset, undefined);
  } else {
    playGeneral(first, second, turns, settings, streams, outcome, offset, undefined);
  }
}

function matchResultOf(remote: RemoteMatchResult): MatchResult {
  const [turns, score0, score1, defections0, defections1] = remote.outcome;
  const result: MatchResult = { turns, scores: [score0, score1], cooperations: [turns - defections0, turns - defections1] };
  return remote.moves === undefined ? result : { ...result, moves: remote.moves };
}

function matchResult(outcome: Float64Array, trace: Uint8Array | undefined): MatchResult {
  const turns = outcome[OUTCOME_TURNS]!;
  const result: MatchResult = {
    turns,
    scores: [outcome[OUTCOME_SCORE]!, outcome[OUTCOME_SCORE + 1]!],
    cooperations: [turns - outcome[OUTCOME_DEFECTIONS]!, turns - outcome[OUTCOME_DEFECTIONS + 1]!],
  };
  if (trace === undefined) return result;
  const moves: [Move[], Move[]] = [[], []];
  for (let turn = 0; turn < turns; turn++) {
    moves[0].push(MOVE_OF_CODE[trace[turn * 2]!]!);
    moves[1].push(MOVE_OF_CODE[trace[turn * 2 + 1]!]!);
  }
  return { ...result, moves };
}

/**
 * Noise flips drawn as gaps between flips: one draw per flip rather than one per move.
 * Draws happen in a fixed order (both seats' first gaps, then each flip as it happens,
 * seat 0 before seat 1 within a turn). playMachines inlines the same schedule; the tests
 * check that both paths give identical matches.
 */
class NoiseSchedule {
  readonly nextFlip: [number, number] = [Infinity, Infinity];
  private readonly source: RandomSource | undefined;

  constructor(
    private readonly noise: number,
    streams: StreamFactory,
  ) {
    if (noise > 0) {
      this.source = streams('noise');
      this.nextFlip[0] = geometricTrials(noise, this.source) - 1;
      this.nextFlip[1] = geometricTrials(noise, this.source) - 1;
    }
  }

  /** The move code as played at turn `turn` (0-based) by `seat`. */
  apply(seat: 0 | 1, turn: number, code: number): number {
    if (turn !== this.nextFlip[seat]) return code;
    this.nextFlip[seat] = turn + geometricTrials(this.noise, this.source!);
    return code ^ 1;
  }
}

function playMachines(
  a: CompiledMachine,
  b: CompiledMachine,
  turns: number,
  settings: MatchSettings,
  streams: StreamFactory,
  outcome: Float64Array,
  offset: number,
  trace: Uint8Array | undefined,
): void {
  (countable(settings.game, turns) ? runMachines : runMachinesSumming)(
    a,
    b,
    turns,
    settings.game,
    settings.cluster,
    a.stochastic ? streams('seat0') : undefined,
    b.stochastic ? streams('seat1') : undefined,
    settings.noise,
    settings.noise > 0 ? streams('noise') : undefined,
    trace,
    outcome,
    offset,
  );
}

/**
 * The tournament's hot loop, kept small so the JIT optimises it early and free of
 * allocation. The noise schedule is NoiseSchedule's, inlined. For whole-number payoffs the
 * loop only counts defections and mutual defections, and the scores are worked out from the
 * counts at the end: the same numbers as summing payoff by payoff, since every partial sum is
 * a whole number below 2^53. Other payoffs are summed in play order (runMachinesSumming).
 */
function runMachines(
  a: CompiledMachine,
  b: CompiledMachine,
  turns: number,
  game: Game,
  cluster: ClusterContext | undefined,
  randomA: RandomSource | undefined,
  randomB: RandomSource | undefined,
  noise: number,
  noiseSource: RandomSource | undefined,
  trace: Uint8Array | undefined,
  outcome: Float64Array,
  offset: number,
): void {
  const choiceA = a.choice;
  const choiceB = b.choice;
  const contextA = machineContext(a, game, cluster);
  const contextB = machineContext(b, game, cluster);
  const nextA = a.next;
  const nextB = b.next;
  const log1pMinusNoise = Math.log1p(-noise);
  let flipA = noiseSource === undefined ? -1 : geometricTrialsWith(noise, log1pMinusNoise, noiseSource) - 1;
  let flipB = noiseSource === undefined ? -1 : geometricTrialsWith(noise, log1pMinusNoise, noiseSource) - 1;
  let stateA = a.initial;
  let stateB = b.initial;
  let defectionsA = 0;
  let defectionsB = 0;
  let mutualDefections = 0;
  for (let turn = 0; turn < turns; turn++) {
    let moveA = choiceA[stateA * CONTEXTS + contextA]!;
    let moveB = choiceB[stateB * CONTEXTS + contextB]!;
    if (moveA === CHOICE_DRAWN) moveA = randomA!() < a.cooperate[stateA * CONTEXTS + contextA]! ? COOPERATE : DEFECT;
    if (moveB === CHOICE_DRAWN) moveB = randomB!() < b.cooperate[stateB * CONTEXTS + contextB]! ? COOPERATE : DEFECT;
    if (turn === flipA) {
      moveA ^= 1;
      flipA = turn + geometricTrialsWith(noise, log1pMinusNoise, noiseSource!);
    }
    if (turn === flipB) {
      moveB ^= 1;
      flipB = turn + geometricTrialsWith(noise, log1pMinusNoise, noiseSource!);
    }
    defectionsA += moveA;
    defectionsB += moveB;
    mutualDefections += moveA & moveB;
    stateA = nextA[stateA * 4 + moveA * 2 + moveB]!;
    stateB = nextB[stateB * 4 + moveB * 2 + moveA]!;
    if (trace !== undefined) {
      trace[turn * 2] = moveA;
      trace[turn * 2 + 1] = moveB;
    }
  }
  const onlyA = defectionsA - mutualDefections;
  const onlyB = defectionsB - mutualDefections;
  const mutualCooperations = turns - defectionsA - onlyB;
  outcome[offset + OUTCOME_TURNS] = turns;
  // 0 + …: a sum of payoffs starts from +0, so a total of zero is +0 whatever the payoffs' signs.
  outcome[offset + OUTCOME_SCORE] = 0 + mutualCooperations * game.R + onlyB * game.S + onlyA * game.T + mutualDefections * game.P;
  outcome[offset + OUTCOME_SCORE + 1] = 0 + mutualCooperations * game.R + onlyA * game.S + onlyB * game.T + mutualDefections * game.P;
  outcome[offset + OUTCOME_DEFECTIONS] = defectionsA;
  outcome[offset + OUTCOME_DEFECTIONS + 1] = defectionsB;
}

/** Whether a match's scores are sums of whole numbers that stay exact (below 2^53) in any order. */
function countable(game: Game, turns: number): boolean {
  const largest = Math.max(Math.abs(game.R), Math.abs(game.S), Math.abs(game.T), Math.abs(game.P));
  return (
    Number.isInteger(game.R) && Number.isInteger(game.S) && Number.isInteger(game.T) && Number.isInteger(game.P) && largest * turns <= Number.MAX_SAFE_INTEGER
  );
}

/** runMachines for payoffs that are not whole numbers: each turn's payoff added in play order, as ever. */
function runMachinesSumming(
  a: CompiledMachine,
  b: CompiledMachine,
  turns: number,
  game: Game,
  cluster: ClusterContext | undefined,
  randomA: RandomSource | undefined,
  randomB: RandomSource | undefined,
  noise: number,
  noiseSource: RandomSource | undefined,
  trace: Uint8Array | undefined,
  outcome: Float64Array,
  offset: number,
): void {
  const payoff = payoffTable(game);
  const coopA = a.cooperate;
  const coopB = b.cooperate;
  const contextA = machineContext(a, game, cluster);
  const contextB = machineContext(b, game, cluster);
  const nextA = a.next;
  const nextB = b.next;
  const log1pMinusNoise = Math.log1p(-noise);
  let flipA = noiseSource === undefined ? -1 : geometricTrialsWith(noise, log1pMinusNoise, noiseSource) - 1;
  let flipB = noiseSource === undefined ? -1 : geometricTrialsWith(noise, log1pMinusNoise, noiseSource) - 1;
  let stateA = a.initial;
  let stateB = b.initial;
  let scoreA = 0;
  let scoreB = 0;
  let defectionsA = 0;
  let defectionsB = 0;
  for (let turn = 0; turn < turns; turn++) {
    const pA = coopA[stateA * CONTEXTS + contextA]!;
    const pB = coopB[stateB * CONTEXTS + contextB]!;
    let moveA = pA >= 1 ? COOPERATE : pA <= 0 ? DEFECT : randomA!() < pA ? COOPERATE : DEFECT;
    let moveB = pB >= 1 ? COOPERATE : pB <= 0 ? DEFECT : randomB!() < pB ? COOPERATE : DEFECT;
    if (turn === flipA) {
      moveA ^= 1;
      flipA = turn + geometricTrialsWith(noise, log1pMinusNoise, noiseSource!);
    }
    if (turn === flipB) {
      moveB ^= 1;
      flipB = turn + geometricTrialsWith(noise, log1pMinusNoise, noiseSource!);
    }
    scoreA += payoff[moveA * 2 + moveB]!;
    scoreB += payoff[moveB * 2 + moveA]!;
    defectionsA += moveA;
    defectionsB += moveB;
    stateA = nextA[stateA * 4 + moveA * 2 + moveB]!;
    stateB = nextB[stateB * 4 + moveB * 2 + moveA]!;
    if (trace !== undefined) {
      trace[turn * 2] = moveA;
      trace[turn * 2 + 1] = moveB;
    }
  }
  outcome[offset + OUTCOME_TURNS] = turns;
  outcome[offset + OUTCOME_SCORE] = scoreA;
  outcome[offset + OUTCOME_SCORE + 1] = scoreB;
  outcome[offset + OUTCOME_DEFECTIONS] = defectionsA;
  outcome[offset + OUTCOME_DEFECTIONS + 1] = defectionsB;
}

/** The view one player sees; the engine advances `round`, the histories are shared read-only. */
export class PlayerView implements MoveView {
  round = 0;
  private source: RandomSource | undefined;

  constructor(
    readonly own: History,
    readonly opponent: History,
    readonly game: Game,
    readonly turns: number | undefined,
    private readonly makeSource: () => RandomSource,
    readonly cluster: ClusterContext | undefined = undefined,
  ) {}

  random(): number {
    this.source ??= this.makeSource();
    return this.source();
  }
}

/** Asks a player for its move, turning anything but 'C' or 'D' into a StrategyFault. */
export function askMove(player: Player, view: MoveView, strategyId: string): number {
  let move: unknown;
  try {
    move = player.move(view);
  } catch (error) {
    throw new StrategyFault(strategyId, `threw on round ${view.round}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (move === 'C') return COOPERATE;
  if (move === 'D') return DEFECT;
  throw new StrategyFault(strategyId, `returned ${describeValue(move)} on round ${view.round}, expected 'C' or 'D'`);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Promise) return 'a Promise';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function playGeneral(
  first: Contestant,
  second: Contestant,
  turns: number,
  settings: MatchSettings,
  streams: StreamFactory,
  outcome: Float64Array,
  offset: number,
  trace: Uint8Array | undefined,
): void {
  const payoff = payoffTable(settings.game);
  const knownTurns = settings.probEnd === undefined ? turns : undefined;
  const capacity = Math.min(turns, 1 << 16);
  const historyA = new History(capacity);
  const historyB = new History(capacity);
  const viewA = new PlayerView(historyA, historyB, settings.game, knownTurns, () => streams('seat0'), settings.cluster);
  const viewB = new PlayerView(historyB, historyA, settings.game, knownTurns, () => streams('seat1'), settings.cluster);
  const playerA = createPlayer(first);
  const playerB = createPlayer(second);
  const noise = new NoiseSchedule(settings.noise, streams);
  let scoreA = 0;
  let scoreB = 0;
  for (let turn = 0; turn < turns; turn++) {
    viewA.round = turn + 1;
    viewB.round = turn + 1;
    const chosenA = askMove(playerA, viewA, first.strategy.id);
    const chosenB = askMove(playerB, viewB, second.strategy.id);
    const moveA = noise.apply(0, turn, chosenA);
    const moveB = noise.apply(1, turn, chosenB);
    scoreA += payoff[moveA * 2 + moveB]!;
    scoreB += payoff[moveB * 2 + moveA]!;
    appendMove(historyA, moveA);
    appendMove(historyB, moveB);
    if (trace !== undefined) {
      trace[turn * 2] = moveA;
      trace[turn * 2 + 1] = moveB;
    }
  }
  outcome[offset + OUTCOME_TURNS] = turns;
  outcome[offset + OUTCOME_SCORE] = scoreA;
  outcome[offset + OUTCOME_SCORE + 1] = scoreB;
  outcome[offset + OUTCOME_DEFECTIONS] = historyA.defections;
  outcome[offset + OUTCOME_DEFECTIONS + 1] = historyB.defections;
}

function createPlayer(contestant: Contestant): Player {
  try {
    return contestant.strategy.create(contestant.parameters);
  } catch (error) {
    throw new StrategyFault(contestant.strategy.id, `could not create a player: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Plays a match through the general path even for finite-state strategies (used to check the fast path). */
export function playMatchGeneral(first: Contestant, second: Contestant, settings: MatchSettings, streams: StreamFactory, record = false): MatchResult {
  return playMatch({ ...first, machine: undefined }, second, settings, streams, record);
}
