import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { networkInterfaces } from 'node:os';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { printable } from '../core/printable.js';
import { servePage } from './page-route.js';
import { MAX_CLIENT_MESSAGE_BYTES, parseClientMessage, roomCode, type HostMessage } from './protocol.js';
import { ClassSession, type ClassCommand, type ClassSettings, type ClassSnapshot } from './session.js';

/**
 * The teacher's side of a class session: a WebSocket server around a ClassSession. It owns
 * the clock (round deadlines, the pause between rounds) and the connections; every message
 * is checked, rate-limited and tied to the connection that joined. Every string a client sends
 * is escaped (printable()) as it arrives, so no log line and no view ever holds a raw one.
 * The threat model (plain WebSocket on a classroom network) is in docs/teaching.md.
 */

/** What a teacher's screen (or a test) follows; every callback is optional. */
export interface HostListener {
  readonly change?: (snapshot: ClassSnapshot) => void;
  readonly log?: (line: string) => void;
  readonly end?: () => void;
}

export interface HostOptions {
  readonly settings: ClassSettings;
  /** 0: any free port. */
  readonly port: number;
  /** The interface to listen on: 0.0.0.0 for the classroom's network. */
  readonly host: string;
  /** A fixed room code; by default a random one. */
  readonly code?: string | undefined;
  /** Seconds between the close of a round and the opening of the next. */
  readonly pause: number;
  /** Start by itself once this many students have joined (0: the teacher starts it). */
  readonly startWhen?: number | undefined;
  /** A line for the teacher's log (dropped messages, joins, leaves). */
  readonly log?: ((line: string) => void) | undefined;
  /** Called after every change the teacher's screen should show. */
  readonly onChange?: ((snapshot: ClassSnapshot) => void) | undefined;
  /** Called once when the last round has closed. */
  readonly onEnd?: (() => void) | undefined;
  /** The address students open in a browser when it is not this machine's own (behind NAT, a proxy, a name). */
  readonly publicUrl?: string | undefined;
  /** A certificate and its key (PEM): students connect with wss:// and the traffic is encrypted. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer } | undefined;
}

/** Per connection: a token bucket of this many messages, refilled at RATE_PER_SECOND. */
const BURST = 20;
const RATE_PER_SECOND = 10;
/** A connection that has had this many messages dropped for flooding is closed. */
const FLOOD_LIMIT = 200;
/** A client joins as soon as it connects: a connection still silent after this is closed. */
const JOIN_TIMEOUT_MS = 3_000;
const HEARTBEAT_MS = 5_000;
/** How long a connection has to answer a ping before a rejoin with its token may take its seat. */
const PROBE_MS = 3_000;
/** A connection the host closes that does not close its side in this time is cut. */
const CLOSE_GRACE_MS = 2_000;
/** Failed joins from one address in a minute before it is refused outright (guessing the code). */
const FAILED_JOINS_PER_MINUTE = 10;
const MAX_CONNECTIONS = 400;
/** The most time a plain HTTP request (the web page) or a WebSocket handshake may take to arrive. */
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Connections from one address that have not joined (a real client joins at once; a class behind
 * one NAT address still gets in). The teacher's own machine (a demonstration with many terminals) is not capped.
 */
const MAX_WAITING_PER_ADDRESS = 16;
const OWN_ADDRESSES: ReadonlySet<string> = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_STUDENTS = 200;
/** A client that reads nothing while this much waits for it gets no more views until it catches up. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** How long the views of the others wait after an answer, to go out with the next answers. */
const ANSWER_COALESCE_MS = 100;

interface Connection {
  readonly socket: WebSocket;
  readonly address: string;
  seat: number | undefined;
  tokens: number;
  refilled: number;
  dropped: number;
  lastDropLog: number;
  alive: boolean;
  /** When the last pong came. */
  answered: number;
  /** The host has closed it: whatever else it sends is ignored. */
  closing: boolean;
  /** Its join waits for the proof that the seat's old connection is dead. */
  joining: boolean;
  /** Rejoins waiting to learn whether this connection still answers. */
  readonly probes: Set<(alive: boolean) => void>;
}

export class ClassHost {
  readonly session: ClassSession;
  readonly code: string;
  readonly #server: WebSocketServer;
  readonly #options: HostOptions;
  readonly #connections = new Set<Connection>();
  readonly #failedJoins = new Map<string, number[]>();
  #deadlineTimer: NodeJS.Timeout | undefined;
  #nextTimer: NodeJS.Timeout | undefined;
  readonly #heartbeat: NodeJS.Timeout;
  #holding = false;
  #ended = false;
  #soon: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<HostListener>();

