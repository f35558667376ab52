import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCluster } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { liveCooperationChart, livePictureLattice, writeLivePictures } from '../../src/report/live-pictures.js';
import { requireStrategies } from '../../strategies/registry.js';
import { marksOf } from './vega-svg.js';
import { checkWellFormed } from './xml.js';

// What `e` keeps from the live view: the lattice and co-operation over time, as pictures.

function snapshotOf(preset: string, generations: number) {
  const scenario = withOverrides(loadScenario(preset), ['width=12', 'height=10']);
  const live = new LiveCluster(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), 1);
  for (let generation = 0; generation < generations; generation++) live.apply({ type: 'step' });
  return live.snapshot();
}

type Layer = { name?: string; data?: { values: Record<string, unknown>[] } };

describe('the live view’s pictures', () => {
  it('chart co-operation, mutual co-operation and trust for every generation played, with the events of the log', () => {
    const snapshot = snapshotOf('training-first', 14);
    const chart = liveCooperationChart(snapshot);
    const layers = chart.spec.layer as Layer[];
    const line = layers.find((layer) => layer.name === 'line')!.data!.values;
    expect(line).toHaveLength(3 * snapshot.records.length);
    expect(line.filter((row) => row.series === 'mean trust').map((row) => row.value)).toEqual(snapshot.records.map((record) => record.meanTrust));
    expect(snapshot.log.length).toBeGreaterThan(0);
    expect(layers.find((layer) => layer.name === 'event')!.data!.values.map((row) => row.event)).toEqual(snapshot.log.map((event) => event.label));
    expect(JSON.stringify(chart.spec)).toContain('"title":"generation"');
  });

  it('run over years when the scenario has them', () => {
    const chart = liveCooperationChart(snapshotOf('criciuma-crisis', 3));
    expect(JSON.stringify(chart.spec)).toContain('"title":"year"');
    expect(JSON.stringify(chart.spec)).toContain('"format":"d"');
  });

  it('draw the lattice with a cell per firm in its strategy’s colour', () => {
    const svg = livePictureLattice(snapshotOf('training-first', 2));
    expect(checkWellFormed(svg)).toEqual([]);
    expect(svg.match(/<rect class="cell firm"/g)).toHaveLength(120);
    expect(svg).toContain('<title>training-first, seed 1, generation 1</title>');
  });

  it('write SVG, the chart’s spec and PNG, named after the scenario, seed and generation', async () => {
    const snapshot = snapshotOf('training-first', 5);
    const stem = join(mkdtempSync(join(tmpdir(), 'cooplab-pictures-')), 'cooplab-training-first-seed1-gen4');
    const written = await writeLivePictures(snapshot, stem);
    expect(written).toEqual(['-lattice.svg', '-cooperation.svg', '-cooperation.vl.json', '-lattice.png', '-cooperation.png'].map((end) => `${stem}${end}`));
    for (const file of written) expect(existsSync(file)).toBe(true);
    const chart = readFileSync(`${stem}-cooperation.svg`, 'utf8');
    expect(chart.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(checkWellFormed(chart)).toEqual([]);
    expect(marksOf(chart, 'line')).toHaveLength(3);
    // A PNG starts with its signature.
    expect([...readFileSync(`${stem}-lattice.png`).subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(JSON.parse(readFileSync(`${stem}-cooperation.vl.json`, 'utf8')).$schema).toMatch(/vega-lite/);
  });
});
