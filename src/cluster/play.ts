import { StrategyFault } from '../core/errors.js';
import { askMove } from '../core/match.js';
import { CONTEXTS } from '../core/machine.js';
import { geometricTrialsOn, type RandomSource, type StreamState } from '../core/random.js';
import type { ActivityView, ClusterContext, Game, Move, MoveView, Player, ReputationView, SanctionsView } from '../core/strategy.js';
import { askAnnouncement, communicationOn, speaks } from './communication.js';
import type { PlayTally } from './metrics.js';
import { WindowHistory } from './relationships.js';
import { activityContext, buyerBonus, fineOf, jointTrust, NO_ACTIVITY, payoffGrid, rungAt, rungThresholds, sanctionsOn, trustAfter } from './round-rules.js';
import { trustAfterGrievances } from './rivalry.js';
import { generatorOf, streamOf, type ClusterState } from './state.js';

/** The view a general-path strategy sees on the lattice; re-pointed at each side in turn. */
class LatticeView implements MoveView, ClusterContext {
  round = 1;
  game: Game = { R: 1, S: 0, T: 1, P: 0 };
  readonly turns = undefined;
  activity: ActivityView = { name: '', lowRisk: false, cost: 0 };
  trust = 1;
  sanctions: SanctionsView = { detection: 0, fine: 0, compensate: false };
  generation = 0;
  reputation: ReputationView | undefined = undefined;
  announcement: Move | undefined = undefined;
  promisesBroken: number | undefined = undefined;
  random: () => number = () => 0;

  constructor(
    readonly own: WindowHistory,
    readonly opponent: WindowHistory,
  ) {}

  get cluster(): ClusterContext {
    return this;
  }
}

/**
 * Plays every relationship for a generation's rounds, relationship by relationship: each round
 * the pair's joint trust picks the activity, both sides choose (compiled machines on the fast
 * path, move() otherwise), noise flips moves, and the round is settled by the round rules.
 * Writes payoffs, trust, histories and machine states; returns the generation's totals.
 * A generation without draws during play goes through split-play-kernel.ts instead (model.ts),
 * on any number of threads; this loop is the general one and the reference the kernel is tested against.
 */
export function playGeneration(state: ClusterState): PlayTally {
  const activityCount = state.activities.count;
  const firms = state.observe ? state.space.size : 0;
  const counts: PlayCounts = {
    activityRounds: new Float64Array(activityCount),
    activityCooperations: new Float64Array(activityCount),
    rungPairs: new Float64Array(activityCount),
    cooperationCount: new Uint32Array(firms),
    highestRank: new Uint8Array(firms),
    totals: new Float64Array(TOTALS),
  };
  const table = state.activities;
  const contextOf = new Int32Array(activityCount);
  for (let activity = 0; activity < activityCount; activity++) contextOf[activity] = activityContext(table, activity);
  const strategies = generatorOf(state, 'strategies');
  const inputs: PlayInputs = {
    pays: payoffGrid(table, activityCount),
    rungs: rungThresholds(table),
    contextOf,
    classPays: [],
    classRungs: [],
    strategies,
    noise: generatorOf(state, 'noise'),
    sanctions: generatorOf(state, 'sanctions'),
    view: latticeView(state, () => strategies.uniform()),
  };
  for (const classRates of state.organisers?.play?.classes ?? []) {
    inputs.classPays.push(payoffGrid(classRates, activityCount));
    inputs.classRungs.push(rungThresholds(classRates));
  }
  state.payoff.fill(0);
  playEdges(state, inputs, counts);
  return tallyOf(state, counts);
}

/**
 * What playEdges plays with, made before it rather than in it: functions called once a generation
 * have no record of their runs for the engine until some generations in, and compiled into the
 * loop's function they would send it back to the interpreter.
 */
interface PlayInputs {
  /** The activity table's payoffs (payoffGrid), the thresholds of its ladder's rungs (rungThresholds) and each activity's part of a machine's context. */
  readonly pays: Float64Array;
  readonly rungs: Float64Array;
  readonly contextOf: Int32Array;
  /** The same per class, with organisers at work. */
  readonly classPays: Float64Array[];
  readonly classRungs: Float64Array[];
  /** The generation's streams as generators (generatorOf). */
  readonly strategies: StreamState;
  readonly noise: StreamState;
  readonly sanctions: StreamState;
  /** What a general-path strategy sees, drawing from `strategies`. */
  readonly view: LatticeView;
}

