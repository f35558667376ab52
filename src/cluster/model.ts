import { askMove } from '../core/match.js';
import { StrategyFault } from '../core/errors.js';
import { compileMachine, CONTEXTS, type CompiledMachine } from '../core/machine.js';
import { deriveStream, geometricTrials, type RandomSource } from '../core/random.js';
import { resolveParameters } from '../core/strategy.js';
import type { ActivityView, ClusterContext, Game, MoveView, ParameterValues, Player, SanctionsView, Strategy } from '../core/strategy.js';
import { buildActivityTable, chooseActivity, payoffOf, trustAfter, type ActivityTable } from './activities.js';
import { fermi, imitateBest, moran, type Revision } from './evolution.js';
import { playMemoryless, memorylessEligible } from './kernel.js';
import { isStructural, validateParameters, withParameter, type ClusterParameters } from './parameters.js';
import { RelationshipState, WINDOW, WindowHistory } from './relationships.js';
import { Lattice, relationshipsOf, type RelationshipGraph } from './space.js';
import { InputError } from '../core/errors.js';

/** At generation g, set parameters (switch a programme on, raise the fine, start a crisis). */
export interface ClusterEvent {
  readonly generation: number;
  readonly set: Readonly<Record<string, unknown>>;
  /** What the event log says, e.g. "joint training programme starts". */
  readonly label?: string | undefined;
}

/** An entry of the event log: what happened at which generation, and why. */
export interface LoggedEvent {
  readonly generation: number;
  readonly label: string;
}

/** What is measured in one generation (Meyer-Stamer's obstacles and remedies, made visible). */
export interface GenerationRecord {
  readonly generation: number;
  /** Share of C moves among all moves played. */
  readonly cooperation: number;
  /** Share of rounds in which both firms co-operated. */
  readonly mutualCooperation: number;
  /** Mean trust over all directed neighbour relationships, at the end of the generation. */
  readonly meanTrust: number;
  /** Mean payoff per firm. */
  readonly meanPayoff: number;
  /** Total fines paid. */
  readonly fines: number;
  /** Firms that exited (and were replaced by spin-offs). */
  readonly exits: number;
  /** Share of rounds played in each activity, in the order of parameters.activities. */
  readonly activities: readonly number[];
  /** Share of firms holding each strategy of the pool, in pool order. */
  readonly strategies: readonly number[];
}

/** What a ClusterModel is built from: validated parameters, the seed, the strategies the pool may hold and the scenario's timeline. */
export interface ClusterSetup {
  readonly parameters: ClusterParameters;
  readonly seed: number;
  /** The strategy pool, one per id of parameters.strategies, in the same order. */
  readonly strategies: readonly Strategy[];
  readonly events?: readonly ClusterEvent[] | undefined;
  /** Use the memory-less kernel when it applies (default true; tests turn it off to compare). */
  readonly kernel?: boolean | undefined;
  /**
   * Keep the per-firm views of each generation (cooperationShare, activityOf) that the live
   * view draws (default true); headless runs leave them out.
   */
  readonly observeFirms?: boolean | undefined;
}

/** The view a general-path strategy sees on the lattice; re-pointed at each side in turn. */
class LatticeView implements MoveView, ClusterContext {
  round = 1;
  game: Game = { R: 1, S: 0, T: 1, P: 0 };
  readonly turns = undefined;
  activity: ActivityView = { name: '', lowRisk: false, cost: 0 };
  trust = 1;
  sanctions: SanctionsView = { detection: 0, fine: 0, compensate: false };
  generation = 0;
  random: () => number = () => 0;

  constructor(
    readonly own: WindowHistory,
    readonly opponent: WindowHistory,
  ) {}

  get cluster(): ClusterContext {
    return this;
  }
}

/** How each pool strategy plays: one compiled machine per activity, or through move(). */
export interface PoolEntry {
  readonly strategy: Strategy;
  readonly parameters: ParameterValues;
  /** Per activity; undefined when the strategy must go through the general path. */
  readonly machines: readonly CompiledMachine[] | undefined;
  /** Outcomes to replay when a firm takes the strategy over a relationship with a past. */
  readonly replayDepth: number;
}

