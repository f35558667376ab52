/**
 * Text from outside the program — a student's name, a strategy module's id or error, a value
 * from a scenario file — made safe to show in a terminal, a log line, JSON or HTML: control
 * characters (C0, DEL, C1), bidirectional overrides and other invisible format characters are
 * written as visible escapes (`\u001b`), so nothing can move the cursor, clear the screen,
 * set a window title, write the clipboard or reorder a line; and the text is cut to a length
 * with a note of how much was left out, so one value cannot flood a screen or a file.
 */

/** The longest text shown from outside by default: enough for any honest name or message. */
export const PRINTABLE_LIMIT = 200;

// C0 controls (tab and newline included: a log line stays one line), DEL, C1 controls, the
// bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and other
// invisible format characters, line and paragraph separators, and lone surrogates.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every unsafe character escaped and cut to `limit` characters of the original
 * (a cut is marked `… (N more characters)`). Safe text comes back unchanged.
 */
export function printable(text: string, limit = PRINTABLE_LIMIT): string {
  const cut = text.length > limit;
  const shown = cut ? text.slice(0, limit) : text;
  const escaped = shown.replace(UNSAFE, escapeCharacter);
  return cut ? `${escaped}… (${text.length - limit} more characters)` : escaped;
}

/** Whether `text` would be shown unchanged by printable(): no unsafe character and not over `limit`. */
export function isPrintable(text: string, limit = PRINTABLE_LIMIT): boolean {
  UNSAFE.lastIndex = 0;
  return text.length <= limit && !UNSAFE.test(text);
}
