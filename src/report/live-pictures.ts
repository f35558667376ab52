import type { LiveSnapshot } from '../cluster/live.js';
import { printable } from '../core/printable.js';
import { writeFileAtomically } from '../formats/output.js';
import { specJson } from './chart-figure.js';
import { lineChart } from './charts.js';
import { latticeSvg } from './lattice-svg.js';
import { pngOf } from './png.js';
import { renderChart, type Chart } from './vega-render.js';

/**
 * The pictures a facilitator keeps from the live view (`e`): the lattice as it stands, and
 * co-operation and trust over the run on a time axis with its events, as SVG and, where the
 * converter loads, PNG. Drawn from a snapshot the simulation emitted, away from the view's render.
 */

/** What the pictures read of a live snapshot. */
export type PictureSnapshot = Pick<LiveSnapshot, 'scenario' | 'seed' | 'generation' | 'width' | 'height' | 'strategies' | 'strategyOf' | 'records' | 'log'>;

/** The lattice by strategy, row by row as the view draws it. */
export function livePictureLattice(snapshot: PictureSnapshot): string {
  const cells = Array.from({ length: snapshot.height }, (_, y) => Array.from(snapshot.strategyOf.subarray(y * snapshot.width, (y + 1) * snapshot.width)));
  const generation = Math.max(0, snapshot.generation);
  return latticeSvg({ strategies: snapshot.strategies, cells }, `${printable(snapshot.scenario.name)}, seed ${snapshot.seed}, generation ${generation}`, 480);
}

/** Co-operation, mutual co-operation and mean trust per generation, in years when the scenario has them, with the events as numbered dashed rules. */
export function liveCooperationChart(snapshot: PictureSnapshot): Chart {
  const years = snapshot.scenario.years;
  const at = (generation: number) => (years === undefined ? generation : years.startYear + generation / years.generationsPerYear);
  const records = snapshot.records;
  return lineChart({
    title: `Co-operation and trust: ${printable(snapshot.scenario.title)} (seed ${snapshot.seed})`,
    xLabel: years === undefined ? 'generation' : 'year',
    yLabel: 'share',
    x: records.map((record) => at(record.generation)),
    yDomain: { low: 0, high: 1 },
    years: years !== undefined,
    markers: snapshot.log.map((event) => ({ x: at(event.generation), label: printable(event.label) })),
    series: [
      { name: 'co-operation', colour: '#3fa34d', values: records.map((record) => record.cooperation) },
      { name: 'mutual co-operation', colour: '#1d6f7b', values: records.map((record) => record.mutualCooperation) },
      { name: 'mean trust', colour: '#f3a712', values: records.map((record) => record.meanTrust) },
    ],
    width: 900,
    height: 360,
  });
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Writes `STEM-lattice.svg`, `STEM-cooperation.svg` and the chart's Vega-Lite spec
 * (`STEM-cooperation.vl.json`), and each picture as PNG when the converter loads; returns the
 * files written, in that order.
 */
export async function writeLivePictures(snapshot: PictureSnapshot, stem: string): Promise<string[]> {
  const chart = liveCooperationChart(snapshot);
  const pictures: [string, string][] = [
    [`${stem}-lattice`, livePictureLattice(snapshot)],
    [`${stem}-cooperation`, await renderChart(chart)],
  ];
  const written: string[] = [];
  for (const [base, svg] of pictures) {
    writeFileAtomically(`${base}.svg`, `${XML}${svg}\n`);
    written.push(`${base}.svg`);
  }
  writeFileAtomically(`${stem}-cooperation.vl.json`, specJson(chart));
  written.push(`${stem}-cooperation.vl.json`);
  for (const [base, svg] of pictures) {
    const png = await pngOf(svg);
    if (png === undefined) break;
    writeFileAtomically(`${base}.png`, png);
    written.push(`${base}.png`);
  }
  return written;
}
