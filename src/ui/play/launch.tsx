import { render } from 'ink';
import { fieldAgainst, InteractiveMatch, type InteractiveMatchSettings } from '../../core/interactive-match.js';
import type { Strategy } from '../../core/strategy.js';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { makeTheme } from '../../theme/theme.js';
import { formatScore } from '../shared/widgets.js';
import { PlayApp } from './app.js';
import type { PlayInfo } from './info.js';

/** Everything a game of play mode needs, checked. */
export interface PlaySetup {
  readonly opponent: Strategy;
  /** Drawn at random from the seed rather than named with --opponent. */
  readonly hidden: boolean;
  readonly settings: InteractiveMatchSettings;
  readonly activity: { readonly name: string; readonly lowRisk: boolean; readonly description?: string | undefined } | undefined;
  /** Every other built-in, for the comparison at the end. */
  readonly others: readonly Strategy[];
}

/**
 * `cooplab play`: the game on the alternate screen; afterwards one line on the normal screen
 * with the outcome and the seed, so the game can be replayed.
 */
export async function launchPlay(setup: PlaySetup): Promise<void> {
  const match = new InteractiveMatch(setup.opponent, setup.settings);
  const info: PlayInfo = {
    opponent: setup.opponent,
    hidden: setup.hidden,
    game: setup.settings.game,
    probEnd: setup.settings.probEnd,
    activity: setup.activity,
    seed: setup.settings.seed,
    field: fieldAgainst(setup.opponent, setup.others, setup.settings),
  };
  const restoreScreen = fullScreen();
  const restore = () => {
    restoreScreen();
    const { played, scores, finished } = match.state;
    const seed = setup.settings.seed;
    const line = finished
      ? `cooplab play: you ${formatScore(scores[0])}, ${setup.opponent.name} (${setup.opponent.id}) ${formatScore(scores[1])} over ${played} rounds; seed ${seed}`
      : `cooplab play: stopped after ${played} round${played === 1 ? '' : 's'}: you ${formatScore(scores[0])}, your opponent ${formatScore(scores[1])}; seed ${seed}`;
    process.stdout.write(`${line}\n`);
  };
  const instance = render(<PlayApp source={match} info={info} theme={makeTheme()} />, { exitOnCtrlC: true, patchConsole: false });
  await superviseInk(instance, restore, () => undefined);
}
