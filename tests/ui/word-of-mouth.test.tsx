import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LiveCluster } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { ClusterApp } from '../../src/ui/cluster/app.js';
import { inForceRows } from '../../src/ui/cluster/in-force.js';
import { InlineSource } from '../../src/ui/cluster/source.js';
import { requireStrategies } from '../../strategies/registry.js';
import { frameWith, keysReady, press } from '../support/ink.js';

const cremona = withOverrides(loadScenario('cremona'), ['width=16', 'height=12']);
const strategies = requireStrategies(Object.keys(cremona.parameters.strategies));
const text = (rows: ReturnType<typeof inForceRows>) => rows.map((row) => row.map((segment) => segment.text).join(''));

describe('the word-of-mouth lines of the live view', () => {
  it('show the norm, the standing of co-operators and defectors and the share in bad standing, within the panel width', () => {
    const live = new LiveCluster(cremona, strategies, 1);
    live.step();
    live.step();
    const snapshot = live.snapshot();
    const latest = snapshot.records[snapshot.records.length - 1]!.reputation!;
    for (const width of [34, 78]) {
      const rows = text(inForceRows(snapshot, makeTheme(false), width));
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
      const joined = rows.join('\n');
      expect(joined).toContain('word of mouth simple-standing');
      expect(joined).toMatch(new RegExp(`co-operators ${latest.cooperators!.toFixed(2)}`));
      expect(joined).toMatch(new RegExp(`defectors\\s+${latest.defectors!.toFixed(2)}`));
      expect(joined).toContain(`in bad standing ${(latest.badStanding * 100).toFixed(0)}%`);
    }
  });

  it('are absent when neither word of mouth nor communication is on, and say when firms talk', () => {
    const silent = new LiveCluster(withOverrides(cremona, ['reputation.enabled=false']), strategies, 1);
    silent.step();
    expect(text(inForceRows(silent.snapshot(), makeTheme(false), 78)).join('\n')).not.toMatch(/word of mouth|standing|announce/);
    const talking = new LiveCluster(withOverrides(cremona, ['reputation.enabled=false', 'communication.enabled=true']), strategies, 1);
    expect(text(inForceRows(talking.snapshot(), makeTheme(false), 78)).join('\n')).toContain('firms announce their moves before each round');
  });

  it('appear in the running view at 80 columns', async () => {
    const live = new LiveCluster(cremona, strategies, 1);
    live.apply({ type: 'toggle-pause' });
    const view = render(
      <ClusterApp source={new InlineSource(live, { autostart: false })} theme={makeTheme(false)} size={{ columns: 80, rows: 50 }} onExport={() => ''} />,
    );
    try {
      await keysReady(view);
      await frameWith(view, 'cremona · gen');
      const frame = await press(view, 'n', /in bad standing \d+%/);
      expect(frame).toContain('word of mouth');
      for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    } finally {
      view.unmount();
    }
  });
});
