/**
 * A five-row block font for the room code, so it reads from the back of a classroom. It
 * covers the room-code alphabet (no 0/O, 1/I/L); a character outside it, from a code the
 * teacher chose, is drawn as itself in the middle row.
 */
const FONT: Readonly<Record<string, readonly string[]>> = {
  A: [' ### ', '#   #', '#####', '#   #', '#   #'],
  B: ['#### ', '#   #', '#### ', '#   #', '#### '],
  C: [' ####', '#    ', '#    ', '#    ', ' ####'],
  D: ['#### ', '#   #', '#   #', '#   #', '#### '],
  E: ['#####', '#    ', '#### ', '#    ', '#####'],
  F: ['#####', '#    ', '#### ', '#    ', '#    '],
  G: [' ####', '#    ', '#  ##', '#   #', ' ####'],
  H: ['#   #', '#   #', '#####', '#   #', '#   #'],
  J: ['  ###', '    #', '    #', '#   #', ' ### '],
  K: ['#   #', '#  # ', '###  ', '#  # ', '#   #'],
  M: ['#   #', '## ##', '# # #', '#   #', '#   #'],
  N: ['#   #', '##  #', '# # #', '#  ##', '#   #'],
  P: ['#### ', '#   #', '#### ', '#    ', '#    '],
  Q: [' ### ', '#   #', '# # #', '#  # ', ' ## #'],
  R: ['#### ', '#   #', '#### ', '#  # ', '#   #'],
  S: [' ####', '#    ', ' ### ', '    #', '#### '],
  T: ['#####', '  #  ', '  #  ', '  #  ', '  #  '],
  U: ['#   #', '#   #', '#   #', '#   #', ' ### '],
  V: ['#   #', '#   #', '#   #', ' # # ', '  #  '],
  W: ['#   #', '#   #', '# # #', '## ##', '#   #'],
  X: ['#   #', ' # # ', '  #  ', ' # # ', '#   #'],
  Y: ['#   #', ' # # ', '  #  ', '  #  ', '  #  '],
  Z: ['#####', '   # ', '  #  ', ' #   ', '#####'],
  '2': [' ### ', '#   #', '  ## ', ' #   ', '#####'],
  '3': ['#### ', '    #', ' ### ', '    #', '#### '],
  '4': ['#   #', '#   #', '#####', '    #', '    #'],
  '5': ['#####', '#    ', '#### ', '    #', '#### '],
  '6': [' ### ', '#    ', '#### ', '#   #', ' ### '],
  '7': ['#####', '    #', '   # ', '  #  ', '  #  '],
  '8': [' ### ', '#   #', ' ### ', '#   #', ' ### '],
  '9': [' ### ', '#   #', ' ####', '    #', ' ### '],
};

export const BIG_ROWS = 5;

/** The text in the block font, five rows; `gap` columns between letters. */
export function bigText(text: string, gap = 2): string[] {
  const glyphs = [...text.toUpperCase()].map((character) => FONT[character] ?? ['     ', '     ', `  ${character}  `, '     ', '     ']);
  return Array.from({ length: BIG_ROWS }, (_, row) =>
    glyphs
      .map((glyph) => glyph[row]!.replaceAll('#', '█'))
      .join(' '.repeat(gap))
      .trimEnd(),
  );
}

/** Columns the text takes in the block font. */
export function bigWidth(text: string, gap = 2): number {
  const count = [...text].length;
  return count === 0 ? 0 : count * 5 + (count - 1) * gap;
}
