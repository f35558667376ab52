import { STRATEGY_COLOURS } from '../theme/theme.js';
import { el, svgDocument, text } from './svg.js';

/** What the network drawing needs: the final lattice and the ties of a run with partner choice (formats/cluster-run.ts). */
export interface NetworkDrawing {
  readonly width: number;
  readonly height: number;
  readonly strategies: readonly string[];
  /** lattice[y][x]: index into `strategies`. */
  readonly lattice: readonly (readonly number[])[];
  /** [a, b, generation formed or −1 for a tie from the start]. */
  readonly ties: readonly (readonly [number, number, number])[];
  /** Ties cut after the last generation, [a, b]. */
  readonly cut: readonly (readonly [number, number])[];
}

const MARGIN = 40;
const LEGEND = 70;
const START_TIE = '#c8c8c8';
const NEW_TIE = '#1f77b4';
const CUT_TIE = '#d62728';

/**
 * The network at the end of a run, at the firms' lattice places: a dot per firm in its
 * strategy's colour, ties from the start in grey, ties formed during the run in blue, and the
 * ties cut after the last generation dashed red. On a torus a tie is drawn the short way round,
 * so a tie across the edge leaves the frame.
 */
export function networkSvg(drawing: NetworkDrawing, title = 'The network at the end'): string {
  const { width, height } = drawing;
  const cell = Math.max(4, Math.min(16, Math.floor(640 / Math.max(width, height))));
  const plotWidth = width * cell;
  const plotHeight = height * cell;
  const centre = (firm: number): [number, number] => [MARGIN + ((firm % width) + 0.5) * cell, MARGIN + (Math.floor(firm / width) + 0.5) * cell];
  const segment = (a: number, b: number, attributes: Record<string, string | number>): string => {
    const [x1, y1] = centre(a);
    let dx = (b % width) - (a % width);
    let dy = Math.floor(b / width) - Math.floor(a / width);
    if (dx > width / 2) dx -= width;
    else if (dx < -width / 2) dx += width;
    if (dy > height / 2) dy -= height;
    else if (dy < -height / 2) dy += height;
    return el('line', { x1, y1, x2: x1 + dx * cell, y2: y1 + dy * cell, ...attributes });
  };
  const startTies = drawing.ties.filter(([, , born]) => born < 0).map(([a, b]) => segment(a, b, { stroke: START_TIE, 'stroke-width': 0.6 }));
  const newTies = drawing.ties.filter(([, , born]) => born >= 0).map(([a, b]) => segment(a, b, { stroke: NEW_TIE, 'stroke-width': 1 }));
  const cutTies = drawing.cut.map(([a, b]) => segment(a, b, { stroke: CUT_TIE, 'stroke-width': 1.2, 'stroke-dasharray': '3 2' }));
  const firms: string[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const strategy = drawing.lattice[y]?.[x] ?? 0;
      const [cx, cy] = centre(y * width + x);
      firms.push(el('circle', { cx, cy, r: Math.max(1.2, cell * 0.28), fill: STRATEGY_COLOURS[strategy % STRATEGY_COLOURS.length]! }));
    }
  }
  const legendY = MARGIN + plotHeight + 24;
  const tieKey = [
    ['tie from the start', START_TIE, ''],
    ['tie formed during the run', NEW_TIE, ''],
    ['tie cut after the last generation', CUT_TIE, '3 2'],
  ] as const;
  const legend = [
    ...tieKey.map(([label, colour, dash], index) =>
      el(
        'g',
        { transform: `translate(${MARGIN + index * 200} ${legendY})` },
        el('line', { x1: 0, y1: 0, x2: 24, y2: 0, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash === '' ? undefined : dash }),
        el('text', { x: 30, y: 4, fill: '#333333' }, text(label)),
      ),
    ),
    ...drawing.strategies.map((id, index) =>
      el(
        'g',
        { transform: `translate(${MARGIN + (index % 4) * 160} ${legendY + 22 + Math.floor(index / 4) * 18})` },
        el('circle', { cx: 6, cy: 0, r: 5, fill: STRATEGY_COLOURS[index % STRATEGY_COLOURS.length]! }),
        el('text', { x: 16, y: 4, fill: '#333333' }, text(id)),
      ),
    ),
  ];
  const svgWidth = Math.max(plotWidth + 2 * MARGIN, 660);
  const svgHeight = plotHeight + MARGIN + LEGEND + Math.ceil(drawing.strategies.length / 4) * 18;
  return svgDocument(
    {
      width: svgWidth,
      height: svgHeight,
      title,
      description: `${drawing.ties.length} ties among ${width * height} firms at their lattice places; ${drawing.cut.length} cut after the last generation.`,
    },
    el('clipPath', { id: 'network-frame' }, el('rect', { x: MARGIN, y: MARGIN, width: plotWidth, height: plotHeight })),
    el('g', { 'clip-path': 'url(#network-frame)' }, ...startTies, ...newTies, ...cutTies),
    ...firms,
    ...legend,
  );
}
