import type { Game } from '../core/game.js';
import { compiledMachineFor, contextIndex, CONTEXTS, isDeterred, TOURNAMENT_CONTEXT, type CompiledMachine } from '../core/machine.js';
import type { FiniteStateMachine, Move, MoveView, ParameterValues, Player, Strategy } from '../core/strategy.js';

type StrategyMeta = Omit<Strategy, 'create' | 'finiteState'>;

/** Outcome index of a round from the player's side: own move first. */
export function outcomeIndex(own: Move, opponent: Move): number {
  return (own === 'D' ? 2 : 0) + (opponent === 'D' ? 1 : 0);
}

/**
 * Plays a finite-state machine through the general move() interface. On its first call it
 * replays whatever history the relationship already has (on the cluster lattice a firm can
 * take over a relationship with a past), so it always agrees with the engine's fast paths.
 */
class MachinePlayer implements Player {
  private machine: CompiledMachine | undefined;
  private state = 0;

  constructor(
    private readonly id: string,
    private readonly build: (parameters: ParameterValues, game: Game) => FiniteStateMachine,
    private readonly parameters: ParameterValues,
  ) {}

  move(view: MoveView): Move {
    const { own, opponent } = view;
    if (this.machine === undefined) {
      const machine = compiledMachineFor({ id: this.id }, this.build, this.parameters, view.game, () => this.build(this.parameters, view.game));
      this.machine = machine;
      let state = machine.initial;
      // On the lattice only a window of recent moves is kept: replay what there is.
      const first = Math.max(0, own.length - WINDOW_LIMIT);
      for (let i = first; i < own.length; i++) {
        const ownMove = own.at(i);
        const otherMove = opponent.at(i);
        if (ownMove === undefined || otherMove === undefined) continue;
        state = machine.next[state * 4 + outcomeIndex(ownMove, otherMove)]!;
      }
      this.state = state;
    } else if (own.length > 0) {
      this.state = this.machine.next[this.state * 4 + outcomeIndex(own.last!, opponent.last!)]!;
    }
    const cluster = view.cluster;
    const context =
      cluster === undefined
        ? TOURNAMENT_CONTEXT
        : contextIndex(
            cluster.activity.lowRisk,
            cluster.trust >= this.machine.trustThreshold,
            isDeterred(view.game, cluster.sanctions.detection, cluster.sanctions.fine),
          );
    const p = this.machine.cooperate[this.state * CONTEXTS + context]!;
    if (p >= 1) return 'C';
    if (p <= 0) return 'D';
    return view.random() < p ? 'C' : 'D';
  }
}

// Longest history worth replaying: nothing keeps more (the lattice keeps 32 moves).
const WINDOW_LIMIT = 1 << 20;

/**
 * A player whose rule keeps running state over the whole history. On the cluster lattice a
 * player may be handed a relationship that already has a past: this base replays the decisions
 * the rule would have taken before taking the current one, so the state always matches the view.
 */
export abstract class ReplayingPlayer implements Player {
  /** Decisions taken so far; the subclass's state reflects exactly those. */
  private decided = 0;

  move(view: MoveView): Move {
    while (this.decided < view.own.length) this.decideAfter(view, this.decided);
    return this.decideAfter(view, view.own.length);
  }

  private decideAfter(view: MoveView, played: number): Move {
    this.decided = played + 1;
    return this.decide(view, played);
  }

  /** The move after `played` moves of the history, updating the rule's state. */
  protected abstract decide(view: MoveView, played: number): Move;
}

/** A strategy written as move() over the view; a player that also has announce() talks before each round when the cluster's communication is on (sandboxed too). */
export function defineStrategy(meta: StrategyMeta, create: (parameters: ParameterValues) => Player): Strategy {
  return Object.freeze({ ...meta, create });
}

/** A strategy given as a finite-state machine: the engine plays it on its fast path. */
export function finiteStateStrategy(
  meta: StrategyMeta,
  machine: FiniteStateMachine | ((parameters: ParameterValues, game: Game) => FiniteStateMachine),
): Strategy {
  const build = typeof machine === 'function' ? machine : () => machine;
  return Object.freeze({
    ...meta,
    create: (parameters: ParameterValues) => new MachinePlayer(meta.id, build, parameters),
    finiteState: build,
  });
}

/** The machine that plays a fixed cycle of moves (e.g. 'CCD') whatever the partner does. */
export function cycleMachine(pattern: string): FiniteStateMachine {
  const moves = [...pattern];
  return {
    initial: 0,
    cooperate: moves.map((move) => (move === 'C' ? 1 : 0)),
    next: moves.map((_, i) => {
      const following = (i + 1) % moves.length;
      return [following, following, following, following] as const;
    }),
  };
}

/**
 * Probabilities of co-operating on the first move and after each outcome of the previous
 * round, own move first (the "four-vector" of Nowak & Sigmund, Press & Dyson).
 */
export interface MemoryOneVector {
  readonly first: number;
  readonly CC: number;
  readonly CD: number;
  readonly DC: number;
  readonly DD: number;
}

/** The five-state machine of a memory-one strategy: a start state and one per last outcome. */
export function memoryOneMachine(vector: MemoryOneVector): FiniteStateMachine {
  const afterOutcome = [1, 2, 3, 4] as const;
  return {
    initial: 0,
    cooperate: [vector.first, vector.CC, vector.CD, vector.DC, vector.DD],
    next: [afterOutcome, afterOutcome, afterOutcome, afterOutcome, afterOutcome],
  };
}

/** A memory-one strategy from its vector of co-operation probabilities (see MemoryOneVector), or a function of the parameters and game that gives it: played on the fast path. */
export function memoryOneStrategy(meta: StrategyMeta, vector: MemoryOneVector | ((parameters: ParameterValues, game: Game) => MemoryOneVector)): Strategy {
  return finiteStateStrategy(meta, (parameters, game) => memoryOneMachine(typeof vector === 'function' ? vector(parameters, game) : vector));
}
