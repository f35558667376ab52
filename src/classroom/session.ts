import { History, appendMove, COOPERATE, DEFECT, MOVE_OF_CODE } from '../core/history.js';
import { askMove, PlayerView, prepareContestant } from '../core/match.js';
import { deriveStream, type RandomSource } from '../core/random.js';
import { buildActivityTable, type ActivityTable } from '../cluster/activities.js';
import { chooseActivity, crisisActive, fineOf, jointTrust, sanctioned, settledPayoff, trustAfter } from '../cluster/round-rules.js';
import { parameterChange, type ParameterCommand } from '../cluster/live.js';
import { withParameter, type ClusterParameters } from '../cluster/parameters.js';
import { Lattice } from '../cluster/space.js';
import type { Scenario } from '../cluster/scenario.js';
import type { ActivityView, ClusterContext, Move, Player, SanctionsView, Strategy } from '../core/strategy.js';

/**
 * A live class session: students are firms, each round every one chooses C or D, and the
 * round is paid with the cluster model's rules (activities chosen by joint trust, transaction
 * costs, sanctions, crisis). No clock and no I/O: the host passes the time in and sends the
 * views out, so a session can be replayed and tested without a network.
 */

export type ClassMode = 'pairwise' | 'lattice';
export type Phase = 'lobby' | 'open' | 'closed' | 'ended';

export interface ClassSettings {
  readonly mode: ClassMode;
  /** Rounds in the session. */
  readonly rounds: number;
  /** Seconds to answer in each round. */
  readonly timeLimit: number;
  /** The move of a student who does not answer in time. */
  readonly defaultMove: Move;
  /** Its parameters give the activities, trust, costs, sanctions and crisis. */
  readonly scenario: Scenario;
  readonly seed: number;
  /** Built-in strategies that take the seats no student took, in turn. */
  readonly fill: readonly Strategy[];
  /** Firms when the session starts: bots fill the seats beyond the students (0: as many as students). */
  readonly seats: number;
  /** What switching sanctions on puts in force. */
  readonly sanctions: { readonly fine: number; readonly detection: number };
}

/** What the teacher can do during the session (keys of the teacher's view). */
export type ClassCommand = ParameterCommand | { readonly type: 'sanctions' };

export interface Announcement {
  /** The round in progress or last closed when it was announced (0: before the first). */
  readonly round: number;
  /** The first round it holds for: a change made while a round is open waits for the next. */
  readonly from: number;
  /** What changed, as the event log shows it. */
  readonly label: string;
  /** Why it matters, in the students' words. */
  readonly why: string;
}

export interface SeatState {
  readonly index: number;
  readonly name: string;
  readonly kind: 'student' | 'bot';
  /** The strategy id of a bot. */
  readonly strategy: string | undefined;
  readonly connected: boolean;
  readonly answered: boolean;
  readonly score: number;
  /** Its move in the last closed round. */
  readonly lastMove: Move | undefined;
  /** Its mean trust in its partners so far. */
  readonly trust: number;
}

export interface RoundSummary {
  readonly round: number;
  /** Share of moves that were C. */
  readonly cooperation: number;
  readonly mutualCooperation: number;
  /** Mean trust over the relationships played, after the round. */
  readonly meanTrust: number;
  readonly fines: number;
  /** Share of pairs in each activity. */
  readonly activities: Readonly<Record<string, number>>;
  /** Students who did not answer in time. */
  readonly defaulted: number;
}

export interface RulesInForce {
  readonly fine: number;
  readonly detection: number;
  readonly crisis: boolean;
  readonly temptationFactor: number;
  readonly activities: readonly { readonly name: string; readonly lowRisk: boolean; readonly enabled: boolean; readonly description: string | undefined }[];
}

/** Where the session stands: what the teacher's and every student's screen show at the top. */
export interface SessionClock {
  readonly mode: ClassMode;
  readonly phase: Phase;
  /** The round open or last closed (0 in the lobby). */
  readonly round: number;
  readonly rounds: number;
  /** Seconds to answer a round. */
  readonly timeLimit: number;
  /** When the open round closes (ms since the epoch). */
  readonly deadline: number | undefined;
}

