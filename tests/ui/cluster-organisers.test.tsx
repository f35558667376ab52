import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveCluster } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import { ClusterApp, commandForKey } from '../../src/ui/cluster/app.js';
import { InlineSource } from '../../src/ui/cluster/source.js';
import { makeTheme } from '../../src/theme/theme.js';
import { frameWith, keysReady, press } from '../support/ink.js';

// The facilitator's organiser keys (issue 16): found one, change its fee, grant and policy, and see its standing.
const scenario = withOverrides(loadScenario('training-first'), ['width=20', 'height=14']);
const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));

function setup() {
  const live = new LiveCluster(scenario, strategies, 1);
  live.apply({ type: 'toggle-pause' });
  const source = new InlineSource(live, { autostart: false });
  const view = render(<ClusterApp source={source} theme={makeTheme(false)} size={{ columns: 120, rows: 40 }} onExport={() => 'exported'} />);
  return { ...view, live };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('organisers in the live view', () => {
  it('maps the organiser keys to commands', () => {
    expect(commandForKey('o')).toEqual({ type: 'found-organiser' });
    expect(commandForKey('O')).toEqual({ type: 'select-organiser' });
    expect(commandForKey('M')).toEqual({ type: 'organiser-fee', delta: -1 });
    expect(commandForKey('g')).toEqual({ type: 'organiser-grant', delta: 1 });
    expect(commandForKey('y')).toEqual({ type: 'organiser-policy' });
  });

  it('founds an association with o, sets its fee, grant and policy by key, and shows members, budget and credibility', async () => {
    const view = setup();
    cleanup = view.unmount;
    await keysReady(view);
    await frameWith(view, 'training-first · gen');
    expect(await press(view, 'm', 'no organiser yet: o founds one')).not.toContain('▶ association');
    // The panel wraps the organiser's line: the test reads it part by part.
    const founded = await press(view, 'o', '▶ association · moderator · founded · fee 0.10');
    expect(founded).toContain('· grant 0');
    expect(founded).toContain('facilitator founds association: a');
    for (const key of ['m', 'g', 'g', 'y']) view.stdin.write(key);
    const changed = await press(view, 'n', /▶ association · producer · \d+% members/);
    expect(changed).toMatch(/budget \d+ · credibility 0\.\d\d · fee 0\.15/);
    expect(changed).toContain('grant 20');
    // The event log panel shows the newest lines; the model's log holds them all.
    expect(changed).toContain('association: policy now producer');
    const labels = view.live.model.log.map((entry) => entry.label);
    expect(labels).toContain('association: fee raised to 0.15');
    expect(labels).toContain('association: grant raised to 20 a generation');
    expect(view.live.model.parameters.organisers![0]).toMatchObject({ name: 'association', fee: 0.15, grant: 20, policy: 'producer' });
    expect(labels).toContain('association founded (producer; fee 0.15, grant 20.00 a generation)');
  });

  it('a second association gets its own name, and O selects between them', () => {
    const live = new LiveCluster(scenario, strategies, 1);
    live.apply({ type: 'found-organiser' });
    live.apply({ type: 'found-organiser' });
    expect(live.snapshot().organisers.map((organiser) => [organiser.name, organiser.selected])).toEqual([
      ['association', false],
      ['association-2', true],
    ]);
    expect(live.apply({ type: 'select-organiser' })).toBe('association selected (fee m/M, grant g/G, policy y)');
    live.apply({ type: 'organiser-fee', delta: -1 });
    expect(live.model.parameters.organisers!.map((organiser) => organiser.fee)).toEqual([0.05, 0.1]);
  });
});
