import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterRunDocument } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { clusterReport } from '../../src/report/report.js';
import { requireStrategies } from '../../strategies/registry.js';

function report(preset: string): Promise<string> {
  const scenario = withOverrides(loadScenario(preset), ['width=8', 'height=8']);
  const run = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 1, generations: 12 });
  return clusterReport(clusterRunDocument(run, '0.1.0'), 'run.json', '0.1.0');
}

describe('the HTML report of a run with organisers', () => {
  it('charts their membership, credibility and budget; a run without organisers has no such chart', async () => {
    const html = await report('criciuma-association');
    expect(html).toContain('Organisers: membership and credibility');
    expect(html).toContain('technology-centre: members');
    expect(html).toContain('technology-centre: credibility');
    expect(html).toContain('Organisers: budget');
    expect(await report('training-first')).not.toContain('Organisers:');
  });
});
