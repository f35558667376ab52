import type { Game } from '../core/game.js';
import type { ClusterParameters } from './parameters.js';
import { crisisActive } from './round-rules.js';

/**
 * A crisis cuts both ways (Meyer-Stamer 2001, §3.1, §3.4, §4.1). Cheating a partner pays more,
 * since firms are "scrambling for survival": every activity's temptation is multiplied by
 * `temptationFactor`. But the crisis also "forced firms to look out for potentials to save
 * costs. Before that, each firm had its own underutilized laboratory" (§4.1): in a low-risk
 * joint activity — the kind that offers "the potential of savings through economies of scale" —
 * a pair that acts together saves `jointSavings` more per round (R rises), and a pair that goes
 * it alone, each keeping its own under-used facility, loses `aloneCost` (P falls). With both at 0
 * the crisis only tempts, as in the model before; whether it dynamises the cluster or not (§3.4)
 * depends on which side weighs more.
 */
export function gameInCrisis(game: Game, lowRisk: boolean, parameters: ClusterParameters, generation: number): Game {
  if (!crisisActive(parameters, generation)) return game;
  const { temptationFactor, jointSavings, aloneCost } = parameters.crisis;
  if (!lowRisk) return { ...game, T: game.T * temptationFactor };
  return { R: game.R + jointSavings, S: game.S, T: game.T * temptationFactor, P: game.P - aloneCost };
}
