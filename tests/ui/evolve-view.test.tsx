import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { EvolveApp, EvolveScreen, stackedColumn } from '../../src/ui/evolve/app.js';
import { makeTheme } from '../../src/theme/theme.js';
import { frameWith, keysReady } from '../support/ink.js';

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
    await frameWith(view, 'generation 2 of 2');
    view.unmount();
    const long = Array.from({ length: 21 }, (_, generation) => [1 - generation / 20, generation / 20]);
    const app = () => <EvolveApp title="t" strategies={['a', 'b']} shares={long} winner="b" theme={makeTheme(false)} columns={80} rows={30} speed={5} />;
    const generation = (frame: string) => Number(/generation (\d+) of 20/.exec(frame)![1]);
    const paused = render(app());
    await keysReady(paused);
    const atPause = generation(paused.lastFrame()!);
    paused.stdin.write(' ');
    // A second run at the same speed, started after the pause, moves on three generations;
    // the paused one moves on at most the one already due when space was pressed.
    const running = render(app());
    await frameWith(running, 'generation 3 of 20');
    expect(generation(paused.lastFrame()!)).toBeLessThanOrEqual(atPause + 1);
    paused.unmount();
    running.unmount();
  });
});