/** What playEdges counts: per activity and per firm, and the scalars at MUTUAL, FINES, ROUNDS_PLAYED and PAIRS of `totals`. */
interface PlayCounts {
  readonly activityRounds: Float64Array;
  readonly activityCooperations: Float64Array;
  readonly rungPairs: Float64Array;
  /** Per firm (observed runs only): its co-operating moves. */
  readonly cooperationCount: Uint32Array;
  /** Per firm (observed runs only): 1 + the ladder rank of the highest activity it played (0: none). */
  readonly highestRank: Uint8Array;
  readonly totals: Float64Array;
}

const MUTUAL = 0;
const FINES = 1;
const ROUNDS_PLAYED = 2;
const PAIRS = 3;
const TOTALS = 4;

/**
 * The generation's play, edge by edge. Nothing follows its loop but the return: the engine compiles
 * the loop while the first generation runs it (on the stack), and any code after it with no record
 * of a run would send that code back to the interpreter at the end of every generation. The loop
 * keeps its sums in locals and writes them to `counts.totals` after each relationship.
 */
function playEdges(state: ClusterState, inputs: PlayInputs, counts: PlayCounts): void {
  const parameters = state.parameters;
  const table = state.activities;
  const { firmA, firmB, count } = state.graph;
  const { rounds, window, defections, trust, machineState } = state.relationships;
  const strategyOf = state.strategyOf;
  const payoff = state.payoff;
  const entries = state.entries;
  const poolSize = entries.length;
  const activityCount = table.count;
  const { activityRounds, activityCooperations, rungPairs, cooperationCount, highestRank, totals } = counts;
  // Flat per (strategy, activity) tables for the fast path; null where a strategy goes through move().
  const coopTables: (Float64Array | null)[] = [];
  const nextTables: (Int32Array | null)[] = [];
  const thresholds = new Float64Array(poolSize);
  for (let k = 0; k < poolSize; k++) {
    const machines = entries[k]!.machines;
    nextTables.push(machines === undefined ? null : machines[0]!.next);
    thresholds[k] = machines === undefined ? 0 : machines[0]!.trustThreshold;
    for (let a = 0; a < activityCount; a++) coopTables.push(machines === undefined ? null : machines[a]!.cooperate);
  }
  const { strategies: strategyStream, noise: noiseStream, sanctions: sanctionsStream, view } = inputs;
  const noise = parameters.noise;
  const log1pMinusNoise = Math.log1p(-noise);
  let nextFlip = noise > 0 ? geometricTrialsOn(noise, log1pMinusNoise, noiseStream) - 1 : -1;
  let moveIndex = 0;
  const { compensate } = parameters.sanctions;
  let { detection, fine } = parameters.sanctions;
  let sanctioning = sanctionsOn(detection, fine);
  const { gain } = parameters.trust;
  let { loss } = parameters.trust;
  const trustMoves = gain > 0 || loss > 0;
  // Remembered grievances (rivalry.ts) matter only while trust moves.
  const grievances = state.relationships.grievances;
  const grieving = trustMoves && grievances.length > 0;
  const bonus = parameters.externalBuyers.bonus;
  const buyerTied = state.buyerTied;
  const roundsPerGeneration = parameters.roundsPerGeneration;
  // The activity table and the ladder, as locals: this loop runs over millions of relationships.
  // With organisers at work (organisers.ts) they are the rates of the pair's class, switched when it changes.
  let { pays, rungs } = inputs;
  const { classPays, classRungs } = inputs;
  let { threshold } = table;
  let ladder = table.ladder;
  const ladderLength = ladder.length;
  let lowest = ladderLength > 0 ? ladder[0]! : -1;
  let contextOf = inputs.contextOf;
  const organised = state.organisers?.play;
  const participating = organised?.participating;
  // −1 until the first pair: class 0 (non-members) plays a ladder without the organisers' activities.
  let pairClass = organised === undefined ? 0 : -1;
  const ladderRank = organised?.rankOf ?? new Int32Array(activityCount);
  if (organised === undefined) for (let rank = 0; rank < ladderLength; rank++) ladderRank[ladder[rank]!] = rank + 1;
  const lastRound = roundsPerGeneration - 1;
  let pairs = 0;
  const observe = state.observe;
  let mutual = 0;
  let fines = 0;
  let roundsPlayed = 0;
  // The reputation layer, if it is on: every act as played goes to it (reputation.ts).
  const reputationParameters = parameters.reputation?.enabled ? parameters.reputation : undefined;
  const reputation = reputationParameters === undefined ? undefined : state.reputation;
  const reputationRandom = reputation === undefined ? undefined : streamOf(state, 'reputation');
  // Pre-play communication, if it is on (communication.ts).
  const talk = communicationOn(state) ? state.communication : undefined;
  const trustPenalty = parameters.communication?.trustPenalty ?? 0;
  // With the market layer on, a relationship with an empty site plays no rounds (market.ts).
  const vacant = state.market?.vacant;
  for (let edge = 0; edge < count; edge++) {
    const a = firmA[edge]!;
    const b = firmB[edge]!;
    if (vacant !== undefined && (vacant[a]! | vacant[b]!) !== 0) continue;
    const ka = strategyOf[a]!;
    const kb = strategyOf[b]!;
    const sideA = edge * 2;
    const sideB = sideA + 1;
    const nextA = nextTables[ka];
    const nextB = nextTables[kb];
    if (participating !== undefined) {
      const joint = participating[a]!;
      const cls = joint !== 0 && joint === participating[b] ? joint : 0;
      if (cls !== pairClass) {
        pairClass = cls;
        ({ threshold, ladder, lowest, contextOf, detection, fine, loss } = organised!.classes[cls]!);
        pays = classPays[cls]!;
        rungs = classRungs[cls]!;
        sanctioning = sanctionsOn(detection, fine);
      }
    }
    for (let round = 0; round < roundsPerGeneration; round++) {
      const ta = trust[sideA]!;
      const tb = trust[sideB]!;
      // chooseActivity, walked on the rungs' thresholds (rungAt).
      const joint = jointTrust(ta, tb);
      if (lowest < 0) break;
      const activity = ladder[rungAt(rungs, joint)]!;
      // The rung the pair stands on in its last round: the activity it plays, unless it plays the lowest for want of trust.
      // Added as 0 or 1 rather than under a test, so that the sum has run before the pair first has the trust.
      if (round === lastRound) rungPairs[activity]! += a !== b && joint >= threshold[lowest]! ? 1 : 0;
      // machineContext: the activity's part, and the trust bit (trustContext) written out, since the
      // inlined call measured some 5% slower on this loop (CPU time, cluster-training-first).
      const context = contextOf[activity]!;
      let moveA = 1;
      let moveB = 1;
      const coopA = coopTables[ka * activityCount + activity];
      const coopB = coopTables[kb * activityCount + activity];
      // With communication, a side whose player speaks (announce()) chooses after the announcements.
      const speaksA = talk !== undefined && coopA == null && speaks(playerOf(state, edge, 0));
      const speaksB = talk !== undefined && coopB == null && speaks(playerOf(state, edge, 1));
      if (coopA != null) {
        const p = coopA[machineState[sideA]! * CONTEXTS + (context | (ta >= thresholds[ka]! ? 2 : 0))]!;
        moveA = p >= 1 ? 0 : p <= 0 ? 1 : strategyStream.uniform() < p ? 0 : 1;
      } else if (!speaksA) {
        moveA = askGeneral(state, view, edge, 0, activity, ta);
      }
      if (coopB != null) {
        const p = coopB[machineState[sideB]! * CONTEXTS + (context | (tb >= thresholds[kb]! ? 2 : 0))]!;
        moveB = p >= 1 ? 0 : p <= 0 ? 1 : strategyStream.uniform() < p ? 0 : 1;
      } else if (!speaksB) {
        moveB = askGeneral(state, view, edge, 1, activity, tb);
      }
      let announcedA = -1;
      let announcedB = -1;
      if (talk !== undefined) {
        announcedA = speaksA ? askGeneral(state, view, edge, 0, activity, ta, ANNOUNCE) : moveA;
        announcedB = speaksB ? askGeneral(state, view, edge, 1, activity, tb, ANNOUNCE) : moveB;
        if (speaksA) moveA = askGeneral(state, view, edge, 0, activity, ta, announcedB);
        if (speaksB) moveB = askGeneral(state, view, edge, 1, activity, tb, announcedA);
      }
      if (moveIndex === nextFlip) {
        moveA ^= 1;
        nextFlip = moveIndex + geometricTrialsOn(noise, log1pMinusNoise, noiseStream);
      }
      moveIndex++;
      if (moveIndex === nextFlip) {
        moveB ^= 1;
        nextFlip = moveIndex + geometricTrialsOn(noise, log1pMinusNoise, noiseStream);
      }
      moveIndex++;
      if (reputation !== undefined) reputation.witness(a, b, moveA, moveB, reputationParameters!, reputationRandom!);
      // settledPayoff's terms in its order (payoff, + bonus, − fine), each only while its mechanism is on.
      let payoffA = pays[activity * 4 + moveA * 2 + moveB]!;
      let payoffB = pays[activity * 4 + moveB * 2 + moveA]!;
      if (bonus > 0) {
        payoffA += buyerBonus(moveA, buyerTied[a]!, bonus);
        payoffB += buyerBonus(moveB, buyerTied[b]!, bonus);
      }
      // sanctioned(), with its draw from the generator (sanctioning is sanctionsOn for the pair's class).
      if (sanctioning && moveA !== moveB && sanctionsStream.uniform() < detection) {
        payoffA -= fineOf(moveA, true, fine, compensate);
        payoffB -= fineOf(moveB, true, fine, compensate);
        fines += fine;
        if (pairClass !== 0) {
          organised!.fines[pairClass]! += fine;
          organised!.caught[moveA === 1 ? a : b] = 1;
        }
      }
      payoff[a]! += payoffA;
      if (a !== b) {
        payoff[b]! += payoffB;
        // A firm's trust in itself stays at 1.
        if (grieving) {
          trust[sideA] = trustAfterGrievances(grievances, sideA, ta, moveB, gain, loss);
          trust[sideB] = trustAfterGrievances(grievances, sideB, tb, moveA, gain, loss);
        } else if (trustMoves) {
          trust[sideA] = trustAfter(ta, moveB, gain, loss);
          trust[sideB] = trustAfter(tb, moveA, gain, loss);
        }
        if (talk !== undefined) {
          const broke = talk.settle(edge, announcedA, announcedB, moveA, moveB);
          if (broke !== 0 && trustPenalty > 0) {
            // A broken word costs the deceived firm's trust on top of what the defection itself costs.
            if ((broke & 2) !== 0) trust[sideA] = trust[sideA]! * (1 - trustPenalty);
            if ((broke & 1) !== 0) trust[sideB] = trust[sideB]! * (1 - trustPenalty);
            state.trustUniform = false;
          }
        }
      }
      if (observe) {
        cooperationCount[a]! += 1 - moveA;
        if (a !== b) cooperationCount[b]! += 1 - moveB;
        const rank = ladderRank[activity]!;
        if (rank > highestRank[a]!) highestRank[a] = rank;
        if (rank > highestRank[b]!) highestRank[b] = rank;
      }
      window[sideA] = ((window[sideA]! << 1) | moveA) >>> 0;
      window[sideB] = ((window[sideB]! << 1) | moveB) >>> 0;
      defections[sideA]! += moveA;
      defections[sideB]! += moveB;
      rounds[edge]!++;
      if (nextA != null) machineState[sideA] = nextA[machineState[sideA]! * 4 + moveA * 2 + moveB]!;
      if (nextB != null) machineState[sideB] = nextB[machineState[sideB]! * 4 + moveB * 2 + moveA]!;
      activityRounds[activity]!++;
      activityCooperations[activity]! += 2 - moveA - moveB;
      // Counted as 1 − (moveA | moveB) rather than under a test: the loop is compiled before the first mutual co-operation.
      mutual += 1 - (moveA | moveB);
      if (pairClass !== 0) {
        organised!.cooperations[pairClass * activityCount + activity]! += 2 - moveA - moveB;
        organised!.mutual[pairClass * activityCount + activity]! += 1 - (moveA | moveB);
      }
    }
    if (lowest >= 0) roundsPlayed += roundsPerGeneration;
    if (a !== b) pairs++;
    totals[MUTUAL] = mutual;
    totals[FINES] = fines;
    totals[ROUNDS_PLAYED] = roundsPlayed;
    totals[PAIRS] = pairs;
  }
}

