/**
 * JSON for people and machines alike: indented objects, but arrays of plain values (a score
 * matrix row, a list of ids) on one line. Deterministic for the same value.
 */
export function prettyJson(value: unknown): string {
  const indented = JSON.stringify(value, null, 2);
  return `${indented.replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_, inner: string) => `[${inner.split(/,\n\s*/).join(', ')}]`)}\n`;
}
