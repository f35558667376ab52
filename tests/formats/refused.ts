import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { asyncInputError } from '../support/errors.js';

/** A fresh folder for the files of one test file. */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `cooplab-formats-${name}-`));
}

/** Writes `document` as JSON into `folder` and returns the path. */
export function writeJson(folder: string, name: string, document: unknown): string {
  const file = join(folder, name);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

/** Marks a field to leave out in withField. */
export const REMOVED = Symbol('removed');

/** A copy of a JSON document with the field at a dotted path (`series.3.cooperation`) set to `value`, or left out. */
export function withField(document: unknown, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as unknown;
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === REMOVED) delete node[last];
  else node[last] = value;
  return copy;
}

// Controls, DEL, C1 and the bidirectional overrides: none may reach a terminal raw.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The message a reader refuses a file with, checked to be one line with nothing unsafe in it. */
export async function refusal(read: () => unknown): Promise<string> {
  const message = await asyncInputError(async () => read());
  expect(message).not.toMatch(UNSAFE);
  return message;
}

/** A value a hostile file might hold: a terminal escape (clear the screen) and a right-to-left override. */
export const HOSTILE = '\u001b[2J\u202eevil';
/** How a message shows HOSTILE inside a JSON string: escaped, visible, harmless. */
export const HOSTILE_SHOWN = '"\\u001b[2J\\u202eevil"';
