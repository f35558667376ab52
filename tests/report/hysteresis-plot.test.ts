import { describe, expect, it } from 'vitest';
import type { HysteresisRecord } from '../../src/cluster/hysteresis.js';
import type { HysteresisDocument } from '../../src/formats/hysteresis.js';
import { loopChart, loopPlot, loopText, widestGapLine } from '../../src/report/hysteresis-plot.js';
import { renderChart } from '../../src/report/vega-render.js';
import { marksOf } from './vega-svg.js';
import { checkWellFormed } from './xml.js';

/** A loop drawn by hand: rival all the way up, co-operative all the way down, two seeds that disagree at the top. */
function record(direction: 'up' | 'down', step: number, value: number, seed: number, cooperation: number): HysteresisRecord {
  return {
    direction,
    step,
    value,
    seed,
    generation: step * 10 + 9,
    cooperation,
    mutualCooperation: cooperation / 2,
    meanTrust: cooperation,
    meanPayoff: 20 * cooperation,
    cooperationLowRisk: null,
    cooperationRisky: cooperation,
  };
}
const records = [
  record('up', 0, 0, 1, 0.02),
  record('up', 0, 0, 2, 0.04),
  record('up', 1, 0.5, 1, 0.03),
  record('up', 1, 0.5, 2, 0.05),
  record('up', 2, 1, 1, 0.98),
  record('up', 2, 1, 2, 0.02),
  record('down', 3, 1, 1, 0.99),
  record('down', 3, 1, 2, 0.03),
  record('down', 4, 0.5, 1, 0.99),
  record('down', 4, 0.5, 2, 0.97),
  record('down', 5, 0, 1, 0.98),
  record('down', 5, 0, 2, 0.96),
];
const document = {
  cooplab: '0.1.0',
  scenario: { name: 'lock-in', title: 't', description: 'd', seed: 1, generations: 500, parameters: {}, events: [] },
  parameter: 'subsidy',
  from: 0,
  to: 1,
  steps: 2,
  generations: 10,
  seeds: [1, 2],
  records,
} satisfies HysteresisDocument;

describe('the loop in the terminal', () => {
  const text = loopText(loopPlot(document, 'cooperation'), false);
  const lines = text.split('\n');

  it('says what it shows, marks the means of both branches and every seed, and names the widest gap', () => {
    expect(lines[0]).toBe('Co-operation after 10 generations at each subsidy, up and back down (lock-in)');
    expect(lines[1]).toBe('mean over 2 seeds; the state carries over from step to step; ▲ up, ▼ down (means); · one seed, • several');
    const body = lines.slice(3).join('\n');
    expect(body.match(/▲/g)).toHaveLength(3);
    expect(body.match(/▼/g)).toHaveLength(3);
    // Six steps × two seeds, less the seeds hidden under a mean or sharing a row (•).
    expect(body.match(/[·•]/g)!.length).toBeGreaterThan(0);
    expect(lines.at(-2)).toBe('widest gap at subsidy = 0: down 0.97, up 0.03 (gap 0.94)');
    expect(lines).toContain('      0   0.5 1');
    expect(text).not.toMatch(/\u001b/);
  });

  it('puts the branch up low and the branch down high at no subsidy: the top row holds ▼, the bottom row ▲', () => {
    const top = lines.find((line) => line.startsWith('  1 ┤'))!;
    const bottom = lines.find((line) => line.startsWith('  0 ┤'))!;
    // Columns: the value 0 owns the first cell; ▲ sits at its offset 1, ▼ at offset 2.
    expect(top.slice(6, 8)).toBe(' ▼');
    expect(bottom.slice(6, 8)).toBe('▲ ');
  });

  it('tints the branches when colour is on', () => {
    expect(loopText(loopPlot(document, 'cooperation'), true)).toMatch(/\u001b\[38;5;\d+m▲\u001b\[0m/);
  });

  it('draws another metric on its own scale', () => {
    const payoff = loopText(loopPlot(document, 'mean_payoff'), false);
    expect(payoff.split('\n')[0]).toBe('Mean payoff after 10 generations at each subsidy, up and back down (lock-in)');
    expect(payoff).toMatch(/^19\.8 ┤/m);
  });

  it('says when the branches coincide', () => {
    const flat = { ...document, records: records.map((entry) => ({ ...entry, cooperation: 0.5 })) };
    expect(widestGapLine(loopPlot(flat, 'cooperation'))).toBe('the branches up and down coincide: no hysteresis');
  });
});

describe('the loop as SVG', () => {
  it('is well-formed, with a line for each branch and a dot for every seed at every step', async () => {
    const svg = await renderChart(loopChart(loopPlot(document, 'cooperation')));
    expect(checkWellFormed(svg)).toEqual([]);
    expect(marksOf(svg, 'line')).toHaveLength(2);
    expect(marksOf(svg, 'dots')).toHaveLength(records.length);
    expect(svg).toContain('<title>Hysteresis: co-operation as subsidy rises and falls (lock-in)</title>');
    expect(svg).toContain('up (subsidy rising)');
    expect(svg).toContain('down (subsidy falling)');
  });
});
