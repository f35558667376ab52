import { STRATEGY_COLOURS } from '../theme/theme.js';
import { el, svgDocument, text } from './svg.js';

/** A lattice of firms: `cells[y][x]` is an index into `strategies`. */
export interface StrategyLattice {
  readonly strategies: readonly string[];
  readonly cells: readonly (readonly number[])[];
}

/** A lattice as coloured cells, one per firm, in its strategy's colour; `across` is about how wide the map is drawn, in pixels. */
export function latticeSvg(lattice: StrategyLattice, title: string, across = 240): string {
  const height = lattice.cells.length;
  const width = lattice.cells[0]?.length ?? 0;
  const cell = Math.max(2, Math.min(12, Math.floor(across / Math.max(1, width, height))));
  const rects: string[] = [];
  for (const [y, row] of lattice.cells.entries()) {
    for (const [x, strategy] of row.entries()) {
      const fill = STRATEGY_COLOURS[strategy % STRATEGY_COLOURS.length]!;
      rects.push(el('rect', { class: 'cell firm', x: x * cell, y: 24 + y * cell, width: cell, height: cell, fill }));
    }
  }
  const legend = lattice.strategies.map((id, index) =>
    el('text', { x: width * cell + 8, y: 36 + index * 14, 'font-size': 11, fill: STRATEGY_COLOURS[index % STRATEGY_COLOURS.length]! }, text(`■ ${id}`)),
  );
  // svgDocument draws the title above the map, centred: the picture is at least as wide as it.
  return svgDocument(
    { width: Math.max(width * cell + 160, title.length * 8.5 + 24), height: 30 + Math.max(height * cell, lattice.strategies.length * 14), title },
    ...rects,
    ...legend,
  );
}
