import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { checkDocumentShape } from '../core/document-shape.js';
import { printable } from '../core/printable.js';
import { pathInFile, toMemoryFields, type KeyRules } from './field-names.js';

/**
 * Reading a document back: the file's text, its JSON, and its check against the document's
 * schema, with every failure as one line that names the file, the field, the value found and
 * what was expected. Values and names from the file go through printable(). This module holds
 * no schema and loads no zod itself, so a writer that imports it stays cheap to start.
 */

/** The longest value from a file quoted in a message: enough to recognise it. */
const VALUE_LIMIT = 80;

function reason(error: unknown, fallback: string): string {
  return error instanceof Error && 'code' in error ? String(error.code) : fallback;
}

/**
 * A document's text as JSON: a UTF-8 byte-order mark is accepted, UTF-16 and other binary text
 * refused, a syntax error is one escaped line, and the shape is checked (checkDocumentShape).
 */
export function parseJsonText(bytes: Buffer | string, kind: string, given: string, expected = 'a JSON object'): unknown {
  let text: string;
  if (typeof bytes === 'string') text = bytes;
  else {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (utf16 || bytes.includes(0)) throw new InputError(`${kind} file '${printable(given)}' is not UTF-8 text: expected a JSON file saved as UTF-8`);
    text = bytes.toString('utf8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const detail = printable(error instanceof Error ? error.message : String(error), VALUE_LIMIT);
    throw new InputError(`${kind} file '${printable(given)}' is not valid JSON (${detail}): expected ${expected}`);
  }
  checkDocumentShape(document, `${kind} '${printable(given)}'`);
  return document;
}

/** The JSON document in a file (a scenario, an exercise, a run); an InputError says what went wrong, naming the file as given. */
export function readJsonFile(path: string, kind: string, given = path, expected = 'a JSON object'): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read ${kind} file '${printable(given)}' (${reason(error, 'read failed')}): expected a readable JSON file`);
  }
  return parseJsonText(bytes, kind, given, expected);
}

/** A value as a message quotes it: JSON, escaped and cut. */
export function quoted(value: unknown): string {
  return printable(JSON.stringify(value) ?? String(value), VALUE_LIMIT);
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/** What the schema expected, in words, from a zod issue (a schema's own "expected …" message wins). */
function expectation(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('expected')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => quoted(value)).join(' or ')}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const comparison = issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<=';
      if (issue.origin === 'array') return `expected ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} entries`;
      if (issue.origin === 'string') return `expected ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} characters`;
      return `expected a number ${comparison} ${String(bound)}`;
    }
    case 'invalid_union': {
      const options = issue.errors.map((branch) => (branch[0] === undefined ? 'another form' : expectation(branch[0]).replace(/^expected /, '')));
      return `expected ${[...new Set(options)].join(' or ')}`;
    }
    default:
      return `expected ${issue.message}`;
  }
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** One line for the first problem zod found: the field, the value found and what was expected. */
export function describeProblem(issue: z.core.$ZodIssue, document: unknown, docs: string): string {
  const field = issue.path.length === 0 ? 'the document' : printable(issue.path.map(String).join('.'));
  if (issue.code === 'unrecognized_keys') return `${field}: unknown field '${printable(issue.keys[0] ?? '')}': expected only the fields of ${docs}`;
  const value = valueAt(document, issue.path);
  if (value === undefined) return `${field}: missing: ${expectation(issue)}`;
  return `${field}: got ${quoted(value)}, ${expectation(issue)}`;
}

/** What parseDocument needs of a schema: zod's safeParse, without importing zod here. */
interface Checker<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } };
}

/**
 * `document` checked against `schema`: the typed document, or an InputError such as
 * `cluster run 'run.json': series.3.cooperation: got "high", expected a number`.
 */
export function parseDocument<T>(schema: Checker<T>, document: unknown, kind: string, file: string, docs = 'docs/formats.md'): T {
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InputError(`${kind} '${printable(file)}': ${describeProblem(issue, document, docs)}`);
}

/**
 * A document cooplab wrote (snake_case fields, docs/formats.md), checked against `schema`, whose
 * fields are the program's camelCase names: renamed first (an older camelCase file passes as it
 * is), and a problem names the field as the file spells it.
 */
export function parseOutputDocument<T>(schema: Checker<T>, document: unknown, kind: string, file: string, rules: KeyRules): T {
  const renamed = toMemoryFields(document, rules);
  const result = schema.safeParse(renamed);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const spelled = { ...issue, path: pathInFile(document, issue.path) } as z.core.$ZodIssue;
  throw new InputError(`${kind} '${printable(file)}': ${describeProblem(spelled, document, 'docs/formats.md')}`);
}
