import { buildActivityTable } from '../cluster/activities.js';
import type { ClusterParameters } from '../cluster/parameters.js';
import { chooseActivity, jointTrust } from '../cluster/round-rules.js';
import { Lattice } from '../cluster/space.js';
import type { Move, Strategy } from '../core/strategy.js';
import { gridFor, pairsFor, plays } from './session-pairing.js';
import { applyCommand } from './session-rules.js';
import { settleRound } from './session-settlement.js';
import { announce, relationshipOf, type OpenRound, type Seat, type SessionState } from './session-state.js';
import type {
  Announcement,
  ClassCommand,
  ClassSettings,
  ClassSnapshot,
  JoinOutcome,
  MoveOutcome,
  MoveRecord,
  Phase,
  RoundSummary,
  StudentView,
} from './session-types.js';
import { snapshotOf, studentCount, studentViewOf } from './session-views.js';

export { gridFor } from './session-pairing.js';
export type * from './session-types.js';

/**
 * A live class session: students are firms, each round every one chooses C or D, and the
 * round is paid with the cluster model's rules (activities chosen by joint trust, transaction
 * costs, sanctions, crisis). No clock and no I/O: the host passes the time in and sends the
 * views out, so a session can be replayed and tested without a network.
 *
 * This class keeps the seats and the phases of the session; its other jobs live beside it:
 * pairing (session-pairing.ts), bots (session-bots.ts), paying a round by the shared round rules
 * (session-settlement.ts), the teacher's interventions (session-rules.ts) and the screens
 * (session-views.ts).
 */

export const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,23}$/u;
/** What NAME_PATTERN asks for, in the words of every refusal (the host's, the CLI's and the web page's). */
export const NAME_EXPECTED = "1 to 24 letters, digits, spaces or . _ ' -, starting with a letter or digit";

export class ClassSession {
  readonly settings: ClassSettings;
  readonly #state: SessionState;
  readonly #makeToken: () => string;

