import { join } from 'node:path';
import { prettyJson } from '../formats/json.js';
import { emit } from '../formats/output.js';
import { packFolder, packIds, packSummary } from '../formats/pack.js';

/** The shipped pack as a table (read leniently by formats/pack.ts) or as validated JSON. */

interface PackRow {
  readonly step: number;
  readonly id: string;
  readonly kind: string;
  readonly minutes: string;
  readonly title: string;
}

function packRow(id: string): PackRow {
  const summary = packSummary(id);
  return { ...summary, title: summary.title ?? `(not valid: see cooplab exercises --check ${join(packFolder(), `${id}.json`)})` };
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
