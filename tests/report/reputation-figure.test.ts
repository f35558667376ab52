import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { clusterReport } from '../../src/report/report.js';
import { reputationFigure } from '../../src/report/reputation-figure.js';
import { requireStrategies } from '../../strategies/registry.js';
import { marksOf } from './vega-svg.js';

const cremona = withOverrides(loadScenario('cremona'), ['width=8', 'height=8']);
const strategies = requireStrategies(Object.keys(cremona.parameters.strategies));
const documentOf = (overrides: readonly string[], events = cremona.events) =>
  clusterRunDocument(runScenario({ ...withOverrides(cremona, overrides), events }, strategies, { seed: 1, generations: 6 }), '0.1.0');

describe('the reputation chart of the cluster report', () => {
  it('draws the standing of co-operators and defectors and the share in bad standing when the layer was on', async () => {
    const chart = await reputationFigure(documentOf([]), []);
    expect(chart).toContain('<svg');
    for (const name of ['standing of co-operators', 'standing of defectors', 'share in bad standing']) expect(chart).toContain(name);
    expect(await clusterReport(documentOf([]), 'run.json', '0.1.0')).toContain('Public standing from word of mouth');
  });

  it('is left out of a run that never had it, and leaves a gap before the layer was switched on', async () => {
    expect(await reputationFigure(documentOf(['reputation.enabled=false']), [])).toBe('');
    expect(await clusterReport(documentOf(['reputation.enabled=false']), 'run.json', '0.1.0')).not.toContain('Public standing from word of mouth');
    const later = documentOf(['reputation.enabled=false'], [{ generation: 3, set: { 'reputation.enabled': true } }]);
    const chart = await reputationFigure(later, []);
    // A path starts (M) where the series resumes, at generation 3 of 0–6: one pen-down per series.
    const lines = marksOf(chart, 'line');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.d.match(/M/g)).toHaveLength(1);
  });
});