  constructor(settings: ClassSettings, makeToken: () => string) {
    this.settings = settings;
    this.#state = {
      settings,
      parameters: settings.scenario.parameters,
      seats: [],
      relationships: new Map(),
      phase: 'lobby',
      round: undefined,
      roundNumber: 0,
      lastPairs: [],
      lattice: undefined,
      series: [],
      log: [],
      records: [],
    };
    this.#makeToken = makeToken;
  }

  get phase(): Phase {
    return this.#state.phase;
  }

  get round(): number {
    return this.#state.roundNumber;
  }

  get deadline(): number | undefined {
    return this.#state.round?.deadline;
  }

  get records(): readonly MoveRecord[] {
    return this.#state.records;
  }

  get series(): readonly RoundSummary[] {
    return this.#state.series;
  }

  get log(): readonly Announcement[] {
    return this.#state.log;
  }

  get parameters(): ClusterParameters {
    return this.#state.parameters;
  }

  /** Students, connected or not. */
  get studentCount(): number {
    return studentCount(this.#state);
  }

  seatName(seat: number): string {
    return this.#state.seats[seat]!.name;
  }

  /**
   * A student joins, or comes back: the same name (case and spacing aside) takes back its
   * firm if its connection is gone or if the secret token it was given comes with it.
   */
  join(name: string, token: string | undefined): JoinOutcome {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (!NAME_PATTERN.test(clean)) {
      return { ok: false, reason: `name '${clean.slice(0, 40)}': expected ${NAME_EXPECTED}` };
    }
    const key = clean.toLowerCase();
    const existing = this.#state.seats.find((seat) => seat.kind === 'student' && seat.name.toLowerCase() === key);
    if (existing !== undefined) {
      if (existing.connected && existing.token !== token) return { ok: false, reason: `name '${clean}' is taken by a student who is connected` };
      existing.connected = true;
      return { ok: true, seat: existing.index, rejoined: true, token: existing.token };
    }
    if (this.#state.phase === 'ended') return { ok: false, reason: 'the session has ended' };
    if (this.#state.lattice !== undefined) {
      // The class lattice is laid out when the session starts: a latecomer takes over a bot's firm.
      const bot = this.#state.seats.find((seat) => seat.kind === 'bot');
      if (bot === undefined) return { ok: false, reason: 'the class lattice is full: every firm has a student' };
      announce(this.#state, `${clean} takes over the firm of ${bot.name}`, 'A new manager: the firm keeps its score and its relationships.');
      bot.name = clean;
      bot.kind = 'student';
      bot.strategy = undefined;
      bot.token = this.#makeToken();
      bot.connected = true;
      return { ok: true, seat: bot.index, rejoined: false, token: bot.token };
    }
    const seat = this.#addSeat(clean, 'student', undefined);
    seat.connected = true;
    return { ok: true, seat: seat.index, rejoined: false, token: seat.token };
  }

  /** The student's connection is gone; the firm stays, and plays the default move until they return. */
  leave(seat: number): void {
    const found = this.#state.seats[seat];
    if (found !== undefined) found.connected = false;
  }

  /** Starts the session: bots fill the empty seats and the class lattice is laid out. */
  start(): void {
    if (this.#state.phase !== 'lobby') return;
    const wanted = Math.max(this.settings.seats, this.#state.seats.length);
    const fill = this.settings.fill;
    if (fill.length > 0) {
      let target = wanted;
      if (this.settings.mode === 'pairwise' && target % 2 === 1) target++;
      if (this.settings.mode === 'lattice') target = gridFor(target).width * gridFor(target).height;
      for (let k = 0; this.#state.seats.length < target; k++)
        this.#addSeat(`${fill[k % fill.length]!.name} ${this.#state.seats.length + 1}`, 'bot', fill[k % fill.length]!);
    }
    if (this.settings.mode === 'lattice') {
      const { width, height } = gridFor(this.#state.seats.length);
      const torus = width >= 3 && height >= 3;
      this.#state.lattice = new Lattice(width, height, 'von-neumann', torus ? 'torus' : 'fixed');
    }
    this.#state.phase = 'closed';
    announce(
      this.#state,
      'the session starts',
      `${this.settings.rounds} rounds of ${this.settings.timeLimit} s; choose C (co-operate) or D (defect) each round.`,
    );
  }

  /** Opens the next round at time `now` (ms); false if the session has not started or is over. */
  openRound(now: number): boolean {
    if (this.#state.phase !== 'closed') return false;
    if (this.#state.roundNumber >= this.settings.rounds) {
      this.end();
      return false;
    }
    this.#state.roundNumber++;
    const table = buildActivityTable(this.#state.parameters, this.#state.roundNumber);
    const pairs = pairsFor(this.#state.roundNumber, this.#state.seats.length, this.#state.lattice);
    for (const [a, b] of pairs) {
      const relationship = relationshipOf(this.#state, a, b);
      relationship.activity = chooseActivity(table, jointTrust(relationship.trustA, relationship.trustB));
    }
    this.#state.round = {
      number: this.#state.roundNumber,
      parameters: this.#state.parameters,
      deadline: now + this.settings.timeLimit * 1000,
      table,
      pairs,
      choices: new Map(),
    };
    this.#state.lastPairs = pairs;
    this.#state.phase = 'open';
    return true;
  }

  /**
   * A student's choice for the open round. The last outstanding answer closes the round
   * at once: nobody waits for the clock when everyone has chosen.
   */
  choose(seat: number, round: number, move: Move): MoveOutcome {
    const open = this.#state.round;
    const found = this.#state.seats[seat];
    if (found === undefined || found.kind !== 'student') return { ok: false, reason: `no student at seat ${seat}` };
    if (open === undefined || this.#state.phase !== 'open' || open.number !== round) return { ok: false, reason: `round ${round} is not open` };
    if (open.choices.has(seat)) return { ok: false, reason: `you already chose ${open.choices.get(seat)!} in round ${round}` };
    open.choices.set(seat, move);
    if (this.#everyoneAnswered(open)) {
      this.close();
      return { ok: true, closed: true };
    }
    return { ok: true, closed: false };
  }

  /** Closes the open round if its time is up; true if it did. */
  tick(now: number): boolean {
    if (this.#state.phase !== 'open' || this.#state.round === undefined || now < this.#state.round.deadline) return false;
    this.close();
    return true;
  }

  /** Closes the open round now: students who did not answer play the default move. */
  close(): void {
    const state = this.#state;
    const open = state.round;
    if (open === undefined || state.phase !== 'open') return;
    settleRound(state, open);
    state.round = undefined;
    state.phase = state.roundNumber >= state.settings.rounds ? 'ended' : 'closed';
  }

  /** Ends the session (the results stay readable). */
  end(): void {
    if (this.#state.phase === 'open') this.close();
    this.#state.phase = 'ended';
  }

  /** Applies a teacher's intervention; it holds from the next round that opens. */
  apply(command: ClassCommand): Announcement | undefined {
    return applyCommand(this.#state, command);
  }

  snapshot(): ClassSnapshot {
    return snapshotOf(this.#state);
  }

  /** What one student sees: never another student's choice in a round that is still open. */
  studentView(seat: number): StudentView {
    return studentViewOf(this.#state, seat);
  }

  /** The seats of connected students (the host sends each of them its view). */
  connectedStudents(): number[] {
    return this.#state.seats.filter((seat) => seat.kind === 'student' && seat.connected).map((seat) => seat.index);
  }

  #addSeat(name: string, kind: 'student' | 'bot', strategy: Strategy | undefined): Seat {
    const seat: Seat = {
      index: this.#state.seats.length,
      name,
      kind,
      strategy,
      token: kind === 'student' ? this.#makeToken() : '',
      connected: false,
      score: 0,
      lastMove: undefined,
      lastRound: undefined,
      players: new Map(),
    };
    this.#state.seats.push(seat);
    return seat;
  }

  #everyoneAnswered(open: OpenRound): boolean {
    for (const seat of this.#state.seats) {
      if (seat.kind === 'student' && seat.connected && !open.choices.has(seat.index) && plays(seat.index, open.pairs)) return false;
    }
    return true;
  }
}
