import { figure } from './html.js';
import { renderChart, type Chart } from './vega-render.js';

/** A file name for a chart's spec, from its title: lower case, words joined by dashes. */
export function specFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug === '' ? 'chart' : slug}.vl.json`;
}

/** The spec as a researcher gets it: indented JSON, the data inline. */
export function specJson(chart: Chart): string {
  return `${JSON.stringify(chart.spec, null, 2)}\n`;
}

/** A chart drawn for the HTML report: the SVG, its caption, and its Vega-Lite spec to download. */
export async function chartFigure(chart: Chart, caption: string): Promise<string> {
  return figure(await renderChart(chart), caption, { file: specFileName(chart.title), json: specJson(chart) });
}
