import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { EvolveApp, EvolveScreen, stackedColumn } from '../../src/ui/evolve/app.js';
import { makeTheme } from '../../src/theme/theme.js';

const shares = [
  [0.5, 0.5],
  [0.25, 0.75],
  [0, 1],
];

describe('the evolve view', () => {
  it('stacks shares bottom first', () => {
    expect(stackedColumn([0.25, 0.75], 4)).toEqual([0, 1, 1, 1]);
    expect(stackedColumn([1, 0], 3)).toEqual([0, 0, 0]);
  });

  it('shows the chart, the leader and the winner at the end', () => {
    const { lastFrame } = render(
      <EvolveScreen
        title="moran dynamics"
        strategies={['cooperator', 'defector']}
        shares={shares}
        winner="defector"
        theme={makeTheme(false)}
        columns={80}
        rows={30}
        generation={2}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('generation 2 of 2 · leader defector (100.0%) · defector took over');
    expect(frame).toMatch(/\[o\] defector\s+100\.0%/);
    expect(frame).not.toMatch(/\u001b\[/);
  });

  it('plays the run back and pauses on space', async () => {
    const view = render(<EvolveApp title="t" strategies={['a', 'b']} shares={shares} winner="b" theme={makeTheme(false)} columns={80} rows={30} speed={50} />);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(view.lastFrame()).toContain('generation 2 of 2');
    view.unmount();
    const paused = render(<EvolveApp title="t" strategies={['a', 'b']} shares={shares} winner="b" theme={makeTheme(false)} columns={80} rows={30} speed={5} />);
    paused.stdin.write(' ');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(paused.lastFrame()).toContain('generation 0 of 2');
    paused.unmount();
  });
});
