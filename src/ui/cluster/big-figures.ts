import { BLOCK_ROWS, blockGlyph, blockText, blockWidth } from '../shared/block-font.js';

/** The projector's headline figures (digits, '%', '.', '—') in the block font, so the co-operation level reads from the back of a room. */

export const FIGURE_ROWS = BLOCK_ROWS;

/** The figure in the block font, five rows, one column between characters. */
export function bigFigure(text: string): string[] {
  return blockText(text, 1, () => blockGlyph(' ')!);
}

/** Columns the figure takes in the block font. */
export function bigFigureWidth(text: string): number {
  return blockWidth(text, 1);
}
