import { deriveStream, KEY_SEPARATOR, StreamState, type RandomSource } from '../core/random.js';
import type { Player, Strategy } from '../core/strategy.js';
import type { ActivityTable } from './activities.js';
import type { CommunicationState } from './communication.js';
import type { LoggedEvent } from './events.js';
import type { MaintenanceState } from './maintenance.js';
import type { MarketState } from './market.js';
import type { OrganiserState } from './organisers.js';
import type { ClusterParameters } from './parameters.js';
import type { PoolEntry } from './pool.js';
import type { RelationshipState } from './relationships.js';
import type { PartnerChoice } from './partner-choice.js';
import type { PlayThreads } from './split-play.js';
import type { ReputationLayer } from './reputation.js';
import type { Lattice, RelationshipGraph, Space } from './space.js';

/**
 * Everything a cluster run holds, shared by the model's jobs (population.ts, pool.ts, play.ts,
 * exits.ts, trust.ts, revision.ts, events.ts, metrics.ts). ClusterModel owns the one instance and
 * shows its firm arrays as public fields; the rest stays internal to src/cluster.
 */
export interface ClusterState {
  /** Where the firms sit. */
  readonly space: Lattice;
  /** Whom each firm plays and imitates: the lattice, or the network when firms choose their partners. */
  readonly neighbours: Space;
  /**
   * The relationships and their state are built on first use (model.ts): a run that never reads
   * them (the memory-less kernel) neither builds nor fills their hundreds of megabytes.
   */
  readonly graph: RelationshipGraph;
  /** The network and the firms' searches when partner choice is on. */
  readonly partners: PartnerChoice | undefined;
  readonly relationships: RelationshipState;
  /** Whether graph and relationships have been built yet. */
  readonly relationshipsBuilt: boolean;
  /** How many relationships there are (graph.count), known without building them. */
  readonly relationshipCount: number;
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
  /** Use the memory-less kernel when it applies. */
  readonly kernel: boolean;
  /** Keep the per-firm views (cooperationShare, activityOf) up to date. */
  readonly observe: boolean;
  /** The next generation to play. */
  generation: number;
  parameters: ClusterParameters;
  /** The activities as they stand (rebuilt when a parameter changes), and the key of their games. */
  activities: ActivityTable;
  activitiesKey: string;
  /** Per pool strategy: how it plays. */
  entries: PoolEntry[];
  /** General-path players, per relationship side (edge * 2 + side). */
  readonly players: Map<number, Player>;
  /** Pool strategies disqualified for breaking the rules. */
  readonly disqualified: Set<number>;
  /** True while every neighbour relationship still holds the initial trust. */
  trustUniform: boolean;
  /** The joint facilities' budget and condition (maintenance.ts). */
  readonly maintenance: MaintenanceState;
  /** Business associations, moderators and producers (organisers.ts); undefined while a run has none. */
  organisers: OrganiserState | undefined;
  /** Threads that share the play and the restarts, when the run was given them (split-play.ts). */
  readonly threads: PlayThreads | undefined;
  /** One byte per firm for the revision rules. */
  scratch: Uint8Array | undefined;
  /** Public standing (reputation.ts), made when the reputation layer is first switched on. */
  reputation: ReputationLayer | undefined;
  /** Broken announcements per relationship side (communication.ts), made when communication is first switched on. */
  communication: CommunicationState | undefined;
  /** The market layer (market.ts): empty sites, quality, size, education; undefined unless `market.enabled` at the start. */
  market: MarketState | undefined;
}

/** The random stream for one purpose in a generation (the current one unless given). */
export function streamOf(state: ClusterState, purpose: string, generation = state.generation): RandomSource {
  return deriveStream(state.seed, 'cluster', generation, purpose);
}

/**
 * streamOf's stream as its generator: `uniform()` gives the same numbers. Hot code calls one method
 * of one class from generation to generation and task to task, where each streamOf is a new closure
 * (a call target that compiled code would check and leave when the next closure comes).
 */
export function generatorOf(state: ClusterState, purpose: string, generation = state.generation): StreamState {
  return new StreamState().absorb(`${state.seed}${KEY_SEPARATOR}cluster${KEY_SEPARATOR}${generation}${KEY_SEPARATOR}${purpose}`).seal();
}

/** streamOf's stream as `random`, with the generator behind it as `stream`, for a loop outside JavaScript that continues it (sequential-wasm.ts). */
export function streamWithState(state: ClusterState, purpose: string): { readonly random: RandomSource; readonly stream: StreamState } {
  const stream = generatorOf(state, purpose);
  return { random: () => stream.uniform(), stream };
}