  readonly #http: HttpServer | HttpsServer;

  private constructor(server: WebSocketServer, options: HostOptions, code: string, http: HttpServer | HttpsServer) {
    this.#server = server;
    this.#http = http;
    this.#options = options;
    this.code = code;
    this.session = new ClassSession(options.settings, () => randomBytes(16).toString('hex'));
    server.on('connection', (socket, request) => this.#accept(socket, request));
    this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /**
   * Starts listening; resolves once the port is open. A certificate or key that cannot be used rejects.
   * The port serves the WebSocket session and, over plain HTTP(S), the student's web page (GET /).
   */
  static start(options: HostOptions): Promise<ClassHost> {
    const code = options.code ?? roomCode(randomBytes(16));
    return new Promise((resolve, reject) => {
      let http: HttpServer | HttpsServer;
      try {
        http = options.tls === undefined ? createHttpServer(servePage) : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, servePage);
      } catch (error) {
        reject(error);
        return;
      }
      // A page request (or a WebSocket handshake) has this long to arrive in full: a client trickling its headers byte by byte is cut.
      http.headersTimeout = REQUEST_TIMEOUT_MS;
      http.requestTimeout = REQUEST_TIMEOUT_MS;
      const server = new WebSocketServer({ server: http, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });
      const onError = (error: Error) => options.log?.(`server error: ${error.message}`);
      http.once('error', reject);
      http.listen(options.port, options.host, () => {
        http.off('error', reject);
        http.on('error', onError);
        server.on('error', onError);
        resolve(new ClassHost(server, options, code, http));
      });
    });
  }

  /** Whether students connect with wss:// (TLS). */
  get secure(): boolean {
    return this.#options.tls !== undefined;
  }

  get port(): number {
    const address = this.#http.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Where students can reach this host: every non-internal IPv4 address (loopback if none); wss://… with TLS. */
  addresses(): string[] {
    const scheme = this.secure ? 'wss://' : '';
    const listen = this.#options.host;
    if (listen !== '0.0.0.0' && listen !== '::') return [`${scheme}${listen}:${this.port}`];
    const found = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
      .map((entry) => `${scheme}${entry!.address}:${this.port}`);
    return found.length > 0 ? found : [`${scheme}127.0.0.1:${this.port}`];
  }

  /**
   * Where students open the web page: the public address the teacher gave, or http://<address>/
   * (https:// with TLS) for each address of addresses().
   */
  pageUrls(): string[] {
    if (this.#options.publicUrl !== undefined) return [this.#options.publicUrl];
    const scheme = this.secure ? 'https://' : 'http://';
    return this.addresses().map((address) => {
      const bare = address.replace(/^wss:\/\//, '');
      // An IPv6 listening address is bracketed in a URL: [::1]:4321.
      const colon = bare.lastIndexOf(':');
      const hostPart = bare.slice(0, colon);
      return `${scheme}${hostPart.includes(':') ? `[${hostPart}]` : hostPart}${bare.slice(colon)}/`;
    });
  }

  /** Follows the session; returns the function that stops following it. */
  subscribe(listener: HostListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Whether rounds wait for the teacher instead of following each other by themselves. */
  get holding(): boolean {
    return this.#holding;
  }

  snapshot(): ClassSnapshot {
    return this.session.snapshot();
  }

  /** Starts the session (from the lobby) and opens the first round. */
  // biome-ignore lint/suspicious/useAdjacentOverloadSignatures: not an overload: the static start() makes a host, this one starts its session
  start(): void {
    if (this.session.phase !== 'lobby') return;
    this.session.start();
    this.#log(`session started with ${this.session.studentCount} students`);
    this.#openRound();
  }

  /** Opens the next round now (the teacher does not want to wait for the pause). */
  next(): void {
    if (this.session.phase === 'lobby') return this.start();
    if (this.session.phase === 'closed') this.#openRound();
  }

  /** Holds the session after the current round, or lets rounds follow each other again. */
  toggleHold(): void {
    this.#holding = !this.#holding;
    if (this.#holding) {
      clearTimeout(this.#nextTimer);
      this.#nextTimer = undefined;
    } else if (this.session.phase === 'closed') {
      this.#scheduleNext();
    }
    this.#changed();
  }

  /** A teacher's intervention: every student sees at once what changed and why. */
  apply(command: ClassCommand): void {
    const announcement = this.session.apply(command);
    // Said with the round it takes effect from: the round open now keeps the rules it opened under.
    if (announcement !== undefined) this.#log(`${announcement.label} (from round ${announcement.from})`);
    this.#broadcast();
  }

  /** Ends the session: an open round is closed and paid first. */
  end(): void {
    if (this.session.phase !== 'ended') this.session.end();
    this.#finish();
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    clearTimeout(this.#deadlineTimer);
    clearTimeout(this.#nextTimer);
    clearTimeout(this.#soon);
    // A close frame, not a cut: what was sent last (the final view) is still in flight, in
    // buffers that a cut would drop (more of it over TLS). A client that does not answer is cut.
    const goodbyes = [...this.#connections].map(
      (connection) =>
        new Promise<void>((resolve) => {
          if (connection.socket.readyState === connection.socket.CLOSED) return resolve();
          connection.socket.once('close', () => resolve());
          connection.socket.close(1001, 'the host has closed');
        }),
    );
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(goodbyes), new Promise<void>((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(grace);
    for (const connection of this.#connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // The WebSocket server does not close the HTTP(S) server it was given; a browser's idle keep-alive connection would hold it open.
    const http = this.#http;
    http.closeIdleConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  #openRound(): void {
    clearTimeout(this.#nextTimer);
    this.#nextTimer = undefined;
    if (!this.session.openRound(Date.now())) {
      if (this.session.phase === 'ended') this.#finish();
      return;
    }
    this.#armDeadline();
    this.#broadcast();
  }

  /** Closes the round at its deadline; a timer may fire a millisecond early by the wall clock, so it checks and waits again. */
  #armDeadline(): void {
    clearTimeout(this.#deadlineTimer);
    const deadline = this.session.deadline;
    if (deadline === undefined) return;
    this.#deadlineTimer = setTimeout(
      () => {
        if (this.session.tick(Date.now())) this.#roundClosed();
        else if (this.session.phase === 'open') this.#armDeadline();
      },
      Math.max(1, deadline - Date.now()),
    );
  }

  #roundClosed(): void {
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = undefined;
    const summary = this.session.series[this.session.series.length - 1];
    if (summary !== undefined && summary.defaulted > 0)
      this.#log(
        `round ${summary.round}: ${summary.defaulted === 1 ? '1 student' : `${summary.defaulted} students`} did not answer and played ${this.#options.settings.defaultMove}`,
      );
    if (this.session.phase === 'ended') return this.#finish();
    this.#broadcast();
    if (!this.#holding) this.#scheduleNext();
  }

  #scheduleNext(): void {
    clearTimeout(this.#nextTimer);
    this.#nextTimer = setTimeout(() => this.#openRound(), this.#options.pause * 1000);
  }

  #finish(): void {
    clearTimeout(this.#deadlineTimer);
    clearTimeout(this.#nextTimer);
    this.#broadcast();
    if (this.#ended) return;
    this.#ended = true;
    this.#log('the session has ended');
    this.#options.onEnd?.();
    for (const listener of this.#listeners) listener.end?.();
  }

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    const crowded = !OWN_ADDRESSES.has(address) && this.#waitingFrom(address) >= MAX_WAITING_PER_ADDRESS;
    if (crowded || this.#tooManyFailures(address) || !this.#roomForOneMore()) {
      socket.close(1013, 'try again later');
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
      return;
    }
    const now = Date.now();
    const connection: Connection = {
      socket,
      address,
      seat: undefined,
      tokens: BURST,
      refilled: now,
      dropped: 0,
      lastDropLog: 0,
      alive: true,
      answered: now,
      closing: false,
      joining: false,
      probes: new Set(),
    };
    this.#connections.add(connection);
    const joinTimer = setTimeout(() => {
      if (connection.seat === undefined && !connection.joining) this.#shut(connection, 1008, 'no join in time');
    }, JOIN_TIMEOUT_MS);
    joinTimer.unref();
    socket.on('pong', () => {
      connection.alive = true;
      connection.answered = Date.now();
      for (const probe of connection.probes) probe(true);
    });
    socket.on('message', (data, isBinary) => this.#receive(connection, data, isBinary));
    socket.on('error', (error) => {
      // ws reports an oversized message here before it closes the connection (code 1009).
      if (!connection.closing) this.#log(`closed the connection of ${this.#who(connection)}: ${error.message}`);
      connection.closing = true;
    });
    socket.on('close', () => {
      clearTimeout(joinTimer);
      connection.closing = true;
      this.#connections.delete(connection);
      for (const probe of connection.probes) probe(false);
      if (connection.seat !== undefined && this.#ownerOf(connection.seat) === undefined) {
        this.session.leave(connection.seat);
        this.#log(`${this.session.seatName(connection.seat)} left`);
        this.#afterLeave();
      }
    });
  }

  #receive(connection: Connection, data: RawData, isBinary: boolean): void {
    if (connection.closing || !this.#admit(connection)) return;
    if (isBinary) return this.#drop(connection, 'a binary message');
    const parsed = parseClientMessage(data.toString());
    if (!parsed.ok) return this.#drop(connection, parsed.reason);
    const message = parsed.message;
    if (message.type === 'join') {
      if (connection.seat !== undefined || connection.joining) return this.#drop(connection, 'a second join on a joined connection');
      // Escaped here, where it arrives: a name with a control code is refused, and shown escaped in the refusal.
      return this.#join(connection, printable(message.code), printable(message.name), message.token);
    }
    if (connection.seat === undefined) return this.#drop(connection, 'a move before joining');
    const outcome = this.session.choose(connection.seat, message.round, message.move);
    if (!outcome.ok) {
      this.#send(connection, { type: 'notice', text: outcome.reason });
      return;
    }
    if (outcome.closed) return this.#roundClosed();
    // The one who answered sees their choice at once; the others only see the count of answers
    // move, so their views are sent together, at most every ANSWER_COALESCE_MS: with thirty
    // answers in a second, a full broadcast each would keep the host busy when the last one arrives.
    this.#sendView(connection, Date.now());
    this.#broadcastSoon();
  }

  #join(connection: Connection, code: string, name: string, token: string | undefined): void {
    if (!sameText(code.toUpperCase(), this.code)) {
      this.#recordFailure(connection.address);
      this.#log(`refused a join from ${connection.address}: wrong room code`);
      this.#send(connection, { type: 'refused', reason: 'wrong room code' });
      this.#shut(connection, 1008, 'wrong room code');
      return;
    }
    if (this.session.studentCount >= MAX_STUDENTS && this.session.phase !== 'lobby') {
      this.#send(connection, { type: 'refused', reason: 'the class is full' });
      this.#shut(connection, 1008, 'full');
      return;
    }
    const outcome = this.session.join(name, token);
    if (!outcome.ok) {
      this.#log(`refused a join from ${connection.address}: ${outcome.reason}`);
      this.#send(connection, { type: 'refused', reason: outcome.reason });
      this.#shut(connection, 1008, 'refused');
      return;
    }
    // The right token for a seat whose connection is still open: a client coming back before the
    // host saw its old connection drop, or someone replaying a token read off the network. Only
    // an old connection that no longer answers a ping gives up its seat.
    const previous = this.#ownerOf(outcome.seat);
    if (previous !== undefined && previous !== connection) {
      connection.joining = true;
      this.#probe(previous, (alive) => {
        connection.joining = false;
        if (connection.closing) return;
        const seatName = this.session.seatName(outcome.seat);
        if (alive) {
          this.#log(`refused a rejoin of ${seatName} from ${connection.address}: their connection is alive`);
          this.#send(connection, { type: 'refused', reason: `name '${name.trim().replace(/\s+/g, ' ')}' is taken by a student who is connected` });
          this.#shut(connection, 1008, 'refused');
          return;
        }
        if (previous.seat === outcome.seat) {
          previous.seat = undefined;
          this.#shut(previous, 1000, 'replaced by a new connection');
        }
        this.#join(connection, code, name, token);
      });
      return;
    }
    connection.seat = outcome.seat;
    const seatName = this.session.seatName(outcome.seat);
    this.#log(`${seatName} ${outcome.rejoined ? 'rejoined' : 'joined'}`);
    this.#send(connection, { type: 'welcome', seat: outcome.seat, name: seatName, token: outcome.token, rejoined: outcome.rejoined });
    const startWhen = this.#options.startWhen ?? 0;
    if (startWhen > 0 && this.session.phase === 'lobby' && this.session.studentCount >= startWhen) this.start();
    else this.#broadcast();
  }

  #afterLeave(): void {
    // Those still connected may all have answered: the round need not wait for the one who left.
    if (this.session.phase === 'open' && this.session.snapshot().seats.every((seat) => seat.kind === 'bot' || !seat.connected || seat.answered)) {
      this.session.close();
      this.#roundClosed();
      return;
    }
    this.#broadcast();
  }

  /** The token bucket: false (and the message dropped) when a connection sends too fast. */
  #admit(connection: Connection): boolean {
    const now = Date.now();
    connection.tokens = Math.min(BURST, connection.tokens + ((now - connection.refilled) / 1000) * RATE_PER_SECOND);
    connection.refilled = now;
    if (connection.tokens >= 1) {
      connection.tokens -= 1;
      return true;
    }
    connection.dropped++;
    if (now - connection.lastDropLog > 5_000) {
      connection.lastDropLog = now;
      this.#log(`dropping messages from ${this.#who(connection)}: more than ${RATE_PER_SECOND} a second`);
    }
    if (connection.dropped >= FLOOD_LIMIT) {
      // Once: the messages still in flight are ignored (#receive), not logged one by one.
      this.#log(`closed the connection of ${this.#who(connection)}: flooding`);
      this.#shut(connection, 1008, 'flooding');
    }
    return false;
  }

  /** Closes a connection with a reason; one that does not close its side in time is cut. */
  #shut(connection: Connection, code: number, reason: string): void {
    if (connection.closing) return;
    connection.closing = true;
    connection.socket.close(code, reason);
    setTimeout(() => connection.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** Whether `target` answers a ping within PROBE_MS; a closed connection does not. */
  #probe(target: Connection, done: (alive: boolean) => void): void {
    if (target.closing || target.socket.readyState !== target.socket.OPEN) {
      done(false);
      return;
    }
    const asked = Date.now();
    const settle = (alive: boolean) => {
      if (!target.probes.delete(settle)) return;
      clearTimeout(timer);
      done(alive);
    };
    // At the deadline, a pong already received but not yet read still counts: it is read first (setImmediate runs after I/O).
    const timer = setTimeout(() => setImmediate(() => settle(target.answered >= asked)), PROBE_MS);
    timer.unref();
    target.probes.add(settle);
    target.socket.ping();
  }

  /** Open connections from `address` that have not joined. */
  #waitingFrom(address: string): number {
    let count = 0;
    for (const connection of this.#connections) if (!connection.closing && connection.seat === undefined && connection.address === address) count++;
    return count;
  }

  /**
   * Whether one more connection fits: when the host is full, the oldest connection that has not
   * joined makes room (a real client joins at once, so idle sockets cannot keep students out).
   */
  #roomForOneMore(): boolean {
    let open = 0;
    let idle: Connection | undefined;
    for (const connection of this.#connections) {
      if (connection.closing) continue;
      open++;
      if (idle === undefined && connection.seat === undefined && !connection.joining) idle = connection;
    }
    if (open < MAX_CONNECTIONS) return true;
    if (idle === undefined) return false;
    this.#shut(idle, 1013, 'try again later');
    return true;
  }

  #drop(connection: Connection, reason: string): void {
    this.#log(`dropped a message from ${this.#who(connection)}: ${reason}`);
  }

  #who(connection: Connection): string {
    return connection.seat === undefined ? connection.address : `${this.session.seatName(connection.seat)} (${connection.address})`;
  }

  #ownerOf(seat: number): Connection | undefined {
    for (const connection of this.#connections) if (connection.seat === seat) return connection;
    return undefined;
  }

  #tooManyFailures(address: string): boolean {
    const recent = (this.#failedJoins.get(address) ?? []).filter((time) => Date.now() - time < 60_000);
    this.#failedJoins.set(address, recent);
    return recent.length >= FAILED_JOINS_PER_MINUTE;
  }

  #recordFailure(address: string): void {
    const list = this.#failedJoins.get(address) ?? [];
    list.push(Date.now());
    this.#failedJoins.set(address, list);
  }

  #beat(): void {
    for (const connection of this.#connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      if (connection.socket.readyState !== connection.socket.OPEN) continue;
      connection.alive = false;
      connection.socket.ping();
    }
  }

  #send(connection: Connection, message: HostMessage): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    if (connection.socket.bufferedAmount > MAX_BUFFERED_BYTES) return;
    connection.socket.send(JSON.stringify(message));
  }

  /** Every connected student gets their own view; then the teacher's screen. */
  #broadcast(): void {
    clearTimeout(this.#soon);
    this.#soon = undefined;
    const now = Date.now();
    for (const connection of this.#connections) this.#sendView(connection, now);
    this.#changed();
  }

  #broadcastSoon(): void {
    this.#soon ??= setTimeout(() => this.#broadcast(), ANSWER_COALESCE_MS);
  }

  #sendView(connection: Connection, now: number): void {
    if (connection.seat === undefined) return;
    const { deadline, ...view } = this.session.studentView(connection.seat);
    this.#send(connection, { type: 'view', view: { ...view, remainingMs: deadline === undefined ? undefined : Math.max(0, deadline - now) } });
  }

  #changed(): void {
    if (this.#options.onChange === undefined && this.#listeners.size === 0) return;
    const snapshot = this.session.snapshot();
    this.#options.onChange?.(snapshot);
    for (const listener of this.#listeners) listener.change?.(snapshot);
  }

  #log(text: string): void {
    // Client text is escaped where it arrives; this catches any path that forgets.
    const line = printable(text, 1_000);
    this.#options.log?.(line);
    for (const listener of this.#listeners) listener.log?.(line);
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
