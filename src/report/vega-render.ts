import type { TopLevelSpec } from 'vega-lite';
import { escapeXml } from './svg.js';

/**
 * Vega-Lite specs drawn as SVG in Node, with no browser and no canvas: the spec is compiled to
 * Vega, run in a headless view and serialised. The same spec gives the same bytes.
 */

/** A Vega-Lite spec as JSON (the data inline), as written next to a figure for a researcher to restyle. */
export type VegaLiteSpec = { readonly [key: string]: unknown };

/** A chart ready to draw: its spec and the title that names it (the SVG's <title>). */
export interface Chart {
  readonly title: string;
  readonly spec: VegaLiteSpec;
}

/**
 * Vega numbers gradients and clip paths from a counter shared by every view of the process, so
 * the second drawing of a chart would differ from the first, and two charts in one page could
 * share an id. Each id is renamed after the chart and its order of appearance in it.
 */
function localIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/ id="([^"]+)"/g)) renamed.set(match[1]!, `${prefix}-${renamed.size + 1}`);
  if (renamed.size === 0) return svg;
  return svg.replace(/( id="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => {
    const local = renamed.get(id);
    return local === undefined ? whole : `${lead}${local}`;
  });
}

/** A short id from the title: stable, and distinct enough between the charts of one page. */
function idPrefix(title: string): string {
  let hash = 2166136261;
  for (const character of title) hash = Math.imul(hash ^ character.codePointAt(0)!, 16777619) >>> 0;
  return `chart-${hash.toString(36)}`;
}

/** The chart as a standalone <svg> with a <title> (its accessible name), the same bytes for the same spec. */
export async function renderChart(chart: Chart): Promise<string> {
  // Loaded on the first chart only: a second or so that a command drawing none should not pay.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(chart.spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const opening = svg.indexOf('>') + 1;
    const titled = `${svg.slice(0, opening - 1)} role="img"><title>${escapeXml(chart.title)}</title>${svg.slice(opening)}`;
    return localIds(titled, idPrefix(chart.title));
  } finally {
    view.finalize();
  }
}
