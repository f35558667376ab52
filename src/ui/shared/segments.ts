/** A run of text in one style, for views that wrap styled text themselves (and so know how many rows it takes). */
export interface Segment {
  readonly text: string;
  readonly colour?: string | undefined;
  readonly bold?: boolean;
  /** Never broken across rows (a sparkline, whose blanks are part of it). */
  readonly whole?: boolean;
}

/**
 * Styled text wrapped at spaces into rows of at most `width` characters, each row a list of
 * segments. Nothing is cut: a word longer than a row is broken across rows.
 */
export function wrapSegments(segments: readonly Segment[], width: number): Segment[][] {
  const room = Math.max(1, width);
  const words: Segment[] = segments.flatMap((segment) =>
    segment.whole === true ? [segment] : segment.text.split(/\s+/).flatMap((text) => (text === '' ? [] : [{ ...segment, text }])),
  );
  const rows: Segment[][] = [];
  let row: Segment[] = [];
  let used = 0;
  const push = (word: Segment) => {
    if (row.length > 0 && used + 1 + word.text.length <= room) {
      row.push({ text: ' ' }, word);
      used += 1 + word.text.length;
      return;
    }
    if (row.length > 0) rows.push(row);
    let rest = word.text;
    while (rest.length > room) {
      rows.push([{ ...word, text: rest.slice(0, room) }]);
      rest = rest.slice(room);
    }
    row = [{ ...word, text: rest }];
    used = rest.length;
  };
  for (const word of words) push(word);
  if (row.length > 0 || rows.length === 0) rows.push(row);
  return rows;
}

/** The plain text of a row of segments. */
export function segmentText(row: readonly Segment[]): string {
  return row.map((segment) => segment.text).join('');
}
