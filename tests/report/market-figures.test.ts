import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { marketFigures } from '../../src/report/market-figures.js';
import { clusterReport } from '../../src/report/report.js';
import { requireStrategies } from '../../strategies/registry.js';

const phases = withOverrides(loadScenario('market-phases'), ['width=12', 'height=12']);
const strategies = requireStrategies(Object.keys(phases.parameters.strategies));
const documentOf = (overrides: readonly string[]) =>
  clusterRunDocument(runScenario(withOverrides(phases, overrides), strategies, { seed: 1, generations: 12 }), '0.1.0');

describe('the market charts of the cluster report', () => {
  it('draws firms with entries and exits, quality with its spread, and prices and profits when the layer is on', () => {
    const run = documentOf([]);
    const charts = marketFigures(run, []);
    expect(charts).toHaveLength(3);
    for (const title of ['Firms, entries and exits', 'Quality', 'Prices and profits']) expect(charts.join('')).toContain(`<title>${title}</title>`);
    // The quality band is one standard deviation either side of the mean.
    expect(charts[1]).toContain('class="band"');
    const firms = run.series.map((point) => point.market!.firms);
    expect(Math.max(...firms)).toBeGreaterThan(0);
    expect(clusterReport(run, 'run.json', '0.1.0')).toContain('<title>Firms, entries and exits</title>');
  });

  it('is left out of a run without the market layer', () => {
    const run = documentOf(['market.enabled=false']);
    expect(marketFigures(run, [])).toEqual([]);
    expect(clusterReport(run, 'run.json', '0.1.0')).not.toContain('Firms, entries and exits');
  });
});
