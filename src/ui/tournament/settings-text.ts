import type { TournamentProgress } from '../../core/progressive-tournament.js';
import { formatScore } from '../shared/format.js';

export const TITLE = 'cooplab tournament';

export function lengthText(progress: TournamentProgress): string {
  const { settings } = progress.result;
  return settings.probEnd === undefined ? `${settings.turns} turns` : `prob-end ${settings.probEnd}`;
}

export function gameText(progress: TournamentProgress): string {
  const { game } = progress.result.settings;
  return `${formatScore(game.R)},${formatScore(game.S)},${formatScore(game.T)},${formatScore(game.P)}`;
}

/** The settings in one line, as the wide title shows them. */
export function settingsLine(progress: TournamentProgress): string {
  const { settings, strategies } = progress.result;
  return `${strategies.length} strategies · ${lengthText(progress)} · ${settings.repetitions} repetitions · noise ${settings.noise} · payoffs ${gameText(progress)} · seed ${settings.seed}`;
}

/** The title takes one line when it fits, two otherwise. */
export function titleFits(progress: TournamentProgress, columns: number): boolean {
  return TITLE.length + 2 + settingsLine(progress).length <= columns;
}
