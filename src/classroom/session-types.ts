import type { ParameterCommand } from '../cluster/live.js';
import type { Scenario } from '../cluster/scenario.js';
import type { Move, Strategy } from '../core/strategy.js';

// What a class session shows and takes: its settings, the teacher's and the students' views,
// and the results. The session (session.ts) builds them; the host, the UI and the results file read them.

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
  /** The round these rules hold for: the open round, or the next one to open. */
  readonly round: number;
  /** Changes the teacher made while a round is open, waiting for the next: "from round N: …" lines. */
  readonly pending: readonly { readonly from: number; readonly label: string }[];
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
  /** The latest few announcements (the last four). */
  readonly announcements: readonly Announcement[];
  /** How many announcements the session has made in all: a client tells new ones from those it has shown. */
  readonly announced: number;
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