/** Everything the teacher's screen shows: the UI only renders it. */
export interface ClassSnapshot extends SessionClock {
  readonly seats: readonly SeatState[];
  /** The class lattice's width and height; seats sit row by row. */
  readonly grid: { readonly width: number; readonly height: number } | undefined;
  /** Who plays whom in the open or last round. */
  readonly pairs: readonly (readonly [number, number])[];
  readonly series: readonly RoundSummary[];
  readonly rules: RulesInForce;
  readonly log: readonly Announcement[];
  readonly students: number;
  readonly answered: number;
}

export interface PartnerView {
  readonly name: string;
  readonly activity: {
    readonly name: string;
    readonly lowRisk: boolean;
    readonly R: number;
    readonly S: number;
    readonly T: number;
    readonly P: number;
    readonly cost: number;
  };
  /** Your trust in them. */
  readonly trust: number;
  /** The last moves in this relationship, oldest first. */
  readonly yours: readonly Move[];
  readonly theirs: readonly Move[];
}

export interface PartnerOutcome {
  readonly name: string;
  readonly activity: string;
  readonly yours: Move;
  readonly theirs: Move;
  readonly payoff: number;
  /** The fine you paid (negative: compensation you received). */
  readonly fine: number;
}

/** Everything a student's screen shows. */
export interface StudentView extends SessionClock {
  readonly name: string;
  readonly seat: number;
  readonly chosen: Move | undefined;
  readonly defaultMove: Move;
  readonly partners: readonly PartnerView[];
  readonly last:
    | { readonly round: number; readonly move: Move; readonly answered: boolean; readonly payoff: number; readonly outcomes: readonly PartnerOutcome[] }
    | undefined;
  readonly score: number;
  readonly rank: number;
  readonly firms: number;
  readonly rules: RulesInForce;
  readonly announcements: readonly Announcement[];
  readonly answered: number;
  readonly students: number;
}

/** One row of the results: one side of one relationship in one round. */
export interface MoveRecord {
  readonly round: number;
  readonly seat: number;
  readonly student: string;
  readonly kind: 'student' | 'bot';
  readonly partner: string;
  readonly move: Move;
  /** False when the default move was played for a student who did not answer. */
  readonly answered: boolean;
  readonly activity: string;
  readonly payoff: number;
  readonly fine: number;
  /** Trust in the partner after the round. */
  readonly trust: number;
}

export type JoinOutcome =
  | { readonly ok: true; readonly seat: number; readonly rejoined: boolean; readonly token: string }
  | { readonly ok: false; readonly reason: string };

export type MoveOutcome = { readonly ok: true; readonly closed: boolean } | { readonly ok: false; readonly reason: string };

const HISTORY_SHOWN = 6;
export const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,23}$/u;

const WHY = {
  sanctions:
    'The cluster now has rules with sanctions: a firm caught defecting against a partner who co-operated pays a fine. When the expected fine outweighs the gain from cheating, co-operating pays (Meyer-Stamer 2001: rules and sanctions).',
  sanctionsOff: 'Nobody enforces the rules any more: cheating a co-operating partner goes unpunished again.',
  fine: 'The fine changed: compare it, times the chance of being caught, with what cheating gains you.',
  programmeOn:
    'A low-risk joint activity is on offer: small stakes, little room to exploit a partner, savings for both. Co-operating here builds the trust that riskier co-operation needs (Meyer-Stamer 2001: low-risk joint activities first).',
  programmeOff: 'The programme has ended: only the activities still listed are on offer.',
  crisis: 'A crisis: cheating a partner pays more than before, and firms are pushed back to opportunism (Meyer-Stamer 2001).',
  crisisOff: 'The crisis is over: the gain from cheating is back to normal.',
} as const;

interface Relationship {
  readonly a: number;
  readonly b: number;
  /** a's trust in b, and b's trust in a. */
  trustA: number;
  trustB: number;
  readonly movesA: History;
  readonly movesB: History;
  /** The activity of the open round. */
  activity: number;
}

interface Seat {
  readonly index: number;
  name: string;
  kind: 'student' | 'bot';
  strategy: Strategy | undefined;
  token: string;
  connected: boolean;
  score: number;
  lastMove: Move | undefined;
  lastRound: StudentView['last'];
  /** Per relationship key, for a bot. */
  readonly players: Map<number, { readonly player: Player; readonly random: RandomSource; readonly context: BotContext }>;
}

interface OpenRound {
  readonly number: number;
  /** The rules the round was opened under: a change made while it is open waits for the next. */
  readonly parameters: ClusterParameters;
  readonly deadline: number;
  readonly table: ActivityTable;
  readonly pairs: readonly (readonly [number, number])[];
  readonly choices: Map<number, Move>;
}

