import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { ClassSession, MoveRecord } from '../classroom/session.js';
import { parseOutputDocument, readJsonFile } from './document.js';
import { toFileFields, type KeyRules } from './field-names.js';

/**
 * A class session's results (docs/formats.md): class.json, which `cooplab class host` writes
 * at the end and `cooplab report` reads, and moves.csv (every move, for pandas or R). The
 * session's own types (src/classroom/session.ts) are the classroom's model; this schema is the
 * file's, and the writer below is checked against it by the compiler.
 */

const share = z.number().min(0).max(1);
const move = z.enum(['C', 'D']);
const seatKind = z.enum(['student', 'bot']);

const classSchema = z.object({
  cooplab: z.string(),
  kind: z.literal('class'),
  mode: z.enum(['pairwise', 'lattice']),
  seed: z.number().int().min(0),
  /** Rounds played (the session may have been ended early). */
  roundsPlayed: z.number().int().min(0),
  settings: z.object({
    rounds: z.number().int().min(1),
    timeLimit: z.number().min(0),
    defaultMove: move,
    scenario: z.string(),
    fill: z.array(z.string()),
    seats: z.number().int().min(0),
    sanctions: z.object({ fine: z.number(), detection: share }),
  }),
  students: z.array(
    z.object({
      seat: z.number().int().min(0),
      name: z.string(),
      kind: seatKind,
      strategy: z.string().nullable(),
      score: z.number(),
      rank: z.number().int().min(1),
      cooperation: share,
      answered: z.number().int().min(0),
      defaulted: z.number().int().min(0),
    }),
  ),
  series: z.array(
    z.object({
      round: z.number().int().min(1),
      cooperation: share,
      mutualCooperation: share,
      meanTrust: z.number(),
      fines: z.number(),
      activities: z.record(z.string(), z.number()),
      defaulted: z.number().int().min(0),
    }),
  ),
  /** The teacher's interventions, as announced. */
  log: z.array(z.object({ round: z.number().int().min(0), from: z.number().int().min(0), label: z.string(), why: z.string() })),
  moves: z.array(
    z.object({
      round: z.number().int().min(1),
      seat: z.number().int().min(0),
      student: z.string(),
      kind: seatKind,
      partner: z.string(),
      move,
      answered: z.boolean(),
      activity: z.string(),
      payoff: z.number(),
      fine: z.number(),
      trust: z.number(),
    }),
  ),
});

/** The results of a class session as `class.json` holds them. */
export type ClassDocument = z.infer<typeof classSchema>;

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
      sanctions: { fine: settings.sanctions.fine, detection: settings.sanctions.detection },
    },
    students: students.sort((a, b) => a.rank - b.rank || a.seat - b.seat),
    series: [...session.series],
    log: [...session.log],
    moves: [...records],
  };
}

/** Activity names key each round's `activities`. */
const CLASS_KEYS: KeyRules = { 'series.*.activities': 'data' };

export function classJson(document: ClassDocument): string {
  return `${JSON.stringify(toFileFields(document, CLASS_KEYS), null, 2)}\n`;
}

/** A class.json (already parsed), checked; `file` names it in messages. */
export function parseClassDocument(document: unknown, file: string): ClassDocument {
  return parseOutputDocument(classSchema, document, 'class session', file, CLASS_KEYS);
}

/** Reads the class.json of `cooplab class host`; a bad file is refused in one line. */
export function readClassDocument(file: string): ClassDocument {
  return parseClassDocument(readJsonFile(file, 'class session'), file);
}

/** Every move, one row per student, partner and round: tidy, for pandas or R. */
export function movesCsv(records: readonly MoveRecord[]): string {
  return stringify(
    records.map((record) => MOVE_COLUMNS.map((column) => (column === 'answered' ? (record.answered ? 1 : 0) : record[column]))),
    { header: true, columns: [...MOVE_COLUMNS] },
  );
}
