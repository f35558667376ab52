import type { HeatmapSpec } from '../../src/report/charts.js';

/** A title that needs escaping everywhere it goes. */
export const NASTY = 'Fines <& "trust"> \'gain\'';

/** A 3 × 2 phase diagram with one combination missing, for the chart and the terminal heatmap. */
export const HEATMAP: HeatmapSpec = {
  title: NASTY,
  xLabel: 'sanctions.fine',
  yLabel: 'trust.gain & co',
  xTicks: ['0', '1', '2'],
  yTicks: ['0.05', '0.1'],
  cells: [
    [0, 0.5, null],
    [0.25, 0.75, 1],
  ],
  domain: { low: 0, high: 1 },
  valueLabel: 'final_cooperation',
  firstRow: 'bottom',
};