/** The spatial cluster: firms on a space play their neighbours each generation, build or lose trust, pay and receive fines, and revise their strategies. `step()` plays one generation and returns its record. */
export class ClusterModel {
  readonly space: Lattice;
  readonly graph: RelationshipGraph;
  readonly relationships: RelationshipState;
  readonly pool: readonly Strategy[];
  readonly seed: number;
  /** Per firm: index into the pool. */
  readonly strategyOf: Uint8Array;
  /** Per firm: payoff in the last generation played. */
  readonly payoff: Float64Array;
  /** Per firm: accumulated payoffs since it entered. */
  readonly wealth: Float64Array;
  /** Per firm: tied to an external buyer who plays firms against each other. */
  readonly buyerTied: Uint8Array;
  /** Per firm: share of its moves that were C in the last generation played. */
  readonly cooperationShare: Float32Array;
  /** Per firm: the highest activity (by ladder position) it played in the last generation, or 255. */
  readonly activityOf: Uint8Array;
  /** Events that took effect, with their labels. */
  readonly log: LoggedEvent[] = [];
  /** The next generation to play. */
  generation = 0;

  #parameters: ClusterParameters;
  #events: ClusterEvent[];
  #entries: PoolEntry[] = [];
  #activities!: ActivityTable;
  #activitiesKey = '';
  #players = new Map<number, Player>();
  #trustUniform = true;
  readonly #kernel: boolean;
  readonly #observe: boolean;
  /** Pool strategies disqualified for breaking the rules. */
  readonly #disqualified = new Set<number>();
  #scratch: Uint8Array | undefined;

  constructor(setup: ClusterSetup) {
    this.#kernel = setup.kernel ?? true;
    this.#observe = setup.observeFirms ?? true;
    const parameters = validateParameters(setup.parameters);
    const ids = Object.keys(parameters.strategies);
    if (setup.strategies.length !== ids.length || setup.strategies.some((strategy, i) => strategy.id !== ids[i])) {
      throw new InputError(`the strategy pool must match parameters.strategies (${ids.join(', ')})`);
    }
    this.#parameters = parameters;
    this.seed = setup.seed;
    this.pool = setup.strategies;
    this.#events = [...(setup.events ?? [])].sort((a, b) => a.generation - b.generation);
    this.space = new Lattice(parameters.width, parameters.height, parameters.neighbourhood, parameters.boundary);
    this.graph = relationshipsOf(this.space, parameters.selfInteraction);
    this.relationships = new RelationshipState(this.graph.count);
    const size = this.space.size;
    this.strategyOf = new Uint8Array(size);
    this.payoff = new Float64Array(size);
    this.wealth = new Float64Array(size);
    this.buyerTied = new Uint8Array(size);
    this.cooperationShare = new Float32Array(size);
    this.activityOf = new Uint8Array(size).fill(255);
    this.#refreshTables();
    this.#populate();
  }

  get parameters(): ClusterParameters {
    return this.#parameters;
  }

  /** Sets a parameter now (the live UI's keys), logging it; structural parameters are refused. */
  set(path: string, value: unknown, label?: string): void {
    if (isStructural(path)) {
      throw new InputError(`parameter '${path}' shapes the lattice or the starting population: it cannot change during a run`);
    }
    this.#parameters = withParameter(this.#parameters, path, value);
    this.log.push({ generation: this.generation, label: label ?? `${path} = ${JSON.stringify(value)}` });
    this.#refreshTables();
  }

  /** Queues events for later generations (the same form as a scenario's timeline). */
  schedule(event: ClusterEvent): void {
    this.#events.push(event);
    this.#events.sort((a, b) => a.generation - b.generation);
  }