/** An observed run's per-firm views of the generation: its share of co-operating moves and the highest activity it played. */
function observeFirms(state: ClusterState, counts: PlayCounts): void {
  const { cooperationCount, highestRank } = counts;
  const { edgeOffsets } = state.graph;
  const roundsPerGeneration = state.parameters.roundsPerGeneration;
  const rankOrder = state.organisers?.play?.rankOrder ?? state.activities.ladder;
  for (let firm = 0; firm < state.space.size; firm++) {
    // Each firm makes one move per round in each of its relationships (a self-relationship counts once).
    const moves = (edgeOffsets[firm + 1]! - edgeOffsets[firm]!) * roundsPerGeneration;
    state.cooperationShare[firm] = moves > 0 ? cooperationCount[firm]! / moves : 0;
    state.activityOf[firm] = highestRank[firm] === 0 ? NO_ACTIVITY : rankOrder[highestRank[firm]! - 1]!;
  }
}

/** The generation's tally from playEdges' counts; the per-firm views of an observed run. */
function tallyOf(state: ClusterState, counts: PlayCounts): PlayTally {
  const parameters = state.parameters;
  const activityCount = state.activities.count;
  const { activityRounds, activityCooperations, rungPairs, totals } = counts;
  if (parameters.trust.gain > 0 || parameters.trust.loss > 0) state.trustUniform = false;
  if (state.observe) observeFirms(state, counts);
  let cooperations = 0;
  for (let activity = 0; activity < activityCount; activity++) cooperations += activityCooperations[activity]!;
  const roundsPlayed = totals[ROUNDS_PLAYED]!;
  return {
    cooperations,
    moves: roundsPlayed * 2,
    mutual: totals[MUTUAL]!,
    rounds: roundsPlayed,
    fines: totals[FINES]!,
    activityRounds,
    activityCooperations,
    rungPairs,
    pairs: totals[PAIRS]!,
  };
}

