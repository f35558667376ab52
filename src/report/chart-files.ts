import { emit } from '../formats/output.js';
import { specJson } from './chart-figure.js';
import { renderChart, type Chart } from './vega-render.js';

/** Where a chart's spec goes beside its picture: fines.svg → fines.vl.json. */
export function specPathFor(svgPath: string): string {
  return /\.svg$/i.test(svgPath) ? svgPath.replace(/\.svg$/i, '.vl.json') : `${svgPath}.vl.json`;
}

/** Writes the chart as an SVG file and its Vega-Lite spec (the data inline) beside it; returns both paths. */
export async function writeChartFiles(chart: Chart, svgPath: string): Promise<readonly [string, string]> {
  const svg = await renderChart(chart);
  const specPath = specPathFor(svgPath);
  emit(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, svgPath);
  emit(specJson(chart), specPath);
  return [svgPath, specPath];
}
