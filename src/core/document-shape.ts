import { InputError } from './errors.js';
import { printable } from './printable.js';

/**
 * The shape every document from outside must have before a schema sees it: a scenario file, a
 * --set value, an exercise, a run read back for a report. A hostile or broken document may nest
 * thousands of levels deep (a recursive check or copy would overflow the stack) or carry keys
 * that reach an object's prototype when copied (`__proto__`, `constructor`, `prototype`).
 */

/** How deep a document may nest: far beyond any cooplab document, far below a stack overflow. */
export const MAX_DEPTH = 64;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key or a path segment would reach a prototype (`__proto__`, `constructor`, `prototype`). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/**
 * Checks a parsed document without recursion: at most MAX_DEPTH levels, and no key that reaches a
 * prototype. `where` names the document in the error (`scenario 'my.json'`, `--set noise`).
 */
export function checkDocumentShape(document: unknown, where: string): void {
  const stack: [unknown, number, string][] = [[document, 0, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      throw new InputError(`${where}: ${printable(path || 'the value', 80)} nests deeper than ${MAX_DEPTH} levels: expected at most ${MAX_DEPTH}`);
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push([value[index], depth + 1, `${path}${path ? '.' : ''}${index}`]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const field = `${path}${path ? '.' : ''}${key}`;
      if (isForbiddenKey(key)) {
        throw new InputError(`${where}: field '${printable(field, 80)}' is not allowed: expected no __proto__, constructor or prototype keys`);
      }
      stack.push([(value as Record<string, unknown>)[key], depth + 1, field]);
    }
  }
}
