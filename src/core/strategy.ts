/**
 * The strategy module API: everything a researcher needs to write a strategy.
 * A module default-exports a {@link Strategy}; cooplab creates one {@link Player} per
 * match (or per relationship on the cluster lattice) and asks it for a move each round.
 */
import type { Game } from './game.js';

export type { Game } from './game.js';

/** 'C' co-operates, 'D' defects. */
export type Move = 'C' | 'D';

/** One player's moves in a relationship, oldest first. Strategies can read it, never change it. */
export interface MoveHistory {
  /** Number of moves made so far. */
  readonly length: number;
  /** How many of them were 'C'. */
  readonly cooperations: number;
  /** How many of them were 'D'. */
  readonly defections: number;
  /** The most recent move; undefined before the first. */
  readonly last: Move | undefined;
  /** The move at `index` (0 = first; negative counts from the end, -1 = last). */
  at(index: number): Move | undefined;
  /** How many of the last `count` moves were 'D'. */
  defectionsInLast(count: number): number;
  /** A copy of all moves, oldest first. */
  toArray(): Move[];
}

/** A joint activity on the cluster lattice (absent in plain tournaments). */
export interface ActivityView {
  readonly name: string;
  /** Small stakes, little room for predatory behaviour (training, basic testing, environmental work). */
  readonly lowRisk: boolean;
  /** Transaction cost a co-operating firm pays per round (after any subsidy). */
  readonly cost: number;
}

/** The sanctions in force on the cluster lattice. */
export interface SanctionsView {
  /** Probability that a firm defecting against a co-operator is caught. */
  readonly detection: number;
  /** What a caught firm pays. */
  readonly fine: number;
  /** Whether the victim receives the fine. */
  readonly compensate: boolean;
}

/**
 * Public standing on the cluster lattice, while its reputation layer is on: built from acts that
 * others observed and passed on by word of mouth (docs/model.md, "Reputation").
 */
export interface ReputationView {
  /** The partner's standing, in [0, 1] (1: nothing bad is known about it). */
  readonly partner: number;
  /** The firm's own standing, in [0, 1]. */
  readonly own: number;
  /** The standing from which a firm counts as in good standing (the model's `reputation.good`). */
  readonly good: number;
}

/**
 * What a cluster-aware strategy sees beyond the histories. Present only on the cluster
 * lattice; a classic strategy ignores it and runs unchanged in both places.
 */
export interface ClusterContext {
  readonly activity: ActivityView;
  /** The firm's trust in this partner, in [0, 1]. */
  readonly trust: number;
  readonly sanctions: SanctionsView;
  /** Generation of the cluster simulation, from 0. */
  readonly generation: number;
  /** Standings, while the reputation layer is on; undefined when it is off (and in tournaments). */
  readonly reputation?: ReputationView | undefined;
  /**
   * With communication on: the move the partner announced for this round. Undefined when
   * communication is off, and for a firm that decides before hearing it (one without `announce()`).
   */
  readonly announcement?: Move | undefined;
  /** With communication on: how many times the partner broke its word on this relationship (both announced C, it played D). */
  readonly promisesBroken?: number | undefined;
}

/** What a player sees when it chooses a move. */
export interface MoveView {
  /** Its own moves so far in this match or relationship (after noise: as they were played). */
  readonly own: MoveHistory;
  /** The opponent's moves so far, as played. */
  readonly opponent: MoveHistory;
  /** The round being played, from 1. */
  readonly round: number;
  /** The payoffs of the game being played now. */
  readonly game: Game;
  /** The number of rounds in the match when it is known in advance; undefined with a probabilistic end. */
  readonly turns: number | undefined;
  /** The player's own seeded random stream: uniform in [0, 1). The only permitted source of randomness. */
  random(): number;
  /** Cluster context (activity, trust, sanctions); undefined in plain tournaments. */
  readonly cluster: ClusterContext | undefined;
}

