import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { marketFigures } from '../../src/report/market-figures.js';
import { finalMapsFigure } from '../../src/report/market-map.js';
import { clusterReport } from '../../src/report/report.js';
import { requireStrategies } from '../../strategies/registry.js';

const phases = withOverrides(loadScenario('market-phases'), ['width=12', 'height=12']);
const strategies = requireStrategies(Object.keys(phases.parameters.strategies));
const documentOf = (overrides: readonly string[]) =>
  clusterRunDocument(runScenario(withOverrides(phases, overrides), strategies, { seed: 1, generations: 12 }), '0.1.0');

describe('the market charts of the cluster report', () => {
  it('draws firms with entries and exits, quality with its spread, and prices and profits when the layer is on', async () => {
    const run = documentOf([]);
    const charts = await marketFigures(run, []);
    expect(charts).toHaveLength(4);
    for (const title of ['Firms, entries and exits', 'Quality', 'Prices and profits']) expect(charts.join('')).toContain(`<title>${title}</title>`);
    // The quality band is one standard deviation either side of the mean.
    expect(charts[1]).toContain('band_marks');
    const firms = run.series.map((point) => point.market!.firms);
    expect(Math.max(...firms)).toBeGreaterThan(0);
    expect(await clusterReport(run, 'run.json', '0.1.0')).toContain('<title>Firms, entries and exits</title>');
  });

  it('draws the final lattice beside the final quality map, a cell per site in the colour of its strategy and of its quality level', async () => {
    // 16 × 16 and 60 generations: by then firms stand on several quality levels (12 × 12 stays at the basic product).
    const run = clusterRunDocument(runScenario(withOverrides(phases, ['width=16', 'height=16']), strategies, { seed: 1, generations: 60 }), '0.1.0');
    const quality = run.final.quality!;
    expect(quality).toHaveLength(16);
    expect(quality.every((row) => row.length === 16)).toBe(true);
    const map = finalMapsFigure(run);
    expect(map).toContain('<title>The cluster at the end</title>');
    const cells = (group: string) => [...map.matchAll(new RegExp(`<rect class="cell ${group}"[^>]*fill="([^"]+)"`, 'g'))].map((match) => match[1]!);
    const strategyFills = cells('firm');
    const qualityFills = cells('quality');
    expect(strategyFills).toHaveLength(256);
    expect(qualityFills).toHaveLength(256);
    // An empty site is pale in both maps; firms of different quality levels get different colours.
    const flat = quality.flat();
    const empty = flat.indexOf(null);
    expect(empty).toBeGreaterThanOrEqual(0);
    expect(strategyFills[empty]).toBe(qualityFills[empty]);
    const levels = [...new Set(flat.filter((level) => level !== null))];
    expect(levels.length).toBeGreaterThan(1);
    const fillOf = (level: number) => qualityFills[flat.indexOf(level)];
    expect(new Set(levels.map((level) => fillOf(level!))).size).toBe(levels.length);
    expect((await marketFigures(run, [])).at(-1)).toBe(map);
    expect(
      finalMapsFigure(clusterRunDocument(runScenario(withOverrides(phases, ['market.enabled=false']), strategies, { seed: 1, generations: 2 }), '0.1.0')),
    ).toBe('');
  });

  it('is left out of a run without the market layer', async () => {
    const run = documentOf(['market.enabled=false']);
    expect(await marketFigures(run, [])).toEqual([]);
    expect(await clusterReport(run, 'run.json', '0.1.0')).not.toContain('Firms, entries and exits');
  });
});
