/** Number and text formatting shared by the views and their plain-text counterparts: no Ink, no React. */

/** Cuts a string to `width` characters, ending in '…' when it had to cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** A number as a person would write a score: whole numbers bare, otherwise up to `digits` decimals. */
export function formatScore(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '-';
  const rounded = Number(value.toFixed(digits));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Milliseconds as "0.4 s", "12 s", "3 min 05 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/** How many lines `text` takes when wrapped at word boundaries to `width` columns (Ink's wrap, near enough). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const length = word.length;
    if (used === 0) used = length;
    else if (used + 1 + length <= room) used += 1 + length;
    else {
      lines++;
      used = length;
    }
    while (used > room) {
      lines++;
      used -= room;
    }
  }
  return lines;
}

/**
 * `text` wrapped at spaces into rows of at most `width` characters. Nothing is cut: a word
 * longer than a row (a path, a JSON value) is broken across rows instead.
 */
export function wrapText(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (row !== '' && row.length + 1 + word.length <= room) {
      row += ` ${word}`;
      continue;
    }
    if (row !== '') rows.push(row);
    let rest = word;
    while (rest.length > room) {
      rows.push(rest.slice(0, room));
      rest = rest.slice(room);
    }
    row = rest;
  }
  if (row !== '' || rows.length === 0) rows.push(row);
  return rows;
}

/**
 * A shell command as rows of at most `width` characters that still paste as one command: it
 * breaks only at spaces outside quotes, and every row but the last ends in ` \`. A single
 * word wider than a row (a long quoted value) keeps a row of its own, whole.
 */
export function commandRows(command: string, width: number): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (const character of command) {
    if (quote === undefined && character === ' ') {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    if (character === "'" || character === '"') quote = quote === undefined ? character : quote === character ? undefined : quote;
    word += character;
  }
  if (word !== '') words.push(word);
  if (command.length <= width) return [words.join(' ')];
  const room = Math.max(1, width - 2);
  const rows: string[] = [];
  let row = '';
  for (const next of words) {
    if (row === '') row = next;
    else if (row.length + 1 + next.length <= room) row += ` ${next}`;
    else {
      rows.push(`${row} \\`);
      row = `  ${next}`;
    }
  }
  rows.push(row);
  return rows;
}