  #stream(purpose: string, generation = this.generation): RandomSource {
    return deriveStream(this.seed, 'cluster', generation, purpose);
  }

  #populate(): void {
    const parameters = this.#parameters;
    const size = this.space.size;
    const ids = Object.keys(parameters.strategies);
    const weights = Object.values(parameters.strategies);
    const random = this.#stream('init', 0);
    const defector = ids.indexOf('defector');
    if (parameters.init === 'single-defector') {
      if (defector < 0) throw new InputError("init 'single-defector' needs 'defector' in parameters.strategies");
      let resident = -1;
      ids.forEach((id, index) => {
        if (index !== defector && (resident < 0 || weights[index]! > weights[resident]!)) resident = index;
      });
      if (resident < 0) throw new InputError("init 'single-defector' needs a strategy other than 'defector' in parameters.strategies");
      this.strategyOf.fill(resident);
      this.strategyOf[this.space.centre()] = defector;
    } else {
      const cooperator = ids.indexOf('cooperator');
      const useShare = parameters.cooperators !== null;
      if (useShare && cooperator < 0) throw new InputError("parameters.cooperators needs 'cooperator' in parameters.strategies");
      const others = ids.map((_, index) => index).filter((index) => !useShare || index !== cooperator);
      const total = others.reduce((sum, index) => sum + weights[index]!, 0);
      for (let firm = 0; firm < size; firm++) {
        if (useShare && random() < parameters.cooperators!) {
          this.strategyOf[firm] = cooperator;
          continue;
        }
        let target = random() * total;
        let chosen = others[others.length - 1]!;
        for (const index of others) {
          target -= weights[index]!;
          if (target < 0 && weights[index]! > 0) {
            chosen = index;
            break;
          }
        }
        this.strategyOf[firm] = chosen;
      }
    }
    const buyers = this.#stream('buyers', 0);
    if (parameters.externalBuyers.share > 0) {
      for (let firm = 0; firm < size; firm++) this.buyerTied[firm] = buyers() < parameters.externalBuyers.share ? 1 : 0;
    }
    const { rounds, window, defections, trust } = this.relationships;
    const history = parameters.rivalry.history;
    const rivalryWindow = history >= 32 ? 0xffffffff : (1 << history) - 1;
    for (let edge = 0; edge < this.graph.count; edge++) {
      const self = this.graph.firmA[edge] === this.graph.firmB[edge];
      trust[edge * 2] = self ? 1 : parameters.trust.initial;
      trust[edge * 2 + 1] = self ? 1 : parameters.trust.initial;
      if (self || history === 0) continue;
      // Meyer-Stamer's "long history of rivalry": the pair starts with rounds of mutual defection behind it.
      rounds[edge] = history;
      window[edge * 2] = rivalryWindow >>> 0;
      window[edge * 2 + 1] = rivalryWindow >>> 0;
      defections[edge * 2] = history;
      defections[edge * 2 + 1] = history;
    }
    this.#trustUniform = true;
    for (let edge = 0; edge < this.graph.count; edge++) {
      this.#restartSide(edge, 0);
      this.#restartSide(edge, 1);
    }
  }

  /** Recompiles what depends on parameters: the activity table and the pool's machines. */
  #refreshTables(): void {
    const table = buildActivityTable(this.#parameters, this.generation);
    const key = JSON.stringify(table.games);
    this.#activities = table;
    if (key === this.#activitiesKey && this.#entries.length > 0) return;
    this.#activitiesKey = key;
    const previous = this.#entries;
    this.#entries = this.pool.map((strategy) => this.#entry(strategy, table));
    // A strategy that moved between paths must restart its players' state.
    if (previous.length > 0 && previous.some((entry, k) => (entry.machines === undefined) !== (this.#entries[k]!.machines === undefined))) {
      this.#players.clear();
      for (let edge = 0; edge < this.graph.count; edge++) {
        this.#restartSide(edge, 0);
        this.#restartSide(edge, 1);
      }
    }
  }

  #entry(strategy: Strategy, table: ActivityTable): PoolEntry {
    const parameters = resolveParameters(strategy);
    const depth = strategy.classifier.memoryDepth;
    const replayDepth = Number.isFinite(depth) ? Math.min(depth, WINDOW) : WINDOW;
    if (strategy.finiteState === undefined) return { strategy, parameters, machines: undefined, replayDepth };
    const machines = table.games.map((game) => compileMachine(strategy, strategy.finiteState!(parameters, game)));
    const first = machines[0]!;
    // One state per side serves every activity only if the machines share their transitions.
    const shared = machines.every(
      (machine) =>
        machine.initial === first.initial && machine.next.length === first.next.length && machine.next.every((target, i) => target === first.next[i]),
    );
    if (!shared || first.states > 0xffff) return { strategy, parameters, machines: undefined, replayDepth };
    return { strategy, parameters, machines, replayDepth };
  }

  /** A side's strategy (re)starts: its private state is rebuilt from the relationship's past. */
  #restartSide(edge: number, side: number): void {
    const firm = side === 0 ? this.graph.firmA[edge]! : this.graph.firmB[edge]!;
    const slot = edge * 2 + side;
    if (this.#players.size > 0) this.#players.delete(slot);
    const entry = this.#entries[this.strategyOf[firm]!]!;
    if (entry.machines === undefined) return;
    const machine = entry.machines[0]!;
    if (machine.states === 1) {
      this.relationships.machineState[slot] = 0;
      return;
    }
    const { window, rounds } = this.relationships;
    const own = window[slot]!;
    const other = window[edge * 2 + 1 - side]!;
    let state = machine.initial;
    for (let back = Math.min(rounds[edge]!, entry.replayDepth) - 1; back >= 0; back--) {
      state = machine.next[state * 4 + ((own >>> back) & 1) * 2 + ((other >>> back) & 1)]!;
    }
    this.relationships.machineState[slot] = state;
  }

  #strategyChanged = (firm: number): void => {
    const { edgeOffsets, edgeList } = this.graph;
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const slot = edgeList[k]!;
      const edge = slot >> 1;
      this.#restartSide(edge, slot & 1);
      if (this.graph.firmA[edge] === this.graph.firmB[edge]) this.#restartSide(edge, 1);
    }
  };

  #applyScheduledEvents(): void {
    while (this.#events.length > 0 && this.#events[0]!.generation <= this.generation) {
      const event = this.#events.shift()!;
      if (event.generation < this.generation) continue;
      for (const [path, value] of Object.entries(event.set)) {
        if (isStructural(path)) throw new InputError(`event at generation ${event.generation}: '${path}' cannot change during a run`);
        this.#parameters = withParameter(this.#parameters, path, value);
      }
      this.log.push({
        generation: event.generation,
        label:
          event.label ??
          Object.entries(event.set)
            .map(([path, value]) => `${path} = ${JSON.stringify(value)}`)
            .join(', '),
      });
    }
    this.#refreshTables();
  }

  /** Plays one generation, records it, and lets firms exit and revise their strategies. */
  step(): GenerationRecord {
    this.#applyScheduledEvents();
    const parameters = this.#parameters;
    const strategyCounts = new Float64Array(this.pool.length);
    for (let firm = 0; firm < this.space.size; firm++) strategyCounts[this.strategyOf[firm]!]!++;
    const tally = this.#memorylessEligible() ? this.#playMemoryless() : this.#play();
    for (let firm = 0; firm < this.space.size; firm++) this.wealth[firm]! += this.payoff[firm]!;
    const exits = parameters.exit.threshold === null ? 0 : this.#exitAndSpinOff(parameters.exit.threshold, parameters.exit.spinoffTrust);
    this.#relaxTrust();
    const record: GenerationRecord = {
      generation: this.generation,
      cooperation: tally.moves > 0 ? tally.cooperations / tally.moves : 0,
      mutualCooperation: tally.rounds > 0 ? tally.mutual / tally.rounds : 0,
      meanTrust: this.meanTrust(),
      meanPayoff: meanOf(this.payoff),
      fines: tally.fines,
      exits,
      activities: Array.from(tally.activityRounds, (count) => (tally.rounds > 0 ? count / tally.rounds : 0)),
      strategies: Array.from(strategyCounts, (count) => count / this.space.size),
    };
    if ((this.generation + 1) % parameters.update.every === 0) this.#revise();
    this.generation++;
    return record;
  }

  /** Per firm: its mean trust in its neighbours (for the live trust view). */
  firmTrust(out: Float32Array = new Float32Array(this.space.size)): Float32Array {
    const { trust } = this.relationships;
    const { edgeOffsets, edgeList, firmA, firmB } = this.graph;
    for (let firm = 0; firm < this.space.size; firm++) {
      let sum = 0;
      let count = 0;
      for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
        const slot = edgeList[k]!;
        const edge = slot >> 1;
        if (firmA[edge] === firmB[edge]) continue;
        sum += trust[slot]!;
        count++;
      }
      out[firm] = count > 0 ? sum / count : this.#parameters.trust.initial;
    }
    return out;
  }

  meanTrust(): number {
    // Until trust first moves, every neighbour relationship holds the initial trust.
    if (this.#trustUniform) return this.#parameters.trust.initial;
    const { trust } = this.relationships;
    const { firmA, firmB, count } = this.graph;
    let sum = 0;
    let sides = 0;
    for (let edge = 0; edge < count; edge++) {
      if (firmA[edge] === firmB[edge]) continue;
      sum += trust[edge * 2]! + trust[edge * 2 + 1]!;
      sides += 2;
    }
    return sides > 0 ? sum / sides : this.#parameters.trust.initial;
  }

  #memorylessEligible(): boolean {
    return this.#kernel && memorylessEligible(this.#parameters, this.#entries, this.#trustUniform);
  }

  #playMemoryless(): PlayTally {
    return playMemoryless(this, this.#parameters, this.#activities, this.#entries, this.graph.count, this.#observe);
  }

  #play(): PlayTally {
    const parameters = this.#parameters;
    const table = this.#activities;
    const { firmA, firmB, count } = this.graph;
    const { rounds, window, defections, trust, machineState } = this.relationships;
    const strategyOf = this.strategyOf;
    const payoff = this.payoff;
    const entries = this.#entries;
    const poolSize = entries.length;
    const activityCount = table.count;
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
    const strategyRandom = this.#stream('strategies');
    const noise = parameters.noise;
    const noiseRandom = this.#stream('noise');
    let nextFlip = noise > 0 ? geometricTrials(noise, noiseRandom) - 1 : -1;
    let moveIndex = 0;
    const sanctionsRandom = this.#stream('sanctions');
    const { detection, fine, compensate } = parameters.sanctions;
    const sanctioning = detection > 0 && fine > 0;
    const { gain, loss } = parameters.trust;
    const trustMoves = gain > 0 || loss > 0;
    const bonus = parameters.externalBuyers.bonus;
    const buyerTied = this.buyerTied;
    const roundsPerGeneration = parameters.roundsPerGeneration;
    // The activity table and the ladder, as locals: this loop runs over millions of relationships.
    const { lowRisk, deterred, threshold } = table;
    const ladder = table.ladder;
    const ladderLength = ladder.length;
    const lowest = ladderLength > 0 ? ladder[0]! : -1;
    const ladderRank = new Int32Array(activityCount);
    ladder.forEach((activity, rank) => (ladderRank[activity] = rank + 1));
    const activityRounds = new Float64Array(activityCount);
    const observe = this.#observe;
    const cooperationCount = new Uint32Array(observe ? this.space.size : 0);
    // Per firm: 1 + the ladder rank of the highest activity it played (0: none).
    const highestRank = new Uint8Array(observe ? this.space.size : 0);
    const view = this.#view(strategyRandom);
    let cooperations = 0;
    let mutual = 0;
    let fines = 0;
    let roundsPlayed = 0;
    payoff.fill(0);
    for (let edge = 0; edge < count; edge++) {
      const a = firmA[edge]!;
      const b = firmB[edge]!;
      const ka = strategyOf[a]!;
      const kb = strategyOf[b]!;
      const sideA = edge * 2;
      const sideB = sideA + 1;
      const nextA = nextTables[ka];
      const nextB = nextTables[kb];
      for (let round = 0; round < roundsPerGeneration; round++) {
        const ta = trust[sideA]!;
        const tb = trust[sideB]!;
        const joint = ta < tb ? ta : tb;
        let activity = lowest;
        for (let k = 1; k < ladderLength; k++) {
          const candidate = ladder[k]!;
          if (threshold[candidate]! <= joint) activity = candidate;
          else break;
        }
        if (activity < 0) break;
        const context = lowRisk[activity]! | (deterred[activity]! << 2);
        let moveA: number;
        let moveB: number;
        const coopA = coopTables[ka * activityCount + activity];
        const coopB = coopTables[kb * activityCount + activity];
        if (coopA != null) {
          const p = coopA[machineState[sideA]! * CONTEXTS + (context | (ta >= thresholds[ka]! ? 2 : 0))]!;
          moveA = p >= 1 ? 0 : p <= 0 ? 1 : strategyRandom() < p ? 0 : 1;
        } else {
          moveA = this.#askGeneral(view, edge, 0, activity, ta);
        }
        if (coopB != null) {
          const p = coopB[machineState[sideB]! * CONTEXTS + (context | (tb >= thresholds[kb]! ? 2 : 0))]!;
          moveB = p >= 1 ? 0 : p <= 0 ? 1 : strategyRandom() < p ? 0 : 1;
        } else {
          moveB = this.#askGeneral(view, edge, 1, activity, tb);
        }
        if (moveIndex === nextFlip) {
          moveA ^= 1;
          nextFlip = moveIndex + geometricTrials(noise, noiseRandom);
        }
        moveIndex++;
        if (moveIndex === nextFlip) {
          moveB ^= 1;
          nextFlip = moveIndex + geometricTrials(noise, noiseRandom);
        }
        moveIndex++;
        let payoffA = payoffOf(table, activity, moveA, moveB);
        let payoffB = payoffOf(table, activity, moveB, moveA);
        if (bonus > 0) {
          if (moveA === 1 && buyerTied[a] === 1) payoffA += bonus;
          if (moveB === 1 && buyerTied[b] === 1) payoffB += bonus;
        }
        if (sanctioning && moveA !== moveB && sanctionsRandom() < detection) {
          // The defector against a co-operator is caught.
          if (moveA === 1) {
            payoffA -= fine;
            if (compensate) payoffB += fine;
          } else {
            payoffB -= fine;
            if (compensate) payoffA += fine;
          }
          fines += fine;
        }
        payoff[a]! += payoffA;
        if (a !== b) {
          payoff[b]! += payoffB;
          if (trustMoves) {
            trust[sideA] = trustAfter(ta, moveB, gain, loss);
            trust[sideB] = trustAfter(tb, moveA, gain, loss);
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
        cooperations += 2 - moveA - moveB;
        if ((moveA | moveB) === 0) mutual++;
      }
      roundsPlayed += roundsPerGeneration;
    }
    if (trustMoves) this.#trustUniform = false;
    const { edgeOffsets } = this.graph;
    for (let firm = 0; observe && firm < this.space.size; firm++) {
      // Each firm makes one move per round in each of its relationships (a self-relationship counts once).
      const moves = (edgeOffsets[firm + 1]! - edgeOffsets[firm]!) * roundsPerGeneration;
      this.cooperationShare[firm] = moves > 0 ? cooperationCount[firm]! / moves : 0;
      this.activityOf[firm] = highestRank[firm] === 0 ? 255 : ladder[highestRank[firm]! - 1]!;
    }
    if (lowest < 0) roundsPlayed = 0;
    return { cooperations, moves: roundsPlayed * 2, mutual, rounds: roundsPlayed, fines, activityRounds };
  }

  #view(random: RandomSource): LatticeView {
    const view = new LatticeView(new WindowHistory(this.relationships), new WindowHistory(this.relationships));
    view.random = random;
    view.generation = this.generation;
    view.sanctions = { ...this.#parameters.sanctions };
    return view;
  }

  #askGeneral(view: LatticeView, edge: number, side: number, activity: number, trust: number): number {
    const slot = edge * 2 + side;
    const firm = side === 0 ? this.graph.firmA[edge]! : this.graph.firmB[edge]!;
    const entry = this.#entries[this.strategyOf[firm]!]!;
    const poolIndex = this.strategyOf[firm]!;
    if (this.#disqualified.has(poolIndex)) return 1;
    let player = this.#players.get(slot);
    try {
      if (player === undefined) {
        try {
          player = entry.strategy.create(entry.parameters);
        } catch (error) {
          throw new StrategyFault(entry.strategy.id, `could not create a player: ${error instanceof Error ? error.message : String(error)}`);
        }
        this.#players.set(slot, player);
      }
      const table = this.#activities;
      view.own.point(edge, side);
      view.opponent.point(edge, 1 - side);
      view.round = this.relationships.rounds[edge]! + 1;
      view.game = table.games[activity]!;
      view.activity = { name: table.names[activity]!, lowRisk: table.lowRisk[activity] === 1, cost: table.cost[activity]! };
      view.trust = trust;
      return askMove(player, view, entry.strategy.id);
    } catch (error) {
      // A module that breaks the rules is contained: its firms defect from now on, and the log says why.
      if (!(error instanceof StrategyFault)) throw error;
      this.#disqualified.add(poolIndex);
      this.log.push({ generation: this.generation, label: `strategy ${entry.strategy.id} disqualified (its firms defect from now on): ${error.reason}` });
      return 1;
    }
  }

  #exitAndSpinOff(threshold: number, spinoffTrust: number): number {
    const size = this.space.size;
    const exiting: number[] = [];
    for (let firm = 0; firm < size; firm++) if (this.wealth[firm]! < threshold) exiting.push(firm);
    if (exiting.length === 0) return 0;
    const { neighbourOffsets, neighbourList } = this.space;
    const parents = exiting.map((firm) => {
      let best = -1;
      for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) {
        const neighbour = neighbourList[k]!;
        if (best < 0 || this.payoff[neighbour]! > this.payoff[best]!) best = neighbour;
      }
      return best;
    });
    const initial = this.#parameters.trust.initial;
    const { edgeOffsets, edgeList, firmA, firmB } = this.graph;
    // Taken before any replacement, so a parent that exits too passes on the strategy it played.
    const inherited = parents.map((parent, index) => (parent >= 0 ? this.strategyOf[parent]! : this.strategyOf[exiting[index]!]!));
    exiting.forEach((firm, index) => {
      const parent = parents[index]!;
      this.strategyOf[firm] = inherited[index]!;
      this.wealth[firm] = 0;
      // A new firm has no past; it starts wary of the parent it split from.
      for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
        const edge = edgeList[k]! >> 1;
        if (firmA[edge] === firmB[edge]) {
          this.relationships.reset(edge, 1, 1);
          continue;
        }
        const other = firmA[edge] === firm ? firmB[edge]! : firmA[edge]!;
        const level = other === parent ? spinoffTrust : initial;
        this.relationships.reset(edge, level, level);
        // Both sides meet afresh: the neighbour's strategy state for the old firm is gone too.
        this.#restartSide(edge, 0);
        this.#restartSide(edge, 1);
      }
    });
    this.#trustUniform = false;
    return exiting.length;
  }

  #relaxTrust(): void {
    const { decay, baseline } = this.#parameters.trust;
    if (decay === 0) return;
    const { trust } = this.relationships;
    const { firmA, firmB, count } = this.graph;
    for (let edge = 0; edge < count; edge++) {
      if (firmA[edge] === firmB[edge]) continue;
      trust[edge * 2] = trust[edge * 2]! + decay * (baseline - trust[edge * 2]!);
      trust[edge * 2 + 1] = trust[edge * 2 + 1]! + decay * (baseline - trust[edge * 2 + 1]!);
    }
    this.#trustUniform = false;
  }

  #revise(): void {
    const { update, mutation } = this.#parameters;
    const revision: Revision = {
      space: this.space,
      strategyOf: this.strategyOf,
      payoff: this.payoff,
      poolSize: this.pool.length,
      share: update.share,
      mutation,
      random: this.#stream('evolution'),
      scratch: (this.#scratch ??= new Uint8Array(this.space.size)),
    };
    // Only strategies with private state per relationship need it rebuilt after a change.
    const stateful = this.#players.size > 0 || this.#entries.some((entry) => entry.machines === undefined || entry.machines[0]!.states > 1);
    const before = stateful ? this.strategyOf.slice() : undefined;
    if (update.rule === 'imitate-best') imitateBest(revision);
    else if (update.rule === 'fermi') fermi(revision, update.K);
    else moran(revision);
    if (before === undefined) return;
    for (let firm = 0; firm < this.space.size; firm++) if (this.strategyOf[firm] !== before[firm]) this.#strategyChanged(firm);
  }
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : 0;
}

/** Totals of one generation's play. */
export interface PlayTally {
  readonly cooperations: number;
  readonly moves: number;
  readonly mutual: number;
  readonly rounds: number;
  readonly fines: number;
  readonly activityRounds: Float64Array;
}
