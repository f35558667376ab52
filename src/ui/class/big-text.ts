import { BLOCK_ROWS, blockText, blockWidth } from '../shared/block-font.js';

/**
 * The room code in the block font, so it reads from the back of a classroom. A character
 * outside the font, from a code the teacher chose, is drawn as itself in the middle row.
 */

export const BIG_ROWS = BLOCK_ROWS;

/** The text in the block font, five rows; `gap` columns between letters. */
export function bigText(text: string, gap = 2): string[] {
  return blockText(text.toUpperCase(), gap, (character) => ['     ', '     ', `  ${character}  `, '     ', '     ']).map((row) => row.trimEnd());
}

/** Columns the text takes in the block font. */
export function bigWidth(text: string, gap = 2): number {
  return blockWidth(text, gap);
}
