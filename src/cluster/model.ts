import { InputError } from '../core/errors.js';
import type { Strategy } from '../core/strategy.js';
import { EventQueue, setParameter, type ClusterEvent, type LoggedEvent } from './events.js';
import { exitAndSpinOff } from './exits.js';
import { maintain } from './maintenance.js';
import { memorylessEligible, playMemoryless } from './kernel.js';
import type { MarketState } from './market.js';
import { openMarketIfOn, sellOnMarket, turnOverMarket } from './market-step.js';
import { recordOf, strategyCounts, type GenerationRecord } from './metrics.js';
import type { DynamicNetwork } from './network.js';
import { partnerChoiceOn, validateParameters, type ClusterParameters } from './parameters.js';
import { cutTies, formTies, partnerChoiceFor } from './partner-choice.js';
import { playGeneration } from './play.js';
import { kernelPaysOff, ONE_THREAD, playSplit, splittable, type PlayThreads } from './split-play.js';
import { refreshTables } from './pool.js';
import { ModelState } from './model-state.js';
import { populate } from './population.js';
import type { RelationshipState } from './relationships.js';
import { reputationOn, settleReputation } from './reputation.js';
import { revise, startRevisionBeside } from './revision.js';
import { organiserRecords, prepareOrganisers, settleOrganisers } from './organisers.js';
import { Lattice, relationshipsOf, type RelationshipGraph } from './space.js';
import type { ClusterState } from './state.js';
import { firmTrust, meanTrust, relaxTrust } from './trust.js';

export type { ClusterEvent, LoggedEvent } from './events.js';
export type { GenerationRecord, PlayTally } from './metrics.js';
export type { MarketRecord, MarketState } from './market.js';
export type { PoolEntry } from './pool.js';

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
  /**
   * Threads to share each generation's play when the run allows it (split-play.ts: the results are
   * the same for any number); the model's big arrays are then SharedArrayBuffer-backed. Without, one thread plays.
   */
  readonly threads?: PlayThreads | undefined;
  /**
   * Play a generation that split-play.ts allows through its kernel, on one thread without
   * `threads`: by default with threads and for large runs (kernelPaysOff); tests force it either way
   * to compare it with play.ts's general loop.
   */
  readonly splitPlay?: boolean | undefined;
}

/**
 * The spatial cluster: firms on a space play their neighbours each generation, build or lose
 * trust, pay and receive fines, and revise their strategies. `step()` plays one generation and
 * returns its record. This class holds the run and orders a generation's steps; each step lives
 * in a file of its own (docs/model.md, "Where the model lives").
 */
export class ClusterModel {
  readonly space: Lattice;
  /** The network of ties when firms choose their partners (parameters.partnerChoice), else undefined. */
  readonly network: DynamicNetwork | undefined;
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
  /** Per firm: the highest activity (by ladder position) it played in the last generation, or NO_ACTIVITY. */
  readonly activityOf: Uint8Array;
  /** Events that took effect, with their labels. */
  readonly log: LoggedEvent[];

  readonly #state: ClusterState;
  readonly #events: EventQueue;
  readonly #splitPlay: boolean | undefined;

  constructor(setup: ClusterSetup) {
    const parameters = validateParameters(setup.parameters);
    const ids = Object.keys(parameters.strategies);
    if (setup.strategies.length !== ids.length || setup.strategies.some((strategy, i) => strategy.id !== ids[i])) {
      throw new InputError(`the strategy pool must match parameters.strategies (${ids.join(', ')})`);
    }
    this.#events = new EventQueue(setup.events ?? []);
    const space = new Lattice(parameters.width, parameters.height, parameters.neighbourhood, parameters.boundary);
    const partners = partnerChoiceOn(parameters) ? partnerChoiceFor({ space }, relationshipsOf(space, parameters.selfInteraction), parameters) : undefined;
    const threads = partners === undefined ? setup.threads : undefined;
    const state = new ModelState({
      space,
      partners,
      pool: setup.strategies,
      seed: setup.seed,
      parameters,
      kernel: setup.kernel ?? true,
      observe: setup.observeFirms ?? true,
      threads,
    });
    this.#state = state;
    this.#splitPlay = setup.splitPlay;
    this.space = space;
    this.network = partners?.network;
    this.pool = state.pool;
    this.seed = state.seed;
    this.strategyOf = state.strategyOf;
    this.payoff = state.payoff;
    this.wealth = state.wealth;
    this.buyerTied = state.buyerTied;
    this.cooperationShare = state.cooperationShare;
    this.activityOf = state.activityOf;
    this.log = state.log;
    refreshTables(state);
    populate(state);
    openMarketIfOn(state);
  }