function latticeView(state: ClusterState, random: RandomSource): LatticeView {
  const view = new LatticeView(new WindowHistory(state.relationships), new WindowHistory(state.relationships));
  view.random = random;
  view.generation = state.generation;
  view.sanctions = { ...state.parameters.sanctions };
  return view;
}

/** askGeneral's `heard` for asking a side's announcement instead of its move. */
const ANNOUNCE = -2;

/** The general-path player of a relationship side, once it has been created. */
function playerOf(state: ClusterState, edge: number, side: number): Player | undefined {
  return state.players.get(edge * 2 + side) ?? createPlayer(state, edge, side);
}

function createPlayer(state: ClusterState, edge: number, side: number): Player | undefined {
  const firm = side === 0 ? state.graph.firmA[edge]! : state.graph.firmB[edge]!;
  const poolIndex = state.strategyOf[firm]!;
  if (state.disqualified.has(poolIndex)) return undefined;
  const entry = state.entries[poolIndex]!;
  try {
    const player = entry.strategy.create(entry.parameters);
    state.players.set(edge * 2 + side, player);
    return player;
  } catch {
    // askGeneral creates it again and reports the failure.
    return undefined;
  }
}

/**
 * A side's move through the strategy's move() (the general path), or with `heard` = ANNOUNCE its
 * announcement; `heard` ≥ 0 is the partner's announcement it hears (communication.ts). A strategy
 * that breaks the rules is disqualified.
 */
