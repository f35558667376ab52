/** Pure layout helpers of play mode (no React). */

export type Condensed<T> = { readonly kind: 'item'; readonly item: T; readonly index: number } | { readonly kind: 'gap'; readonly hidden: number };

/**
 * At most `capacity` lines of a ranked list that always include the item at `focus`: the
 * head of the list, a window around the focus, and the tail, with a gap line for what is
 * left out. The whole list when it fits.
 */
export function condense<T>(items: readonly T[], focus: number, capacity: number): Condensed<T>[] {
  const all = (indices: Iterable<number>) => [...indices].map((index) => ({ kind: 'item' as const, item: items[index]!, index }));
  if (items.length <= capacity) return all(items.keys());
  const keep = new Set<number>();
  const room = Math.max(3, capacity);
  const head = Math.max(1, Math.floor(room / 4));
  const tail = Math.max(1, Math.floor(room / 6));
  const window = Math.max(1, room - head - tail - 2);
  const start = Math.max(0, Math.min(items.length - window, focus - Math.floor(window / 2)));
  for (let i = 0; i < head; i++) keep.add(i);
  for (let i = start; i < start + window; i++) keep.add(i);
  for (let i = items.length - tail; i < items.length; i++) keep.add(i);
  keep.add(Math.max(0, Math.min(items.length - 1, focus)));
  const sorted = [...keep].filter((index) => index >= 0 && index < items.length).sort((a, b) => a - b);
  const lines: Condensed<T>[] = [];
  let previous = -1;
  for (const index of sorted) {
    if (index > previous + 1) lines.push({ kind: 'gap', hidden: index - previous - 1 });
    lines.push({ kind: 'item', item: items[index]!, index });
    previous = index;
  }
  if (previous < items.length - 1) lines.push({ kind: 'gap', hidden: items.length - 1 - previous });
  return lines;
}

/** The ordinal of a rank: 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(rank: number): string {
  const tens = rank % 100;
  if (tens >= 11 && tens <= 13) return `${rank}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th';
  return `${rank}${suffix}`;
}