/** A bot's cluster context: one object per bot and partner, updated before each move. */
class BotContext implements ClusterContext {
  activity: ActivityView = { name: '', lowRisk: false, cost: 0 };
  trust = 0;
  sanctions: SanctionsView = { detection: 0, fine: 0, compensate: false };
  generation = 0;
}

export class ClassSession {
  readonly settings: ClassSettings;
  #parameters: ClusterParameters;
  readonly #seats: Seat[] = [];
  readonly #relationships = new Map<number, Relationship>();
  #phase: Phase = 'lobby';
  #round: OpenRound | undefined;
  #roundNumber = 0;
  #lastPairs: readonly (readonly [number, number])[] = [];
  #lattice: Lattice | undefined;
  readonly #series: RoundSummary[] = [];
  readonly #log: Announcement[] = [];
  readonly #records: MoveRecord[] = [];
  readonly #makeToken: () => string;

  constructor(settings: ClassSettings, makeToken: () => string) {
    this.settings = settings;
    this.#parameters = settings.scenario.parameters;
    this.#makeToken = makeToken;
  }

  get phase(): Phase {
    return this.#phase;
  }

  get round(): number {
    return this.#roundNumber;
  }

  get deadline(): number | undefined {
    return this.#round?.deadline;
  }

  get records(): readonly MoveRecord[] {
    return this.#records;
  }

  get series(): readonly RoundSummary[] {
    return this.#series;
  }

  get log(): readonly Announcement[] {
    return this.#log;
  }

  get parameters(): ClusterParameters {
    return this.#parameters;
  }

  /** Students, connected or not. */
  get studentCount(): number {
    return this.#seats.filter((seat) => seat.kind === 'student').length;
  }

  seatName(seat: number): string {
    return this.#seats[seat]!.name;
  }

