/**
 * The built-in strategy library, in the order `all` plays them: the classic dozen first,
 * then the rest of the literature.
 */
import type { Strategy } from '../src/strategies/api.js';
import cooperator from './cooperator.js';
import defector from './defector.js';
import titForTat from './tit-for-tat.js';
import grudger from './grudger.js';
import titForTwoTats from './tit-for-two-tats.js';
import winStayLoseShift from './win-stay-lose-shift.js';
import alternator from './alternator.js';
import suspiciousTitForTat from './suspicious-tit-for-tat.js';
import prober from './prober.js';
import twoTitsForTat from './two-tits-for-tat.js';
import bully from './bully.js';
import appeaser from './appeaser.js';

/** The twelve classic strategies every cooplab user can rely on. */
export const classicStrategies: readonly Strategy[] = [
  cooperator,
  defector,
  titForTat,
  grudger,
  titForTwoTats,
  winStayLoseShift,
  alternator,
  suspiciousTitForTat,
  prober,
  twoTitsForTat,
  bully,
  appeaser,
];

/** Strategies from the wider literature. */
export const literatureStrategies: readonly Strategy[] = [];

export const builtinStrategies: readonly Strategy[] = [...classicStrategies, ...literatureStrategies];
