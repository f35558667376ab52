import { InputError } from '../core/errors.js';
import { enterFirms, type Entry } from './entry.js';
import { isStructural, withParameter } from './parameters.js';
import { refreshTables } from './pool.js';
import type { ClusterState } from './state.js';

/**
 * At generation g, set parameters (switch a programme on, raise the fine, start a crisis), and
 * let new firms enter (a wave of opportunists).
 */
export interface ClusterEvent {
  readonly generation: number;
  readonly set: Readonly<Record<string, unknown>>;
  /** New firms taking a share of the sites (entry.ts). */
  readonly entry?: Entry | undefined;
  /** What the event log says, e.g. "joint training programme starts". */
  readonly label?: string | undefined;
}

/** An entry of the event log: what happened at which generation, and why. */
export interface LoggedEvent {
  readonly generation: number;
  readonly label: string;
}

/** Events waiting for their generation, in order. */
export class EventQueue {
  readonly #events: ClusterEvent[];

  constructor(events: readonly ClusterEvent[]) {
    this.#events = [...events].sort((a, b) => a.generation - b.generation);
  }

  push(event: ClusterEvent): void {
    this.#events.push(event);
    this.#events.sort((a, b) => a.generation - b.generation);
  }

  /** Puts the events due in this generation into force and logs them (events for a generation already past are dropped). */
  applyDue(state: ClusterState): void {
    const events = this.#events;
    while (events.length > 0 && events[0]!.generation <= state.generation) {
      const event = events.shift()!;
      if (event.generation < state.generation) continue;
      for (const [path, value] of Object.entries(event.set)) {
        if (isStructural(path)) throw new InputError(`event at generation ${event.generation}: '${path}' cannot change during a run`);
        state.parameters = withParameter(state.parameters, path, value);
      }
      const entered = event.entry === undefined ? 0 : enterFirms(state, event.entry);
      state.log.push({ generation: event.generation, label: event.label ?? labelOf(event.set, event.entry, entered) });
    }
    refreshTables(state);
  }
}

/** Sets a parameter now (the live UI's keys), logging it; structural parameters are refused. */
export function setParameter(state: ClusterState, path: string, value: unknown, label: string | undefined): void {
  if (isStructural(path)) {
    throw new InputError(`parameter '${path}' shapes the lattice or the starting population: it cannot change during a run`);
  }
  state.parameters = withParameter(state.parameters, path, value);
  state.log.push({ generation: state.generation, label: label ?? `${path} = ${JSON.stringify(value)}` });
  refreshTables(state);
}

function labelOf(set: Readonly<Record<string, unknown>>, entry: Entry | undefined, entered: number): string {
  const changes = Object.entries(set).map(([path, value]) => `${path} = ${JSON.stringify(value)}`);
  if (entry !== undefined) changes.push(`${entered} new firms enter as ${entry.strategy}`);
  return changes.join(', ');
}