  /** The relationships (built on first use). */
  get graph(): RelationshipGraph {
    return this.#state.graph;
  }

  /** The state of every relationship (built on first use). */
  get relationships(): RelationshipState {
    return this.#state.relationships;
  }

  get parameters(): ClusterParameters {
    return this.#state.parameters;
  }

  /** The next generation to play. */
  get generation(): number {
    return this.#state.generation;
  }

  /** Sets a parameter now (the live UI's keys), logging it; structural parameters are refused. */
  set(path: string, value: unknown, label?: string): void {
    setParameter(this.#state, path, value, label);
  }

  /** Queues events for later generations (the same form as a scenario's timeline). */
  schedule(event: ClusterEvent): void {
    this.#events.push(event);
  }

  /** Plays one generation, records it, and lets firms exit and revise their strategies. */
  step(): GenerationRecord {
    const state = this.#state;
    this.#events.applyDue(state);
    if (maintain(state)) refreshTables(state);
    prepareOrganisers(state);
    const parameters = state.parameters;
    const counts = strategyCounts(state);
    const partners = state.partners;
    if (partners !== undefined) formTies(state, partners);
    const reputation = reputationOn(state);
    const tally =
      state.kernel && memorylessEligible(parameters, state.entries, state.trustUniform)
        ? // Nothing after play changes payoffs without a market, so the kernel may add them to wealth on its pass.
          playMemoryless(state, parameters, state.activities, state.entries, state.relationshipCount, state.observe, state.market === undefined)
        : (this.#splitPlay ?? kernelPaysOff(state)) && splittable(state)
          ? playSplit(state, state.threads ?? ONE_THREAD)
          : playGeneration(state);
    startRevisionBeside(state);
    settleOrganisers(state);
    if (partners !== undefined) cutTies(state, partners);
    const sales = sellOnMarket(state);
    if (tally.wealthAdded !== true) addPayoffs(state.wealth, state.payoff);
    // With the market layer on, firms leave by market.exitWealth and their sites stand empty (market-turnover.ts).
    const exits =
      parameters.exit.threshold === null || state.market !== undefined ? 0 : exitAndSpinOff(state, parameters.exit.threshold, parameters.exit.spinoffTrust);
    const market = turnOverMarket(state, sales);
    relaxTrust(state);
    const standing = reputation ? settleReputation(state) : undefined;
    const organisers = organiserRecords(state);
    const played = recordOf(state, tally, exits, counts, standing);
    const withOrganisers = organisers === undefined ? played : { ...played, organisers };
    const record = market === undefined ? withOrganisers : { ...withOrganisers, market };
    if ((state.generation + 1) % parameters.update.every === 0) revise(state);
    state.generation++;
    return record;
  }

  /** The ties cut after the last generation played, as pairs of firms (a, b, a, b, …); empty without partner choice. */
  get lastCut(): readonly number[] {
    return this.#state.partners?.lastCut ?? [];
  }

  /** Per firm: its mean trust in its neighbours (for the live trust view). */
  firmTrust(out: Float32Array = new Float32Array(this.space.size)): Float32Array {
    return firmTrust(this.#state, out);
  }

  /** Per firm: the slot of the organiser it belongs to (−1: none), and the organisers' names by slot; undefined while the run has had no organisers. */
  get membership(): { readonly memberOf: Int8Array; readonly names: readonly string[] } | undefined {
    const organisers = this.#state.organisers;
    return organisers === undefined ? undefined : { memberOf: organisers.memberOf, names: organisers.books.map((book) => book.name) };
  }

  meanTrust(): number {
    return meanTrust(this.#state);
  }

  /** The market layer's per-site arrays (empty sites, quality, size, education), when `market.enabled`; undefined otherwise. */
  get market(): MarketState | undefined {
    return this.#state.market;
  }

  /** Per firm: its public standing, once the reputation layer has been on (reputation.ts); undefined before. */
  get standing(): Float32Array | undefined {
    return this.#state.reputation?.standing;
  }

  /** Per relationship side (edge * 2 + side): the words it broke, once firms have talked (communication.ts); undefined before. */
  get promisesBroken(): Uint16Array | undefined {
    return this.#state.communication?.broken;
  }
}

/** Wealth grows by the generation's payoffs (a function of its own, so that V8 optimises the loop on its own). */
function addPayoffs(wealth: Float64Array, payoff: Float64Array): void {
  for (let firm = 0; firm < wealth.length; firm++) wealth[firm]! += payoff[firm];
}
