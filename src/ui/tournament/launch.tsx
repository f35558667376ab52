import { render } from 'ink';
import { ProgressiveTournament } from '../../core/progressive-tournament.js';
import { summarizeTournament, type TournamentSettings } from '../../core/tournament.js';
import type { Strategy } from '../../core/strategy.js';
import { tournamentTable } from '../../formats/tournament-result.js';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { makeTheme } from '../../theme/theme.js';
import { TournamentApp } from './app.js';

/**
 * `cooplab tournament` in a terminal: the live view on the alternate screen while the
 * tournament plays in slices; afterwards (on q, Ctrl-C, SIGTERM) the plain table of what was
 * played is printed to the normal screen, so the result outlives the view.
 */
export async function launchTournament(strategies: readonly Strategy[], settings: TournamentSettings): Promise<void> {
  const driver = new ProgressiveTournament(strategies, settings);
  const ids = strategies.map((strategy) => strategy.id);
  let failure: unknown;
  const restoreScreen = fullScreen();
  const restore = () => {
    restoreScreen();
    if (failure !== undefined) return;
    const { table } = driver;
    const result = summarizeTournament(ids, settings, table);
    const note = table.played < table.size ? `(stopped after ${table.played} of ${table.size} matches: the table covers those)\n` : '';
    process.stdout.write(note + tournamentTable(result));
  };
  const instance = render(<TournamentApp source={driver} theme={makeTheme()} />, { exitOnCtrlC: true, patchConsole: false });
  driver.run().catch((error: unknown) => {
    failure = error;
    instance.unmount();
  });
  await superviseInk(instance, restore, () => driver.stop());
  if (failure !== undefined) throw failure;
}
