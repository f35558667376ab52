/**
 * One naming convention for every data file cooplab writes (docs/formats.md, "Field names"):
 * snake_case, in JSON as in CSV, since researchers read them in pandas and R. The program keeps
 * its own camelCase names in memory: a writer renames a document's fields on the way out and a
 * reader renames them back on the way in, here and nowhere else, so the reports and views read
 * the same TypeScript fields whatever the file says. A file written before the convention
 * (camelCase fields) still reads, since renaming a camelCase name to camelCase changes nothing.
 *
 * Not every key of a document is a field name: the keys of `activities` or `strategies` are
 * names and ids from the scenario, and a document may carry an input file (a scenario, its
 * parameters) whose keys stay as that file's format documents them. A document's KeyRules name
 * those places by their path in memory (`series.*.activities`; `*` for any list position or
 * map key).
 */

/** `data`: the keys are names or ids, kept as they are (their values are renamed); `verbatim`: the whole value is kept as it is. */
export type KeyRule = 'data' | 'verbatim';
export type KeyRules = Readonly<Record<string, KeyRule>>;

/** `meanTrust` → `mean_trust`; `R`, `ci95` and names without a capital after a small letter stay. */
export function snakeCase(name: string): string {
  return name.replace(/(?<=[a-z0-9])[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `mean_trust` → `meanTrust`; a camelCase name stays as it is. */
export function camelCase(name: string): string {
  return name.replace(/(?<=[a-zA-Z0-9])_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function renamed(value: unknown, rename: (name: string) => string, toMemory: (name: string) => string, rules: KeyRules, path: string): unknown {
  const rule = rules[path];
  if (rule === 'verbatim') return value;
  const child = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (Array.isArray(value)) return value.map((entry) => renamed(entry, rename, toMemory, rules, child('*')));
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (rule === 'data') result[key] = renamed(entry, rename, toMemory, rules, child('*'));
    else result[rename(key)] = renamed(entry, rename, toMemory, rules, child(toMemory(key)));
  }
  return result;
}

/** A document as a file holds it: every field name in snake_case, except where `rules` say the keys are data. */
export function toFileFields<T>(document: T, rules: KeyRules = {}): unknown {
  return renamed(document, snakeCase, camelCase, rules, '');
}

/** A parsed file's fields as the program names them (camelCase); an older file's camelCase fields pass unchanged. */
export function toMemoryFields(document: unknown, rules: KeyRules = {}): unknown {
  return renamed(document, camelCase, camelCase, rules, '');
}

/**
 * A path from a check of the renamed document (`series.3.meanTrust`) as the file spells it
 * (`series.3.mean_trust`, or `meanTrust` in an older file), so that a message names the field
 * the reader can find.
 */
export function pathInFile(file: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const spelled: PropertyKey[] = [];
  let value = file;
  for (const key of path) {
    let step = key;
    if (typeof key === 'string' && isPlainObject(value) && !(key in value) && snakeCase(key) in value) step = snakeCase(key);
    spelled.push(step);
    value = isPlainObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[step as string] : undefined;
  }
  return spelled;
}
