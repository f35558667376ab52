import { WebSocket } from 'ws';
import { MAX_HOST_MESSAGE_BYTES, parseHostMessage, type HostMessage, type SentView } from './protocol.js';

/** How long the opening handshake may take before the client asks again. */
const HANDSHAKE_TIMEOUT_MS = 5_000;
/** What ws says when it does not get the handshake in time. */
const HANDSHAKE_TIMED_OUT = 'Opening handshake has timed out';
import type { Move } from '../core/strategy.js';

/**
 * A student's connection to a class session. It joins with the room code and a name, keeps
 * the latest view the host sent, and comes back by itself (with the token the host gave it)
 * when the connection drops.
 */

export interface ClientOptions {
  /** host:port or a ws:// URL. */
  readonly address: string;
  readonly code: string;
  readonly name: string;
  /** Attempts to reconnect after a drop before giving up. */
  readonly retries?: number | undefined;
  readonly onView?: ((view: SentView, receivedAt: number) => void) | undefined;
  readonly onNotice?: ((text: string) => void) | undefined;
  /** The connection is gone for good: refused, or the host cannot be reached. */
  readonly onClosed?: ((reason: string) => void) | undefined;
  readonly onStatus?: ((status: ClientStatus) => void) | undefined;
}

export type ClientStatus = 'connecting' | 'joined' | 'reconnecting' | 'closed';

/** ws://host:port from what a student types: `192.168.1.20:4321`, `localhost:4321` or a URL. */
export function sessionUrl(address: string): string {
  const trimmed = address.trim();
  return /^wss?:\/\//i.test(trimmed) ? trimmed : `ws://${trimmed}`;
}

export class ClassClient {
  readonly #options: ClientOptions;
  #socket: WebSocket | undefined;
  #token: string | undefined;
  #seat: number | undefined;
  #view: SentView | undefined;
  #attempts = 0;
  #stopped = false;
  #lastError: string | undefined;
  #status: ClientStatus = 'connecting';
  #joined: ((seat: number) => void) | undefined;
  #failed: ((error: Error) => void) | undefined;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  get view(): SentView | undefined {
    return this.#view;
  }

  get seat(): number | undefined {
    return this.#seat;
  }

  get status(): ClientStatus {
    return this.#status;
  }

  /** Connects and joins; resolves with the seat, rejects with the host's reason for refusing. */
  connect(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#joined = resolve;
      this.#failed = reject;
      this.#open();
    });
  }

  /** Sends a choice for the round on screen. */
  choose(move: Move, round = this.#view?.round): boolean {
    if (round === undefined) return false;
    return this.sendRaw(JSON.stringify({ type: 'move', round, move }));
  }

  /** Sends any text (the tests' misbehaving clients use this). */
  sendRaw(text: string): boolean {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  }

  /** Drops the connection as a network failure would; the client comes back by itself. */
  drop(): void {
    this.#socket?.terminate();
  }

  /** Leaves for good. */
  close(): void {
    this.#stopped = true;
    this.#setStatus('closed');
    this.#socket?.close(1000, 'bye');
  }

  #open(): void {
    const socket = new WebSocket(sessionUrl(this.#options.address), { maxPayload: MAX_HOST_MESSAGE_BYTES, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    this.#socket = socket;
    socket.on('open', () => {
      socket.send(
        JSON.stringify({ type: 'join', code: this.#options.code, name: this.#options.name, ...(this.#token === undefined ? {} : { token: this.#token }) }),
      );
    });
    socket.on('message', (data) => this.#receive(String(data)));
    socket.on('error', (error) => {
      // 'close' follows and decides whether to try again.
      this.#lastError = error.message;
    });
    socket.on('close', (code, reason) => {
      if (this.#socket !== socket || this.#stopped) return;
      const text = reason.toString();
      const said = text === '' ? `the host closed the connection (${code})` : text;
      if (code === 1008) return this.#giveUp(said);
      // 1013, "try again later": the host is full for now (idle connections make way within seconds).
      const busy = code === 1013;
      // A host too busy to answer the opening handshake in time is asked again too, as a full one is.
      const slow = this.#lastError === HANDSHAKE_TIMED_OUT;
      // Otherwise only a student who has joined comes back by itself; a first connection that fails is reported at once.
      if (!busy && !slow && this.#seat === undefined) return this.#giveUp(this.#lastError ?? said);
      if (this.#attempts >= (this.#options.retries ?? 10)) return this.#giveUp(busy ? said : `the host cannot be reached (${this.#lastError ?? code})`);
      this.#attempts++;
      this.#setStatus(this.#seat === undefined ? 'connecting' : 'reconnecting');
      // A full host is asked again later and at scattered times, so that its students do not all come back at once.
      const wait = busy
        ? Math.min(5_000, 250 * 2 ** Math.min(this.#attempts, 5)) * (0.5 + Math.random() / 2)
        : Math.min(2_000, 100 * 2 ** Math.min(this.#attempts, 5));
      setTimeout(() => {
        if (!this.#stopped) this.#open();
      }, wait);
    });
  }

  #receive(text: string): void {
    const message: HostMessage | undefined = parseHostMessage(text);
    if (message === undefined) return;
    switch (message.type) {
      case 'welcome':
        this.#token = message.token;
        this.#seat = message.seat;
        this.#attempts = 0;
        this.#setStatus('joined');
        this.#joined?.(message.seat);
        this.#joined = undefined;
        return;
      case 'refused':
        this.#stopped = true;
        this.#giveUp(message.reason);
        return;
      case 'notice':
        this.#options.onNotice?.(message.text);
        return;
      case 'view':
        this.#view = message.view;
        this.#options.onView?.(message.view, Date.now());
        return;
    }
  }

  #giveUp(reason: string): void {
    this.#stopped = true;
    this.#setStatus('closed');
    if (this.#failed !== undefined && this.#seat === undefined) {
      this.#failed(new Error(reason));
      this.#failed = undefined;
      this.#joined = undefined;
    }
    this.#options.onClosed?.(reason);
    this.#socket?.close();
  }

  #setStatus(status: ClientStatus): void {
    this.#status = status;
    this.#options.onStatus?.(status);
  }
}
