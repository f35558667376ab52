/**
 * A five-row block font, so a figure or a room code reads from the back of a room: capitals
 * (the room-code alphabet, without O, I and L), digits, '%', '.', '—' and space. The teacher's
 * room code and the projector's headline figures both draw with it.
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
  '0': [' ### ', '#   #', '#   #', '#   #', ' ### '],
  '1': ['  #  ', ' ##  ', '  #  ', '  #  ', ' ### '],
  '%': ['#   #', '   # ', '  #  ', ' #   ', '#   #'],
  '.': ['     ', '     ', '     ', '     ', '  #  '],
  '—': ['     ', '     ', '#####', '     ', '     '],
  ' ': ['     ', '     ', '     ', '     ', '     '],
};

export const BLOCK_ROWS = 5;

/** The glyph of a character, or undefined when the font has none. */
export function blockGlyph(character: string): readonly string[] | undefined {
  return FONT[character];
}

/** The text in the block font, five rows of `█`, `gap` columns between characters; `missing` draws a character the font lacks. */
export function blockText(text: string, gap: number, missing: (character: string) => readonly string[]): string[] {
  const glyphs = [...text].map((character) => FONT[character] ?? missing(character));
  return Array.from({ length: BLOCK_ROWS }, (_, row) => glyphs.map((glyph) => glyph[row]!.replaceAll('#', '█')).join(' '.repeat(gap)));
}

/** Columns the text takes in the block font with `gap` columns between characters. */
export function blockWidth(text: string, gap: number): number {
  const count = [...text].length;
  return count === 0 ? 0 : count * 5 + (count - 1) * gap;
}
