import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../version.js';
import { jsonNames, prettyJson } from '../formats/json.js';
import { emit } from '../formats/output.js';

/**
 * The shipped pack: where it lives and its table. The table reads only the fields it shows,
 * without the schema (zod alone costs about 100 ms of start-up, and a listing must start as
 * fast as the other headless commands); `cooplab exercise ID`, `--format json` and
 * `--check` validate every field, and the test suite validates the whole pack.
 */

export function packFolder(): string {
  return join(packageRoot(), 'exercises');
}

export function packIds(): string[] {
  return jsonNames(packFolder());
}

interface PackRow {
  readonly step: number;
  readonly id: string;
  readonly kind: string;
  readonly minutes: string;
  readonly title: string;
}

function packRow(id: string): PackRow {
  let document: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(packFolder(), `${id}.json`), 'utf8'));
    if (parsed !== null && typeof parsed === 'object') document = parsed as Record<string, unknown>;
  } catch {
    // shown as not valid below
  }
  const field = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');
  const task = document.task !== null && typeof document.task === 'object' ? (document.task as Record<string, unknown>) : {};
  return {
    step: typeof document.step === 'number' ? document.step : Number.POSITIVE_INFINITY,
    id,
    kind: field(task.kind),
    minutes: field(document.minutes),
    title: typeof document.title === 'string' ? document.title : `(not valid: see cooplab exercises --check ${join(packFolder(), `${id}.json`)})`,
  };
}

export function packTable(rows: readonly PackRow[]): string {
  const idWidth = Math.max(2, ...rows.map((row) => row.id.length));
  const lines = rows.map(
    (row) =>
      `${(Number.isFinite(row.step) ? String(row.step) : '?').padStart(4)}  ${row.id.padEnd(idWidth)}  ${row.kind.padEnd(8)}  ${row.minutes.padStart(3)}  ${row.title}`,
  );
  return [
    `step  ${'id'.padEnd(idWidth)}  kind      min  title`,
    ...lines,
    '',
    "'cooplab exercise ID' runs one: step by step in a terminal, as text with --plain or in a pipe.",
    "docs/teaching.md has the teacher's guide and explains how to write your own.",
    '',
  ].join('\n');
}

/** `cooplab exercises`: the pack in the order of the argument, as a table or (validated) JSON. */
export async function listExercises(format: 'table' | 'json'): Promise<void> {
  if (format === 'json') {
    const { loadPack } = await import('../formats/exercise-file.js');
    emit(prettyJson(loadPack().map((loaded) => loaded.exercise)), undefined);
    return;
  }
  const rows = packIds()
    .map(packRow)
    .sort((a, b) => a.step - b.step || a.id.localeCompare(b.id));
  emit(packTable(rows), undefined);
}
