import type { ClusterRunDocument } from '../formats/cluster-run.js';
import { STRATEGY_COLOURS } from '../theme/theme.js';
import { figure } from './html.js';
import type { Domain } from './charts.js';
import { colourOf, el, svgDocument, text } from './svg.js';

/** Lattices with more sites than this are left undrawn: each site is a rect, and the page would weigh megabytes. */
export const MOST_SITES_MAPPED = 40_000;

const EMPTY = '#f4f4f4';
const TOP = 44;
const GAP = 24;

/**
 * The cluster at the end of a run with the market layer (docs/model.md, "The market"): the final
 * lattice with each firm in its strategy's colour, and beside it the final quality map with each
 * firm in the colour of its quality level (red the basic product, green the best); empty sites
 * pale in both. Empty for a run without the quality lattice or too large to draw.
 */
export function finalMapsFigure(run: ClusterRunDocument): string {
  const quality = run.final.quality;
  const { width, height, lattice, strategies } = run.final;
  if (quality === undefined || width * height > MOST_SITES_MAPPED) return '';
  const cell = Math.max(2, Math.min(12, Math.floor(300 / Math.max(width, height))));
  const mapWidth = width * cell;
  const levels = Math.max(1, ...quality.flatMap((row) => row.map((level) => level ?? 0)));
  const domain: Domain = { low: 0, high: levels };
  const strategyCells: string[] = [];
  const qualityCells: string[] = [];
  const right = mapWidth + GAP;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const level = quality[y]?.[x] ?? null;
      const strategy = lattice[y]?.[x] ?? 0;
      const at = { y: TOP + y * cell, width: cell, height: cell };
      const strategyFill = level === null ? EMPTY : STRATEGY_COLOURS[strategy % STRATEGY_COLOURS.length]!;
      strategyCells.push(el('rect', { class: 'cell firm', x: x * cell, ...at, fill: strategyFill }));
      qualityCells.push(el('rect', { class: 'cell quality', x: right + x * cell, ...at, fill: level === null ? EMPTY : colourOf(level, domain) }));
    }
  }
  const legendX = right + mapWidth + 12;
  const qualityLegend = Array.from({ length: levels + 1 }, (_, level) =>
    el('text', { x: legendX, y: TOP + 12 + level * 14, 'font-size': 11, fill: colourOf(level, domain) }, text(`■ quality ${level}`)),
  );
  const strategyLegend = strategies.map((id, index) =>
    el(
      'text',
      { x: legendX, y: TOP + 12 + (levels + 2 + index) * 14, 'font-size': 11, fill: STRATEGY_COLOURS[index % STRATEGY_COLOURS.length]! },
      text(`■ ${id}`),
    ),
  );
  const emptyLegend = el('text', { x: legendX, y: TOP + 12 + (levels + 2 + strategies.length) * 14, 'font-size': 11, fill: '#999999' }, text('■ empty site'));
  const legendHeight = (levels + 4 + strategies.length) * 14;
  return figure(
    svgDocument(
      {
        width: legendX + 110,
        height: TOP + Math.max(height * cell, legendHeight) + 8,
        title: 'The cluster at the end',
        description: `Final lattice (strategies) and final quality map, ${width} × ${height} sites`,
      },
      el('text', { x: 0, y: TOP - 8, 'font-size': 12 }, text('strategies')),
      el('text', { x: right, y: TOP - 8, 'font-size': 12 }, text('quality')),
      el('g', { class: 'final-lattice' }, ...strategyCells),
      el('g', { class: 'quality-map' }, ...qualityCells),
      ...qualityLegend,
      ...strategyLegend,
      emptyLegend,
    ),
    `The lattice at generation ${run.final.generation}: on the left each firm in its strategy's colour, on the right in the colour of its quality level (red the basic product, green the best reached); empty sites pale in both.`,
  );
}
