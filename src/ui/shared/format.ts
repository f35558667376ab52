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