/** A player: one strategy instance with whatever private state it keeps for one match. */
export interface Player {
  move(view: MoveView): Move;
  /**
   * Optional, on the cluster lattice with communication on: the move it announces before the round
   * (it may lie). A player that has it speaks first and then chooses its move having heard the
   * partner (`view.cluster.announcement`); one without it decides first and announces that move.
   * In the sandbox it is asked like a move, under the same budgets; a bad announcement disqualifies.
   */
  announce?(view: MoveView): Move;
}

/** How a strategy is classified (as in Axelrod-Python). */
export interface Classifier {
  /** How many past rounds the strategy looks at; Infinity if unbounded. */
  readonly memoryDepth: number;
  /** Whether it uses its random stream. */
  readonly stochastic: boolean;
}

/** A numeric parameter a strategy accepts, with its default. */
export interface ParameterSpec {
  readonly default: number;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
}

/** Values of a strategy's numeric parameters by name (see `Strategy.parameters`). */
export type ParameterValues = Readonly<Record<string, number>>;

/**
 * A finite-state form of a strategy: the engine's fast path plays it on typed arrays
 * without calling the strategy at all. State `s` co-operates with probability
 * `cooperate[s]`; after a round the next state is `next[s][outcome]`, where outcome is
 * 0 = (C,C), 1 = (C,D), 2 = (D,C), 3 = (D,D) from the player's own point of view
 * (own move first), as played after noise. A random number is drawn from the player's
 * stream only when 0 < cooperate[s] < 1, and the player co-operates when it is below
 * cooperate[s].
 *
 * A cluster-aware strategy may make a state's choice depend on its context: give a
 * function of {@link MachineContext} instead of a number. The engine evaluates it for the
 * eight possible contexts once, when it compiles the machine.
 */
export interface FiniteStateMachine {
  readonly initial: number;
  readonly cooperate: readonly (number | ((context: MachineContext) => number))[];
  readonly next: readonly (readonly [number, number, number, number])[];
  /** Trust in the partner from which the context counts as `trusted` (default 0.5). */
  readonly trustThreshold?: number;
}

/**
 * What a finite-state machine may condition on, on the cluster lattice. In a plain
 * tournament the context is risky, trusted and not deterred.
 */
export interface MachineContext {
  /** The activity is a low-risk joint activity (training, basic testing, environmental work). */
  readonly lowRisk: boolean;
  /** The firm's trust in the partner is at least the machine's trustThreshold. */
  readonly trusted: boolean;
  /**
   * The expected fine for defecting against a co-operator (detection × fine) is at least the
   * gain from it (T − R of the activity).
   */
  readonly deterred: boolean;
}

/** A strategy module's default export. */
export interface Strategy {
  /** Unique kebab-case id, e.g. "tit-for-tat". */
  readonly id: string;
  /** Human-readable name, e.g. "Tit For Tat". */
  readonly name: string;
  /** One paragraph: what it does. */
  readonly description: string;
  /** Who proposed it and where (author, year, publication). */
  readonly provenance: string;
  readonly classifier: Classifier;
  /** Optional numeric parameters with defaults. */
  readonly parameters?: Readonly<Record<string, ParameterSpec>>;
  /** Returns a fresh player for one match. */
  create(parameters: ParameterValues): Player;
  /**
   * Optional finite-state form, used by the engine's fast path when present. It must
   * behave exactly like the players `create` returns (tests check this for built-ins).
   */
  finiteState?(parameters: ParameterValues, game: Game): FiniteStateMachine;
}

/** Resolves a strategy's parameters: its declared defaults overridden by `given`. */
export function resolveParameters(strategy: Strategy, given: ParameterValues = {}): ParameterValues {
  const values: Record<string, number> = {};
  for (const [key, spec] of Object.entries(strategy.parameters ?? {})) values[key] = given[key] ?? spec.default;
  return values;
}
