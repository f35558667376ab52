import type { Move, MoveHistory } from './strategy.js';

/** Internal move codes: the engine works on bytes, strategies see 'C' and 'D'. */
export const COOPERATE = 0;
export const DEFECT = 1;

export const MOVE_OF_CODE: readonly Move[] = ['C', 'D'];

// Assigned in History's static block, so only this module can write a history.
let appendImpl: (history: History, code: number) => void;
let resetImpl: (history: History) => void;

/**
 * The moves one player has made in a relationship, oldest first. Read-only for everyone
 * but the engine: the buffer sits in private fields and the only writer is handed out
 * through a module-level function that strategy modules never receive.
 */
export class History implements MoveHistory {
  #codes: Uint8Array;
  #length = 0;
  #defections = 0;

  constructor(capacity = 64) {
    this.#codes = new Uint8Array(Math.max(1, capacity));
  }

  /** Number of moves made so far. */
  get length(): number {
    return this.#length;
  }

  /** How many of those moves were 'C'. */
  get cooperations(): number {
    return this.#length - this.#defections;
  }

  /** How many of those moves were 'D'. */
  get defections(): number {
    return this.#defections;
  }

  /** The most recent move, or undefined before the first. */
  get last(): Move | undefined {
    return this.#length === 0 ? undefined : MOVE_OF_CODE[this.#codes[this.#length - 1]!];
  }

  /**
   * The move at `index`: 0 is the first move, negative indices count from the end
   * (-1 is the last). Undefined outside the history.
   */
  at(index: number): Move | undefined {
    const position = index < 0 ? this.#length + index : index;
    if (position < 0 || position >= this.#length) return undefined;
    return MOVE_OF_CODE[this.#codes[position]!];
  }

  /** How many of the last `count` moves (or fewer, early on) were 'D'. */
  defectionsInLast(count: number): number {
    let found = 0;
    const span = Math.floor(count);
    if (!(span > 0)) return 0;
    for (let i = Math.max(0, this.#length - span); i < this.#length; i++) found += this.#codes[i]!;
    return found;
  }

  /** A fresh copy of the moves, oldest first. */
  toArray(): Move[] {
    const moves = new Array<Move>(this.#length);
    for (let i = 0; i < this.#length; i++) moves[i] = MOVE_OF_CODE[this.#codes[i]!]!;
    return moves;
  }

  static {
    appendImpl = (history: History, code: number): void => {
      if (history.#length === history.#codes.length) {
        const grown = new Uint8Array(history.#codes.length * 2);
        grown.set(history.#codes);
        history.#codes = grown;
      }
      history.#codes[history.#length++] = code;
      history.#defections += code;
    };
    resetImpl = (history: History): void => {
      history.#length = 0;
      history.#defections = 0;
    };
  }
}

/** Engine-only: records a move code (COOPERATE or DEFECT). */
export function appendMove(history: History, code: number): void {
  appendImpl(history, code);
}

/** Engine-only: empties a history so its buffer can serve the next match. */
export function clearHistory(history: History): void {
  resetImpl(history);
}
