import { stringify } from 'csv-stringify/sync';
import type { Announcement, ClassMode, ClassSession, MoveRecord, RoundSummary } from '../classroom/session.js';

/** The results of a class session as `class.json` holds them: `cooplab report` reads this file. */
export interface ClassDocument {
  readonly cooplab: string;
  readonly kind: 'class';
  readonly mode: ClassMode;
  readonly seed: number;
  /** Rounds played (the session may have been ended early). */
  readonly roundsPlayed: number;
  readonly settings: {
    readonly rounds: number;
    readonly timeLimit: number;
    readonly defaultMove: string;
    readonly scenario: string;
    readonly fill: readonly string[];
    readonly seats: number;
    readonly sanctions: { readonly fine: number; readonly detection: number };
  };
  readonly students: readonly {
    readonly seat: number;
    readonly name: string;
    readonly kind: 'student' | 'bot';
    readonly strategy: string | null;
    readonly score: number;
    readonly rank: number;
    readonly cooperation: number;
    readonly answered: number;
    readonly defaulted: number;
  }[];
  readonly series: readonly RoundSummary[];
  readonly log: readonly Announcement[];
  readonly moves: readonly MoveRecord[];
}

export const MOVE_COLUMNS = ['round', 'seat', 'student', 'kind', 'partner', 'move', 'answered', 'activity', 'payoff', 'fine', 'trust'] as const;

export function classDocument(session: ClassSession, version: string): ClassDocument {
  const { settings } = session;
  const snapshot = session.snapshot();
  const records = session.records;
  const students = snapshot.seats.map((seat) => {
    // One choice per round, however many partners it was played against.
    const choices = new Map<number, MoveRecord>();
    for (const record of records) if (record.seat === seat.index && !choices.has(record.round)) choices.set(record.round, record);
    const made = [...choices.values()];
    return {
      seat: seat.index,
      name: seat.name,
      kind: seat.kind,
      strategy: seat.strategy ?? null,
      score: seat.score,
      rank: snapshot.seats.filter((other) => other.score > seat.score).length + 1,
      cooperation: made.length > 0 ? made.filter((record) => record.move === 'C').length / made.length : 0,
      answered: made.filter((record) => record.answered).length,
      defaulted: made.filter((record) => !record.answered).length,
    };
  });
  return {
    cooplab: version,
    kind: 'class',
    mode: settings.mode,
    seed: settings.seed,
    roundsPlayed: session.series.length,
    settings: {
      rounds: settings.rounds,
      timeLimit: settings.timeLimit,
      defaultMove: settings.defaultMove,
      scenario: settings.scenario.name,
      fill: settings.fill.map((strategy) => strategy.id),
      seats: settings.seats,
      sanctions: settings.sanctions,
    },
    students: students.sort((a, b) => a.rank - b.rank || a.seat - b.seat),
    series: session.series,
    log: session.log,
    moves: records,
  };
}

/** Every move, one row per student, partner and round: tidy, for pandas or R. */
export function movesCsv(records: readonly MoveRecord[]): string {
  return stringify(
    records.map((record) => MOVE_COLUMNS.map((column) => (column === 'answered' ? (record.answered ? 1 : 0) : record[column]))),
    { header: true, columns: [...MOVE_COLUMNS] },
  );
}
