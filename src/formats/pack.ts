import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../version.js';
import { jsonNames } from './json.js';

/**
 * The shipped exercise pack: where its files live, their ids, and the few fields its listing
 * shows. Kept apart from exercise-file.ts and free of zod (zod alone costs about 100 ms of
 * start-up, and `cooplab exercises` must start as fast as the other headless commands): the
 * listing reads only what it shows, leniently; `cooplab exercise ID`, `--format json` and
 * `--check` read through exercise-file.ts and validate every field, and the test suite
 * validates the whole pack.
 */

export function packFolder(): string {
  return join(packageRoot(), 'exercises');
}

export function packIds(): string[] {
  return jsonNames(packFolder());
}

/** What the pack's listing shows of one exercise; `title` is null when the file cannot be read as an exercise. */
export interface PackSummary {
  readonly id: string;
  /** Infinity when the file gives no step: such exercises list last. */
  readonly step: number;
  readonly kind: string;
  readonly minutes: string;
  readonly title: string | null;
}

/** The listed fields of a pack exercise, read without the schema: a field that is not there shows as '?'. */
export function packSummary(id: string): PackSummary {
  let document: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(packFolder(), `${id}.json`), 'utf8'));
    if (parsed !== null && typeof parsed === 'object') document = parsed as Record<string, unknown>;
  } catch {
    // listed as not valid
  }
  const field = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');
  const task = document.task !== null && typeof document.task === 'object' ? (document.task as Record<string, unknown>) : {};
  return {
    id,
    step: typeof document.step === 'number' ? document.step : Number.POSITIVE_INFINITY,
    kind: field(task.kind),
    minutes: field(document.minutes),
    title: typeof document.title === 'string' ? document.title : null,
  };
}
