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
