/**
 * A five-row block font for the projector's headline figures (digits, '%', '.', '—'), so the
 * co-operation level reads from the back of a room.
 */
const FONT: Readonly<Record<string, readonly string[]>> = {
  '0': [' ### ', '#   #', '#   #', '#   #', ' ### '],
  '1': ['  #  ', ' ##  ', '  #  ', '  #  ', ' ### '],
  '2': [' ### ', '#   #', '  ## ', ' #   ', '#####'],
  '3': ['#### ', '    #', ' ### ', '    #', '#### '],
  '4': ['#   #', '#   #', '#####', '    #', '    #'],
  '5': ['#####', '#    ', '#### ', '    #', '#### '],
  '6': [' ### ', '#    ', '#### ', '#   #', ' ### '],
  '7': ['#####', '    #', '   # ', '  #  ', '  #  '],
  '8': [' ### ', '#   #', ' ### ', '#   #', ' ### '],
  '9': [' ### ', '#   #', ' ####', '    #', ' ### '],
  '%': ['#   #', '   # ', '  #  ', ' #   ', '#   #'],
  '.': ['     ', '     ', '     ', '     ', '  #  '],
  '—': ['     ', '     ', '#####', '     ', '     '],
  ' ': ['     ', '     ', '     ', '     ', '     '],
};

export const FIGURE_ROWS = 5;

/** The figure in the block font, five rows, one column between characters. */
export function bigFigure(text: string): string[] {
  const glyphs = [...text].map((character) => FONT[character] ?? FONT[' ']!);
  return Array.from({ length: FIGURE_ROWS }, (_, row) => glyphs.map((glyph) => glyph[row]!.replaceAll('#', '█')).join(' '));
}

/** Columns the figure takes in the block font. */
export function bigFigureWidth(text: string): number {
  const count = [...text].length;
  return count === 0 ? 0 : count * 6 - 1;
}
