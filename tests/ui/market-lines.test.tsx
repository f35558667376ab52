import { describe, expect, it } from 'vitest';
import { LiveCluster } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { inForceRows } from '../../src/ui/cluster/in-force.js';
import { requireStrategies } from '../../strategies/registry.js';

const phases = withOverrides(loadScenario('market-phases'), ['width=16', 'height=12']);
const strategies = requireStrategies(Object.keys(phases.parameters.strategies));
const text = (rows: ReturnType<typeof inForceRows>) => rows.map((row) => row.map((segment) => segment.text).join(''));

describe('the market lines of the live view', () => {
  it('show firms with entries and exits, the mean price and mean quality with its spread, within the panel width', () => {
    const live = new LiveCluster(phases, strategies, 1);
    live.step();
    live.step();
    const snapshot = live.snapshot();
    const latest = snapshot.records[snapshot.records.length - 1]!.market!;
    for (const width of [34, 78]) {
      const rows = text(inForceRows(snapshot, makeTheme(false), width));
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
      const joined = rows.join('\n');
      expect(joined).toContain(`market ${latest.firms} firms`);
      expect(joined).toContain(`+${latest.entries} −${latest.exits}`);
      expect(joined).toContain(`price ${latest.meanPrice.toFixed(2)}`);
      expect(joined).toContain(`quality ${latest.meanQuality.toFixed(2)} ± ${latest.qualitySpread.toFixed(2)}`);
    }
  });

  it('are absent without the market layer', () => {
    const live = new LiveCluster(withOverrides(phases, ['market.enabled=false']), strategies, 1);
    live.step();
    expect(text(inForceRows(live.snapshot(), makeTheme(false), 78)).join('\n')).not.toMatch(/market|quality/);
  });
});
