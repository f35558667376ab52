import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LiveCluster, type LiveSnapshot } from '../../src/cluster/live.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { timeAxis } from '../../src/ui/cluster/chart-rows.js';
import { eventRows } from '../../src/ui/cluster/event-log.js';
import { cooperationSplitText, statusText } from '../../src/ui/cluster/panels.js';
import { ClusterScreen } from '../../src/ui/cluster/screen.js';
import { requireStrategies } from '../../strategies/registry.js';

// The live view's figures that say what they mean (co-operation by kind of activity, mutual
// co-operation, the pairs on each rung) and a dated scenario's years (issue 14, items 4 and 6),
// at 80 columns and in projector mode.

const plain = makeTheme(false);
const criciuma = withOverrides(loadScenario('criciuma-crisis'), ['width=30', 'height=20']);
const strategies = requireStrategies(Object.keys(criciuma.parameters.strategies));

/** criciuma-crisis after `generations` generations: generation 60 is the crisis's last, in 1993. */
function snapshotAt(generations: number): LiveSnapshot {
  const live = new LiveCluster(criciuma, strategies, 1);
  for (let generation = 0; generation < generations; generation++) live.step();
  return live.snapshot();
}

function screen(snapshot: LiveSnapshot, columns: number, rows: number, projector = false): string[] {
  const view = render(
    <ClusterScreen snapshot={snapshot} view="strategy" fps={0} notice={undefined} projector={projector} theme={plain} columns={columns} rows={rows} />,
  );
  const frame = view.lastFrame()!;
  view.unmount();
  return frame.split('\n');
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

describe('co-operation by kind of activity and the ladder', () => {
  const snapshot = snapshotAt(61);
  const latest = snapshot.records.at(-1)!;

  it('says co-operation in low-risk and risky rounds and mutual co-operation, a dash where there is no figure', () => {
    expect(cooperationSplitText(snapshot)).toBe(
      `low-risk ${percent(latest.cooperationLowRisk!)} · risky ${percent(latest.cooperationRisky!)} · mutual ${percent(latest.mutualCooperation)}`,
    );
    expect(cooperationSplitText(snapshotAt(0))).toBe('low-risk — · risky — · mutual —');
    // Before the programme starts only technology exchange is enabled: no low-risk round.
    expect(cooperationSplitText(snapshotAt(5))).toMatch(/^low-risk — · risky \d+% · mutual \d+%$/);
  });

  for (const [columns, rows, projector] of [
    [80, 24, false],
    [80, 24, true],
    [80, 40, false],
    [120, 40, false],
    [120, 40, true],
  ] as const) {
    it(`fits ${columns} × ${rows}${projector ? ' in projector mode' : ''} with the split line in full`, () => {
      const lines = screen(snapshot, columns, rows, projector);
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(columns);
      expect(lines.length).toBeLessThanOrEqual(rows);
      expect(lines.join('\n')).not.toContain('…');
      expect(lines.join('\n')).toContain(cooperationSplitText(snapshot));
    });
  }

  it('gives each rung the share of rounds and the share of pairs on it, and the pairs on no rung', () => {
    const text = screen(snapshot, 80, 40).join('\n');
    expect(text).toMatch(/trust ladder \(keys 1–2\) +rounds pairs/);
    const rows = snapshot.activities.map((activity) => {
      const line = text.split('\n').find((row) => row.includes(`${activity.name} `))!;
      return line.trim().split(/\s+/).slice(-2);
    });
    expect(rows).toEqual(snapshot.activities.map((_, index) => [percent(latest.activities[index]!), percent(latest.rungs[index]!)]));
    expect(text).toMatch(new RegExp(`no rung +${percent(latest.noRung)}`));
  });
});

describe('a scenario with years', () => {
  const snapshot = snapshotAt(61);

  it('dates the status line, the event log and the projector headline', () => {
    expect(statusText(snapshot, 'strategy', 0, 120)).toContain('criciuma-crisis · gen 60 · 1993 · seed 1');
    expect(eventRows(snapshot.log[0]!, 46, criciuma.years).join(' ')).toMatch(/^1991: Crisis: firms lobby/);
    expect(eventRows(snapshot.log[0]!, 46).join(' ')).toMatch(/^gen 10: Crisis/);
    const standard = screen(snapshot, 120, 40).join('\n');
    expect(standard).toContain('1991: Crisis: firms lobby');
    expect(standard).not.toContain('gen 10:');
    expect(screen(snapshot, 120, 40, true).join('\n')).toContain('1993 · generation 60 of 250');
    expect(screen(snapshot, 80, 24, true)[1]).toContain('1993 · generation 60 of 250');
  });

  it('puts years on the projector charts’ time axes, where each year begins', () => {
    const years = criciuma.years!;
    // 61 generations in 40 columns: 1991 at generation 0, 1992 at 25, 1993 at 50.
    expect(timeAxis(61, 40, years)).toBe(`1991${' '.repeat(12)}1992${' '.repeat(12)}1993`);
    // The whole run in a narrow chart: every fifth year (2001, at the last column, has no room).
    const long = timeAxis(251, 30, years);
    expect(long).toMatch(/^1991 +1996$/);
    expect(long.indexOf('1996')).toBe(Math.floor((5 * 25) / (251 / 30)));
    const axes = screen(snapshot, 120, 40, true).filter((line) => /1991 +1992 +1993\s*$/.test(line));
    expect(axes).toHaveLength(2);
  });
});
