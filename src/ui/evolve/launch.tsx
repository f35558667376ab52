import { render } from 'ink';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { makeTheme } from '../../theme/theme.js';
import { EvolveApp } from './app.js';

/** The live view of `cooplab evolve`: population shares as a stacked chart over time. */
export async function launchEvolve(title: string, strategies: readonly string[], shares: readonly (readonly number[])[], winner: string | null): Promise<void> {
  const restore = fullScreen();
  const stdout = process.stdout;
  const instance = render(
    <EvolveApp
      title={title}
      strategies={strategies}
      shares={shares}
      winner={winner}
      theme={makeTheme()}
      columns={stdout.columns || 100}
      rows={stdout.rows || 30}
    />,
    { exitOnCtrlC: true, patchConsole: false },
  );
  await superviseInk(instance, restore, () => undefined);
}