function askGeneral(state: ClusterState, view: LatticeView, edge: number, side: number, activity: number, trust: number, heard = -1): number {
  const slot = edge * 2 + side;
  const firm = side === 0 ? state.graph.firmA[edge]! : state.graph.firmB[edge]!;
  const entry = state.entries[state.strategyOf[firm]!]!;
  const poolIndex = state.strategyOf[firm]!;
  if (state.disqualified.has(poolIndex)) return 1;
  let player = state.players.get(slot);
  try {
    if (player === undefined) {
      try {
        player = entry.strategy.create(entry.parameters);
      } catch (error) {
        throw new StrategyFault(entry.strategy.id, `could not create a player: ${error instanceof Error ? error.message : String(error)}`);
      }
      state.players.set(slot, player);
    }
    const table = state.activities;
    view.own.point(edge, side);
    view.opponent.point(edge, 1 - side);
    view.round = state.relationships.rounds[edge]! + 1;
    view.game = table.games[activity]!;
    view.activity = { name: table.names[activity]!, lowRisk: table.lowRisk[activity] === 1, cost: table.cost[activity]! };
    view.trust = trust;
    view.reputation = reputationView(state, firm, side === 0 ? state.graph.firmB[edge]! : state.graph.firmA[edge]!);
    const talk = state.communication !== undefined && state.parameters.communication?.enabled === true;
    view.announcement = heard === 0 ? 'C' : heard === 1 ? 'D' : undefined;
    view.promisesBroken = talk ? state.communication!.broken[edge * 2 + 1 - side] : undefined;
    if (heard === ANNOUNCE) return askAnnouncement(player, view, entry.strategy.id);
    return askMove(player, view, entry.strategy.id);
  } catch (error) {
    // A module that breaks the rules is contained: its firms defect from now on, and the log says why.
    if (!(error instanceof StrategyFault)) throw error;
    state.disqualified.add(poolIndex);
    state.log.push({ generation: state.generation, label: `strategy ${entry.strategy.id} disqualified (its firms defect from now on): ${error.reason}` });
    return 1;
  }
}

/** The standings a firm sees of itself and its partner, while the reputation layer is on. */
function reputationView(state: ClusterState, firm: number, partner: number): ReputationView | undefined {
  const parameters = state.parameters.reputation;
  const layer = state.reputation;
  if (parameters === undefined || !parameters.enabled || layer === undefined) return undefined;
  return { partner: layer.standing[partner]!, own: layer.standing[firm]!, good: parameters.good };
}