  /**
   * A student joins, or comes back: the same name (case and spacing aside) takes back its
   * firm if its connection is gone or if the secret token it was given comes with it.
   */
  join(name: string, token: string | undefined): JoinOutcome {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (!NAME_PATTERN.test(clean)) {
      return { ok: false, reason: `name '${clean.slice(0, 40)}': expected 1 to 24 letters, digits, spaces or . _ ' -, starting with a letter or digit` };
    }
    const key = clean.toLowerCase();
    const existing = this.#seats.find((seat) => seat.kind === 'student' && seat.name.toLowerCase() === key);
    if (existing !== undefined) {
      if (existing.connected && existing.token !== token) return { ok: false, reason: `name '${clean}' is taken by a student who is connected` };
      existing.connected = true;
      return { ok: true, seat: existing.index, rejoined: true, token: existing.token };
    }
    if (this.#phase === 'ended') return { ok: false, reason: 'the session has ended' };
    if (this.#lattice !== undefined) {
      // The class lattice is laid out when the session starts: a latecomer takes over a bot's firm.
      const bot = this.#seats.find((seat) => seat.kind === 'bot');
      if (bot === undefined) return { ok: false, reason: 'the class lattice is full: every firm has a student' };
      this.#announce(`${clean} takes over the firm of ${bot.name}`, 'A new manager: the firm keeps its score and its relationships.');
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
    const found = this.#seats[seat];
    if (found !== undefined) found.connected = false;
  }

  /** Starts the session: bots fill the empty seats and the class lattice is laid out. */
  start(): void {
    if (this.#phase !== 'lobby') return;
    const wanted = Math.max(this.settings.seats, this.#seats.length);
    const fill = this.settings.fill;
    if (fill.length > 0) {
      let target = wanted;
      if (this.settings.mode === 'pairwise' && target % 2 === 1) target++;
      if (this.settings.mode === 'lattice') target = gridFor(target).width * gridFor(target).height;
      for (let k = 0; this.#seats.length < target; k++)
        this.#addSeat(`${fill[k % fill.length]!.name} ${this.#seats.length + 1}`, 'bot', fill[k % fill.length]!);
    }
    if (this.settings.mode === 'lattice') {
      const { width, height } = gridFor(this.#seats.length);
      const torus = width >= 3 && height >= 3;
      this.#lattice = new Lattice(width, height, 'von-neumann', torus ? 'torus' : 'fixed');
    }
    this.#phase = 'closed';
    this.#announce('the session starts', `${this.settings.rounds} rounds of ${this.settings.timeLimit} s; choose C (co-operate) or D (defect) each round.`);
  }

  /** Opens the next round at time `now` (ms); false if the session has not started or is over. */
  openRound(now: number): boolean {
    if (this.#phase !== 'closed') return false;
    if (this.#roundNumber >= this.settings.rounds) {
      this.end();
      return false;
    }
    this.#roundNumber++;
    const table = buildActivityTable(this.#parameters, this.#roundNumber);
    const pairs = this.#pairsFor(this.#roundNumber);
    for (const [a, b] of pairs) {
      const relationship = this.#relationship(a, b);
      relationship.activity = chooseActivity(table, jointTrust(relationship.trustA, relationship.trustB));
    }
    this.#round = { number: this.#roundNumber, parameters: this.#parameters, deadline: now + this.settings.timeLimit * 1000, table, pairs, choices: new Map() };
    this.#lastPairs = pairs;
    this.#phase = 'open';
    return true;
  }

  /**
   * A student's choice for the open round. The last outstanding answer closes the round
   * at once: nobody waits for the clock when everyone has chosen.
   */
  choose(seat: number, round: number, move: Move): MoveOutcome {
    const open = this.#round;
    const found = this.#seats[seat];
    if (found === undefined || found.kind !== 'student') return { ok: false, reason: `no student at seat ${seat}` };
    if (open === undefined || this.#phase !== 'open' || open.number !== round) return { ok: false, reason: `round ${round} is not open` };
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
    if (this.#phase !== 'open' || this.#round === undefined || now < this.#round.deadline) return false;
    this.close();
    return true;
  }

  /** Closes the open round now: students who did not answer play the default move. */
  close(): void {
    const open = this.#round;
    if (open === undefined || this.#phase !== 'open') return;
    const parameters = open.parameters;
    const table = open.table;
    const { gain, loss } = parameters.trust;
    const { detection, fine, compensate } = parameters.sanctions;
    const sanctionsRandom = deriveStream(this.settings.seed, 'class', open.number, 'sanctions');
    const noiseFree = (seat: Seat, partner: number, relationship: Relationship): number => {
      if (seat.kind === 'bot') return this.#botMove(seat, partner, relationship, open);
      const chosen = open.choices.get(seat.index) ?? this.settings.defaultMove;
      return chosen === 'C' ? COOPERATE : DEFECT;
    };
    const earned = new Map<number, PartnerOutcome[]>();
    const outcome = (seat: number): PartnerOutcome[] => {
      let list = earned.get(seat);
      if (list === undefined) earned.set(seat, (list = []));
      return list;
    };
    let cooperations = 0;
    let mutual = 0;
    let fines = 0;
    const activityCounts = new Map<string, number>();
    // Every move is decided before any is paid, from the histories before this round.
    const moves = open.pairs.map(([a, b]) => {
      const relationship = this.#relationship(a, b);
      return [noiseFree(this.#seats[a]!, b, relationship), noiseFree(this.#seats[b]!, a, relationship)] as const;
    });
    open.pairs.forEach(([a, b], index) => {
      const relationship = this.#relationship(a, b);
      const [moveA, moveB] = moves[index]!;
      const activity = relationship.activity;
      const caught = sanctioned(moveA, moveB, detection, fine, sanctionsRandom);
      if (caught) fines += fine;
      const fineA = fineOf(moveA, caught, fine, compensate);
      const fineB = fineOf(moveB, caught, fine, compensate);
      // Class firms are never tied to an external buyer: no bonus.
      const payoffA = settledPayoff(table, activity, moveA, moveB, 0, fineA);
      const payoffB = settledPayoff(table, activity, moveB, moveA, 0, fineB);
      relationship.trustA = trustAfter(relationship.trustA, moveB, gain, loss);
      relationship.trustB = trustAfter(relationship.trustB, moveA, gain, loss);
      appendMove(relationship.movesA, moveA);
      appendMove(relationship.movesB, moveB);
      const seatA = this.#seats[a]!;
      const seatB = this.#seats[b]!;
      seatA.score += payoffA;
      seatB.score += payoffB;
      const name = table.names[activity]!;
      activityCounts.set(name, (activityCounts.get(name) ?? 0) + 1);
      cooperations += 2 - moveA - moveB;
      if (moveA === COOPERATE && moveB === COOPERATE) mutual++;
      for (const [seat, partner, own, other, payoff, paidFine, trust] of [
        [seatA, seatB, moveA, moveB, payoffA, fineA, relationship.trustA],
        [seatB, seatA, moveB, moveA, payoffB, fineB, relationship.trustB],
      ] as const) {
        outcome(seat.index).push({ name: partner.name, activity: name, yours: MOVE_OF_CODE[own]!, theirs: MOVE_OF_CODE[other]!, payoff, fine: paidFine });
        this.#records.push({
          round: open.number,
          seat: seat.index,
          student: seat.name,
          kind: seat.kind,
          partner: partner.name,
          move: MOVE_OF_CODE[own]!,
          answered: seat.kind === 'bot' || open.choices.has(seat.index),
          activity: name,
          payoff,
          fine: paidFine,
          trust,
        });
      }
    });
    for (const seat of this.#seats) {
      const outcomes = earned.get(seat.index);
      if (outcomes === undefined) continue;
      const move = outcomes[0]!.yours;
      seat.lastMove = move;
      seat.lastRound = {
        round: open.number,
        move,
        answered: seat.kind === 'bot' || open.choices.has(seat.index),
        payoff: outcomes.reduce((sum, entry) => sum + entry.payoff, 0),
        outcomes,
      };
    }
    const pairCount = open.pairs.length;
    const students = this.#seats.filter((seat) => seat.kind === 'student' && earned.has(seat.index));
    this.#series.push({
      round: open.number,
      cooperation: pairCount > 0 ? cooperations / (2 * pairCount) : 0,
      mutualCooperation: pairCount > 0 ? mutual / pairCount : 0,
      meanTrust: this.#meanTrust(),
      fines,
      activities: Object.fromEntries(table.names.map((name) => [name, pairCount > 0 ? (activityCounts.get(name) ?? 0) / pairCount : 0])),
      defaulted: students.filter((seat) => !open.choices.has(seat.index)).length,
    });
    this.#round = undefined;
    this.#phase = this.#roundNumber >= this.settings.rounds ? 'ended' : 'closed';
  }

  /** Ends the session (the results stay readable). */
  end(): void {
    if (this.#phase === 'open') this.close();
    this.#phase = 'ended';
  }

  /** Applies a teacher's intervention; it holds from the next round that opens. */
  apply(command: ClassCommand): Announcement | undefined {
    const parameters = this.#parameters;
    if (command.type === 'sanctions') {
      const on = !(parameters.sanctions.detection > 0 && parameters.sanctions.fine > 0);
      const { fine, detection } = on ? this.settings.sanctions : { fine: 0, detection: 0 };
      this.#parameters = withParameter(withParameter(parameters, 'sanctions.fine', fine), 'sanctions.detection', detection);
      const label = on ? `sanctions on: fine ${fine}, caught with probability ${Math.round(detection * 100)}%` : 'sanctions off';
      return this.#announce(label, on ? WHY.sanctions : WHY.sanctionsOff);
    }
    const change = parameterChange(parameters, command);
    if (change === undefined) return undefined;
    if (change.path !== undefined) this.#parameters = withParameter(parameters, change.path, change.value);
    return this.#announce(change.label, whyOf(command, this.#parameters, change.value));
  }

  #clock(): SessionClock {
    return {
      mode: this.settings.mode,
      phase: this.#phase,
      round: this.#roundNumber,
      rounds: this.settings.rounds,
      timeLimit: this.settings.timeLimit,
      deadline: this.#round?.deadline,
    };
  }

  snapshot(): ClassSnapshot {
    const open = this.#round;
    return {
      ...this.#clock(),
      seats: this.#seats.map((seat) => ({
        index: seat.index,
        name: seat.name,
        kind: seat.kind,
        strategy: seat.strategy?.id,
        connected: seat.kind === 'bot' || seat.connected,
        answered: open !== undefined && (seat.kind === 'bot' || open.choices.has(seat.index)),
        score: seat.score,
        lastMove: seat.lastMove,
        trust: this.#trustOf(seat.index),
      })),
      grid: this.#lattice === undefined ? undefined : { width: this.#lattice.width, height: this.#lattice.height },
      pairs: this.#lastPairs,
      series: [...this.#series],
      rules: this.#rules(),
      log: [...this.#log],
      students: this.studentCount,
      answered: open === undefined ? 0 : open.choices.size,
    };
  }

  /** What one student sees: never another student's choice in a round that is still open. */
  studentView(seat: number): StudentView {
    const found = this.#seats[seat]!;
    const open = this.#round;
    const table = open?.table ?? buildActivityTable(this.#parameters, this.#roundNumber + 1);
    const partners = this.#partnersOf(seat, open?.pairs ?? this.#lastPairs).map((partner) => {
      const relationship = this.#relationship(seat, partner);
      const mine = relationship.a === seat;
      const activity = open !== undefined ? relationship.activity : chooseActivity(table, jointTrust(relationship.trustA, relationship.trustB));
      const tail = (history: History) => history.toArray().slice(-HISTORY_SHOWN);
      return {
        name: this.#seats[partner]!.name,
        activity: {
          name: table.names[activity]!,
          lowRisk: table.lowRisk[activity] === 1,
          R: table.R[activity]!,
          S: table.S[activity]!,
          T: table.T[activity]!,
          P: table.P[activity]!,
          cost: table.cost[activity]!,
        },
        trust: mine ? relationship.trustA : relationship.trustB,
        yours: tail(mine ? relationship.movesA : relationship.movesB),
        theirs: tail(mine ? relationship.movesB : relationship.movesA),
      };
    });
    const ranked = this.#seats.filter((other) => other.score > found.score).length + 1;
    return {
      ...this.#clock(),
      name: found.name,
      seat,
      chosen: open?.choices.get(seat),
      defaultMove: this.settings.defaultMove,
      partners,
      last: found.lastRound,
      score: found.score,
      rank: ranked,
      firms: this.#seats.length,
      rules: this.#rules(),
      announcements: this.#log.slice(-4),
      answered: open === undefined ? 0 : open.choices.size,
      students: this.studentCount,
    };
  }

  /** The seats of connected students (the host sends each of them its view). */
  connectedStudents(): number[] {
    return this.#seats.filter((seat) => seat.kind === 'student' && seat.connected).map((seat) => seat.index);
  }

  #addSeat(name: string, kind: 'student' | 'bot', strategy: Strategy | undefined): Seat {
    const seat: Seat = {
      index: this.#seats.length,
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
    this.#seats.push(seat);
    return seat;
  }

  #announce(label: string, why: string): Announcement {
    const announcement = { round: this.#roundNumber, from: this.#roundNumber + 1, label, why };
    this.#log.push(announcement);
    return announcement;
  }

  #everyoneAnswered(open: OpenRound): boolean {
    for (const seat of this.#seats) {
      if (seat.kind === 'student' && seat.connected && !open.choices.has(seat.index) && this.#plays(seat.index, open.pairs)) return false;
    }
    return true;
  }

  #plays(seat: number, pairs: readonly (readonly [number, number])[]): boolean {
    return pairs.some(([a, b]) => a === seat || b === seat);
  }

  #partnersOf(seat: number, pairs: readonly (readonly [number, number])[]): number[] {
    const partners: number[] = [];
    for (const [a, b] of pairs) {
      if (a === seat) partners.push(b);
      else if (b === seat) partners.push(a);
    }
    return partners;
  }

  /**
   * Pairwise: the circle method over the seats, so partners change every round and, over
   * n − 1 rounds, everyone meets everyone (with an odd count one firm sits each round out).
   * Lattice: every neighbouring pair, every round.
   */
  #pairsFor(round: number): (readonly [number, number])[] {
    const count = this.#seats.length;
    if (this.#lattice !== undefined) {
      const lattice = this.#lattice;
      const pairs: (readonly [number, number])[] = [];
      for (let firm = 0; firm < count; firm++) {
        for (let k = lattice.neighbourOffsets[firm]!; k < lattice.neighbourOffsets[firm + 1]!; k++) {
          const neighbour = lattice.neighbourList[k]!;
          if (neighbour > firm && neighbour < count) pairs.push([firm, neighbour]);
        }
      }
      return dedupe(pairs);
    }
    const circle: number[] = Array.from({ length: count }, (_, index) => index);
    if (count % 2 === 1) circle.push(-1);
    const size = circle.length;
    if (size < 2) return [];
    const turn = (round - 1) % (size - 1);
    const rotated = [circle[0]!, ...circle.slice(1).map((_, index) => circle[1 + ((index + turn) % (size - 1))]!)];
    const pairs: (readonly [number, number])[] = [];
    for (let k = 0; k < size / 2; k++) {
      const a = rotated[k]!;
      const b = rotated[size - 1 - k]!;
      if (a >= 0 && b >= 0) pairs.push(a < b ? [a, b] : [b, a]);
    }
    return pairs.sort((x, y) => x[0] - y[0]);
  }

  #relationship(a: number, b: number): Relationship {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const key = low * 65_536 + high;
    let relationship = this.#relationships.get(key);
    if (relationship === undefined) {
      const initial = this.#parameters.trust.initial;
      const capacity = Math.max(1, this.settings.rounds);
      relationship = { a: low, b: high, trustA: initial, trustB: initial, movesA: new History(capacity), movesB: new History(capacity), activity: 0 };
      this.#relationships.set(key, relationship);
    }
    return relationship;
  }

  #botMove(seat: Seat, partner: number, relationship: Relationship, open: OpenRound): number {
    const { table, number: round } = open;
    const strategy = seat.strategy!;
    const mine = relationship.a === seat.index;
    const activity = relationship.activity;
    const game = table.games[activity]!;
    let bot = seat.players.get(partner);
    if (bot === undefined) {
      bot = {
        player: strategy.create(prepareContestant(strategy, game).parameters),
        random: deriveStream(this.settings.seed, 'class', 'bot', seat.index, partner),
        context: new BotContext(),
      };
      seat.players.set(partner, bot);
    }
    const { context, random } = bot;
    context.activity = { name: table.names[activity]!, lowRisk: table.lowRisk[activity] === 1, cost: table.cost[activity]! };
    context.trust = mine ? relationship.trustA : relationship.trustB;
    context.sanctions = { ...open.parameters.sanctions };
    context.generation = round;
    // The activity, and so the game, can change from round to round: a fresh view over the same histories.
    const view = new PlayerView(
      mine ? relationship.movesA : relationship.movesB,
      mine ? relationship.movesB : relationship.movesA,
      game,
      this.settings.rounds,
      () => random,
      context,
    );
    view.round = round;
    try {
      return askMove(bot.player, view, strategy.id);
    } catch {
      return this.settings.defaultMove === 'C' ? COOPERATE : DEFECT;
    }
  }

  #trustOf(seat: number): number {
    let sum = 0;
    let count = 0;
    for (const relationship of this.#relationships.values()) {
      if (relationship.a === seat) {
        sum += relationship.trustA;
        count++;
      } else if (relationship.b === seat) {
        sum += relationship.trustB;
        count++;
      }
    }
    return count > 0 ? sum / count : this.#parameters.trust.initial;
  }

  #meanTrust(): number {
    let sum = 0;
    for (const relationship of this.#relationships.values()) sum += relationship.trustA + relationship.trustB;
    return this.#relationships.size > 0 ? sum / (2 * this.#relationships.size) : this.#parameters.trust.initial;
  }

  #rules(): RulesInForce {
    const parameters = this.#parameters;
    return {
      fine: parameters.sanctions.fine,
      detection: parameters.sanctions.detection,
      crisis: crisisActive(parameters, this.#roundNumber + 1),
      temptationFactor: parameters.crisis.temptationFactor,
      activities: parameters.activities.map((activity) => ({
        name: activity.name,
        lowRisk: activity.lowRisk,
        enabled: activity.enabled,
        description: activity.description,
      })),
    };
  }
}

/** The most nearly square grid for n firms, wider than tall. */
export function gridFor(count: number): { width: number; height: number } {
  const width = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { width, height: Math.max(1, Math.ceil(count / width)) };
}

function dedupe(pairs: (readonly [number, number])[]): (readonly [number, number])[] {
  const seen = new Set<number>();
  return pairs.filter(([a, b]) => {
    const key = a * 65_536 + b;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function whyOf(command: ParameterCommand, parameters: ClusterParameters, value: unknown): string {
  switch (command.type) {
    case 'toggle-activity': {
      const activity = parameters.activities[command.index];
      const description = activity?.description === undefined ? '' : ` ${activity.description}`;
      if (value !== true) return WHY.programmeOff;
      return activity?.lowRisk === true ? `${WHY.programmeOn}${description}` : `A riskier activity is on offer.${description}`;
    }
    case 'fine':
    case 'detection':
      return WHY.fine;
    case 'crisis':
      return value === true ? WHY.crisis : WHY.crisisOff;
  }
}
