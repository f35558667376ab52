import { MOVE_OF_CODE } from '../core/history.js';
import type { Move, MoveHistory } from '../core/strategy.js';

/** How many recent moves a relationship keeps per side; older ones live on only in the totals. */
export const WINDOW = 32;

/**
 * The state of every relationship, as typed arrays indexed by edge (or edge * 2 + side):
 * a bounded window of recent moves, totals, trust in each direction, and each side's
 * finite-state machine state. About 40 bytes per relationship.
 */
export class RelationshipState {
  /** Rounds played so far, including any rivalry history. */
  readonly rounds: Uint32Array;
  /** Per side: the last WINDOW moves as bits, newest in bit 0 (1 = D). */
  readonly window: Uint32Array;
  /** Per side: all defections so far. */
  readonly defections: Uint32Array;
  /** Per side: that firm's trust in the other, in [0, 1]. */
  readonly trust: Float64Array;
  /** Per side: the state of the side's finite-state machine (fast path). */
  readonly machineState: Uint16Array;
  /**
   * Per side: the partner's remembered defections from the rivalry history that the side still
   * holds against it (rivalry.ts). Empty (length 0) unless the run starts with a rivalry history.
   */
  grievances: Uint32Array = new Uint32Array(0);

  /** With `shared`, the arrays are backed by SharedArrayBuffers, for threads that share the play (split-play.ts). */
  constructor(
    readonly count: number,
    readonly shared = false,
  ) {
    this.rounds = this.sideCounts(count);
    this.window = this.sideCounts(count * 2);
    this.defections = this.sideCounts(count * 2);
    // Float64: trust is compared with thresholds such as 0.7, which a Float32 cannot hold exactly.
    this.trust = shared ? new Float64Array(new SharedArrayBuffer(count * 16)) : new Float64Array(count * 2);
    this.machineState = shared ? new Uint16Array(new SharedArrayBuffer(count * 4)) : new Uint16Array(count * 2);
  }

  /** A zeroed Uint32Array of `length`, shared if the relationships are (for grievances, rivalry.ts). */
  sideCounts(length: number): Uint32Array {
    return this.shared ? new Uint32Array(new SharedArrayBuffer(length * 4)) : new Uint32Array(length);
  }

  /** Clears a relationship's past: a new firm has none. */
  reset(edge: number, trustA: number, trustB: number): void {
    this.rounds[edge] = 0;
    this.window[edge * 2] = 0;
    this.window[edge * 2 + 1] = 0;
    this.defections[edge * 2] = 0;
    this.defections[edge * 2 + 1] = 0;
    this.trust[edge * 2] = trustA;
    this.trust[edge * 2 + 1] = trustB;
    if (this.grievances.length > 0) {
      this.grievances[edge * 2] = 0;
      this.grievances[edge * 2 + 1] = 0;
    }
  }

  /** Moves a relationship's state to another edge index (a network keeps its edges dense). */
  move(from: number, to: number): void {
    this.rounds[to] = this.rounds[from]!;
    for (let side = 0; side < 2; side++) {
      this.window[to * 2 + side] = this.window[from * 2 + side]!;
      this.defections[to * 2 + side] = this.defections[from * 2 + side]!;
      this.trust[to * 2 + side] = this.trust[from * 2 + side]!;
      this.machineState[to * 2 + side] = this.machineState[from * 2 + side]!;
      if (this.grievances.length > 0) this.grievances[to * 2 + side] = this.grievances[from * 2 + side]!;
    }
  }
}

/** Defection bit of the move `back` rounds ago (0 = the last round) in a window. */
export function windowBit(window: number, back: number): number {
  return (window >>> back) & 1;
}

/**
 * One side's history of a relationship as a strategy sees it: the totals over the whole
 * past, and the moves themselves for the last WINDOW rounds (older ones read as undefined).
 * Reused across calls by re-pointing it at another side.
 */
export class WindowHistory implements MoveHistory {
  #state: RelationshipState;
  #side = 0;
  #edge = 0;

  constructor(state: RelationshipState) {
    this.#state = state;
  }

  point(edge: number, side: number): void {
    this.#edge = edge;
    this.#side = edge * 2 + side;
  }

  get length(): number {
    return this.#state.rounds[this.#edge]!;
  }

  get defections(): number {
    return this.#state.defections[this.#side]!;
  }

  get cooperations(): number {
    return this.length - this.defections;
  }

  get last(): Move | undefined {
    return this.length === 0 ? undefined : MOVE_OF_CODE[windowBit(this.#state.window[this.#side]!, 0)];
  }

  at(index: number): Move | undefined {
    const length = this.length;
    const position = index < 0 ? length + index : index;
    if (position < 0 || position >= length) return undefined;
    const back = length - 1 - position;
    return back < WINDOW ? MOVE_OF_CODE[windowBit(this.#state.window[this.#side]!, back)] : undefined;
  }

  defectionsInLast(count: number): number {
    const span = Math.max(0, Math.min(Math.floor(count), this.length, WINDOW));
    if (!(span > 0)) return 0;
    let bits = span >= 32 ? this.#state.window[this.#side]! : this.#state.window[this.#side]! & ((1 << span) - 1);
    let found = 0;
    while (bits !== 0) {
      bits &= bits - 1;
      found++;
    }
    return found;
  }

  toArray(): Move[] {
    const span = Math.min(this.length, WINDOW);
    const window = this.#state.window[this.#side]!;
    const moves: Move[] = [];
    for (let back = span - 1; back >= 0; back--) moves.push(MOVE_OF_CODE[windowBit(window, back)]!);
    return moves;
  }
}
