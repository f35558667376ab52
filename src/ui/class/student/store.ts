import type { ClientStatus } from '../../../classroom/client.js';
import type { SentView } from '../../../classroom/protocol.js';
import type { Move } from '../../../core/strategy.js';

export interface StudentState {
  readonly view: SentView | undefined;
  readonly receivedAt: number;
  readonly status: ClientStatus;
  readonly notice: string | undefined;
  readonly closedReason: string | undefined;
  readonly sent: { readonly round: number; readonly move: Move } | undefined;
}

/**
 * The client's callbacks write here, and the screen reads it: callbacks can fire before
 * React has mounted (a fast host), and nothing they report may be lost.
 */
export class StudentStore {
  #state: StudentState = { view: undefined, receivedAt: 0, status: 'connecting', notice: undefined, closedReason: undefined, sent: undefined };
  readonly #listeners = new Set<() => void>();

  get state(): StudentState {
    return this.#state;
  }

  update(change: Partial<StudentState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  snapshot = (): StudentState => this.#state;
}
