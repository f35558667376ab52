import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument, type ClusterRunDocument } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { clusterReport } from '../../src/report/report.js';
import { requireStrategies } from '../../strategies/registry.js';
import { marksOf, svgsOf as svgs, titleOf } from './vega-svg.js';
import { checkWellFormed } from './xml.js';

// The HTML report of a cluster run: the co-operation by kind of activity, the rungs of the trust
// ladder, and a dated scenario's years (issue 14, items 4 and 6); a run written before these
// figures still reports, without their charts.

function runOf(preset: string, generations: number): ClusterRunDocument {
  const scenario = withOverrides(loadScenario(preset), ['width=10', 'height=10']);
  const run = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 1, generations });
  return JSON.parse(JSON.stringify(clusterRunDocument(run, '0.1.0'))) as ClusterRunDocument;
}

describe('a cluster run’s report', () => {
  const dated = runOf('criciuma-crisis', 60);
  let page = '';
  beforeAll(async () => {
    page = await clusterReport(dated, 'run.json', '0.1.0');
  });

  it('charts co-operation by kind of activity and the pairs on each rung, with the other charts', () => {
    expect(svgs(page).map(titleOf)).toEqual([
      'Co-operation and trust',
      'Co-operation by kind of activity',
      'Activity ladder',
      'Relationships on the trust ladder',
      'Strategy shares',
      'Mean payoff',
    ]);
    for (const svg of svgs(page)) expect(checkWellFormed(svg)).toEqual([]);
    const byKind = svgs(page)[1]!;
    for (const name of ['in low-risk activities', 'in risky activities', 'mutual co-operation']) expect(byKind).toContain(`>${name}</text>`);
    const rungs = svgs(page)[3]!;
    for (const name of ['no rung', 'basic-testing', 'technology-exchange']) expect(rungs).toContain(`>${name}</text>`);
    // Each chart's spec rides along, to download and restyle.
    expect(page).toContain('download="relationships-on-the-trust-ladder.vl.json" href="data:application/json;base64,');
  });

  it('leaves a gap, not a 0, where no round of a kind was played', () => {
    // Before generation 10 criciuma's only activity is technology exchange: the low-risk line starts at generation 10.
    const line = (series: string) => marksOf(svgs(page)[1]!, 'line').find((mark) => mark.label.endsWith(`series: ${series}`))!.d;
    const lowRisk = line('in low-risk activities');
    expect(lowRisk.match(/M/g)).toHaveLength(1);
    const risky = line('in risky activities');
    const firstX = (path: string) => Number(/^M([\d.]+)/.exec(path)![1]);
    // 61 points over the plot's width: the low-risk line starts 10 of 60 steps after the risky one.
    expect(lowRisk.split('L')).toHaveLength(51);
    expect(firstX(lowRisk)).toBeGreaterThan(firstX(risky));
  });

  it('runs the charts over years, and dates the events and the result', () => {
    for (const svg of svgs(page)) {
      expect(svg).toContain('>year</text>');
      // Ticks read as whole years, every digit shown.
      expect(svg).toMatch(/>1992<\/text>/);
    }
    expect(page).toContain('year: 1991; event: Crisis: firms lobby');
    expect(page).toMatch(/<th[^>]*>year<\/th>/);
    expect(page).toMatch(/<td[^>]*>1991<\/td>\s*<td[^>]*>10<\/td>/);
  });

  it('reads a run written before the split figures and years: the charts it can draw, by generation', async () => {
    const old = runOf('training-first', 12);
    for (const point of old.series) {
      delete (point as { cooperationLowRisk?: unknown }).cooperationLowRisk;
      delete (point as { cooperationRisky?: unknown }).cooperationRisky;
      delete (point as { rungs?: unknown }).rungs;
      delete (point as { noRung?: unknown }).noRung;
    }
    const report = await clusterReport(old, 'old.json', '0.1.0');
    expect(svgs(report).map(titleOf)).toEqual(['Co-operation and trust', 'Activity ladder', 'Strategy shares', 'Mean payoff']);
    expect(report).toContain('>generation</text>');
    expect(report).not.toContain('>year</text>');
  });
});
