import { Worker } from 'node:worker_threads';
import { LiveCluster, type LiveCommand, type LiveSnapshot } from '../../cluster/live.js';
import type { GenerationRecord } from '../../cluster/model.js';
import type { Scenario } from '../../cluster/scenario.js';
import type { Strategy } from '../../core/strategy.js';

/** Where the live view gets its snapshots from, and where it sends the facilitator's commands. */
export interface SimulationSource {
  subscribe(listener: (snapshot: LiveSnapshot) => void): () => void;
  send(command: LiveCommand): void;
  stop(): void;
}

/** Snapshots are sent at most this often; the simulation may run faster between them. */
export const SNAPSHOT_INTERVAL_MS = 33;

/**
 * Runs a LiveCluster on a clock: steps at the chosen speed, applies commands as they come,
 * and emits throttled snapshots. Shared by the worker thread and the in-thread source.
 */
export class SimulationClock {
  #timer: NodeJS.Timeout | undefined;
  #lastEmit = 0;
  #stopped = false;
  /** With backpressure, a snapshot waits until the previous one was acknowledged. */
  #inFlight = false;
  #pending = false;

  constructor(
    private readonly live: LiveCluster,
    private readonly emit: (snapshot: LiveSnapshot) => void,
    private readonly options: { backpressure?: boolean; now?: () => number } = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }

  /** The UI has taken the last snapshot: the next one may go. */
  acknowledge(): void {
    this.#inFlight = false;
    if (this.#pending) this.#publish();
  }

  start(): void {
    this.#publish();
    this.#schedule();
  }

  command(command: LiveCommand): void {
    this.live.apply(command);
    this.#publish();
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  #publish(): void {
    if (this.options.backpressure === true && this.#inFlight) {
      // The UI is still busy with the last one: send the newest state when it asks, never a backlog.
      this.#pending = true;
      return;
    }
    this.#pending = false;
    this.#inFlight = true;
    this.#lastEmit = this.now();
    this.emit(this.live.snapshot());
  }

  #schedule(): void {
    if (this.#stopped) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (!this.live.running) {
      this.#timer = undefined;
      return;
    }
    const speed = this.live.speed;
    const delay = speed === Infinity ? 0 : 1000 / speed;
    this.#timer = setTimeout(() => this.#tick(), delay);
  }

  #tick(): void {
    if (this.#stopped) return;
    const started = this.now();
    // At full speed, play as many generations as fit in one frame before showing one.
    do {
      this.live.step();
    } while (this.live.running && this.live.speed === Infinity && this.now() - started < SNAPSHOT_INTERVAL_MS / 2);
    // A run that paused itself (the scenario's end) is shown at once: no later frame would.
    if (this.now() - this.#lastEmit >= SNAPSHOT_INTERVAL_MS || this.live.speed <= 30 || !this.live.running) this.#publish();
    this.#schedule();
  }
}

/** The simulation in this thread: for tests and small lattices. */
export class InlineSource implements SimulationSource {
  readonly #listeners = new Set<(snapshot: LiveSnapshot) => void>();
  readonly #clock: SimulationClock;
  #last: LiveSnapshot | undefined;

  constructor(live: LiveCluster, options: { autostart?: boolean } = {}) {
    this.#clock = new SimulationClock(live, (snapshot) => {
      this.#last = snapshot;
      for (const listener of this.#listeners) listener(snapshot);
    });
    if (options.autostart ?? true) this.#clock.start();
    else this.#last = live.snapshot();
  }

  subscribe(listener: (snapshot: LiveSnapshot) => void): () => void {
    this.#listeners.add(listener);
    if (this.#last !== undefined) listener(this.#last);
    return () => this.#listeners.delete(listener);
  }

  send(command: LiveCommand): void {
    this.#clock.command(command);
  }

  stop(): void {
    this.#clock.stop();
  }
}

/** A snapshot as the worker sends it: only the records from `recordsFrom` on. */
export interface WorkerSnapshot extends LiveSnapshot {
  readonly recordsFrom: number;
}

/** The message that tells the worker its last snapshot was taken. */
export const ACKNOWLEDGE = 'ack';

export interface WorkerInput {
  readonly scenario: Scenario;
  readonly strategyIds: readonly string[];
  readonly seed: number;
  /** Strategy module files the worker loads itself (strategies cannot cross threads). */
  readonly moduleFiles?: readonly string[];
  readonly trusted?: boolean;
}

/** The simulation in a worker thread, so it never blocks the UI. */
export class WorkerSource implements SimulationSource {
  readonly #worker: Worker;
  readonly #listeners = new Set<(snapshot: LiveSnapshot) => void>();
  #last: LiveSnapshot | undefined;

  constructor(input: WorkerInput, onError: (error: Error) => void) {
    this.#worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
    let records: GenerationRecord[] = [];
    this.#worker.on('message', (message: WorkerSnapshot) => {
      records = message.recordsFrom === 0 ? [...message.records] : [...records.slice(0, message.recordsFrom), ...message.records];
      const { recordsFrom: _, ...rest } = message;
      const snapshot: LiveSnapshot = { ...rest, records };
      this.#last = snapshot;
      for (const listener of this.#listeners) listener(snapshot);
      this.#worker.postMessage(ACKNOWLEDGE);
    });
    this.#worker.on('error', onError);
  }

  subscribe(listener: (snapshot: LiveSnapshot) => void): () => void {
    this.#listeners.add(listener);
    if (this.#last !== undefined) listener(this.#last);
    return () => this.#listeners.delete(listener);
  }

  send(command: LiveCommand): void {
    this.#worker.postMessage(command);
  }

  /** The latest snapshot (for --out on exit and exports). */
  get last(): LiveSnapshot | undefined {
    return this.#last;
  }

  stop(): void {
    void this.#worker.terminate();
  }
}

export function inlineLive(scenario: Scenario, strategies: readonly Strategy[], seed: number): LiveCluster {
  return new LiveCluster(scenario, strategies, seed);
}
