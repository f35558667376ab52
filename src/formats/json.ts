import { readdirSync } from 'node:fs';

/** The names of the .json files in a folder, without the extension, sorted: a folder of presets. */
export function jsonNames(folder: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/**
 * JSON for people and machines alike: indented objects, but arrays of plain values (a score
 * matrix row, a list of ids) on one line. Deterministic for the same value.
 */
export function prettyJson(value: unknown): string {
  const indented = JSON.stringify(value, null, 2);
  return `${indented.replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_, inner: string) => `[${inner.split(/,\n\s*/).join(', ')}]`)}\n`;
}
