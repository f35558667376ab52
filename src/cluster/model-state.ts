import type { Player, Strategy } from '../core/strategy.js';
import type { ActivityTable } from './activities.js';
import type { CommunicationState } from './communication.js';
import type { LoggedEvent } from './events.js';
import { freshMaintenance, type MaintenanceState } from './maintenance.js';
import type { MarketState } from './market.js';
import type { OrganiserState } from './organisers.js';
import type { ClusterParameters } from './parameters.js';
import type { PartnerChoice } from './partner-choice.js';
import type { PoolEntry } from './pool.js';
import { RelationshipState } from './relationships.js';
import type { ReputationLayer } from './reputation.js';
import { NO_ACTIVITY } from './round-rules.js';
import { type Lattice, plainInt32, type RelationshipGraph, relationshipCountOf, relationshipsOf, type Space } from './space.js';
import { sharedArray, type PlayThreads } from './split-play.js';
import type { ClusterState } from './state.js';

/** What a run's state is made from (model.ts checks it first). */
export interface StateSetup {
  readonly space: Lattice;
  readonly partners: PartnerChoice | undefined;
  readonly pool: readonly Strategy[];
  readonly seed: number;
  readonly parameters: ClusterParameters;
  readonly kernel: boolean;
  readonly observe: boolean;
  /** Threads that share the play: the big arrays are then SharedArrayBuffer-backed. */
  readonly threads: PlayThreads | undefined;
}

const sharedInt32 = (length: number): Int32Array => sharedArray(Int32Array, 4, length);

/**
 * A run's ClusterState. A class, so that every run's state has one shape: a sweep makes a state
 * per task, and an object literal (with getters) got its fields' types widened at the second and
 * third task, which threw away the compiled code of every function that had read them
 * (docs/benchmarks.md, the sweep's fifth session). Every field is set here, in one order.
 *
 * The relationships are built when first read, as they would have stood from the start: every
 * side at the starting trust (a firm trusts itself fully), no past, every machine in state 0.
 * Nothing writes them before (population.ts and pool.ts leave them alone while that holds).
 */
export class ModelState implements ClusterState {
  readonly space: Lattice;
  readonly neighbours: Space;
  readonly partners: PartnerChoice | undefined;
  readonly pool: readonly Strategy[];
  readonly seed: number;
  readonly strategyOf: Uint8Array;
  readonly payoff: Float64Array;
  readonly wealth: Float64Array;
  readonly buyerTied: Uint8Array;
  readonly cooperationShare: Float32Array;
  readonly activityOf: Uint8Array;
  readonly log: LoggedEvent[] = [];
  readonly kernel: boolean;
  readonly observe: boolean;
  generation = 0;
  parameters: ClusterParameters;
  activities: ActivityTable = undefined!;
  activitiesKey = '';
  entries: PoolEntry[] = [];
  readonly players = new Map<number, Player>();
  readonly disqualified = new Set<number>();
  trustUniform = true;
  readonly threads: PlayThreads | undefined;
  readonly maintenance: MaintenanceState = freshMaintenance();
  organisers: OrganiserState | undefined = undefined;
  scratch: Uint8Array | undefined = undefined;
  reputation: ReputationLayer | undefined = undefined;
  communication: CommunicationState | undefined = undefined;
  market: MarketState | undefined = undefined;
  #graph: RelationshipGraph | undefined;
  #relationships: RelationshipState | undefined = undefined;
  readonly #latticeCount: number;
  readonly #shared: boolean;
  // As the run started: events that change parameters later do not change how the relationships are built.
  readonly #selfInteraction: boolean;
  readonly #trustAtStart: number;

  constructor(setup: StateSetup) {
    const { space, partners, parameters, threads } = setup;
    const size = space.size;
    const shared = threads !== undefined;
    this.space = space;
    this.neighbours = partners?.network ?? space;
    this.partners = partners;
    this.pool = setup.pool;
    this.seed = setup.seed;
    this.strategyOf = shared ? sharedArray(Uint8Array, 1, size) : new Uint8Array(size);
    this.payoff = shared ? sharedArray(Float64Array, 8, size) : new Float64Array(size);
    this.wealth = shared ? sharedArray(Float64Array, 8, size) : new Float64Array(size);
    this.buyerTied = shared ? sharedArray(Uint8Array, 1, size) : new Uint8Array(size);
    this.cooperationShare = shared ? sharedArray(Float32Array, 4, size) : new Float32Array(size);
    this.activityOf = (shared ? sharedArray(Uint8Array, 1, size) : new Uint8Array(size)).fill(NO_ACTIVITY);
    this.kernel = setup.kernel;
    this.observe = setup.observe;
    this.parameters = parameters;
    this.threads = threads;
    this.#graph = partners?.network;
    this.#latticeCount = relationshipCountOf(space, parameters.selfInteraction);
    this.#shared = shared;
    this.#selfInteraction = parameters.selfInteraction;
    this.#trustAtStart = parameters.trust.initial;
  }

  get graph(): RelationshipGraph {
    this.#graph ??= relationshipsOf(this.space, this.#selfInteraction, this.#shared ? sharedInt32 : plainInt32);
    return this.#graph;
  }

  get relationships(): RelationshipState {
    if (this.#relationships === undefined) {
      const graph = this.graph;
      this.#relationships = new RelationshipState(this.partners?.network.capacity ?? graph.count, this.#shared);
      startingTrust(this.#relationships, graph, this.#trustAtStart);
    }
    return this.#relationships;
  }

  get relationshipsBuilt(): boolean {
    return this.#relationships !== undefined;
  }

  get relationshipCount(): number {
    return this.#graph?.count ?? this.#latticeCount;
  }
}

/** Each relationship's starting trust: the parameters' for a pair of firms, full for a firm with itself. */
function startingTrust(relationships: RelationshipState, graph: RelationshipGraph, initial: number): void {
  const { trust } = relationships;
  const { firmA, firmB, count } = graph;
  for (let edge = 0; edge < count; edge++) {
    const self = firmA[edge] === firmB[edge];
    trust[edge * 2] = self ? 1 : initial;
    trust[edge * 2 + 1] = self ? 1 : initial;
  }
}
