// Szabó & Tőke's setting on a side × side torus, shared by the sequential benches: von Neumann,
// no self-interaction, b = 1.02, 50% co-operators, K = 0.1; `share` of N elementary steps a generation.
import { DEFAULT_PARAMETERS } from '../dist/src/cluster/parameters.js';
import { findStrategy } from '../dist/strategies/registry.js';

export const SZABO_TOKE_STRATEGIES = [findStrategy('cooperator'), findStrategy('defector')];

export function szaboTokeParameters(side, rule, share) {
  return {
    ...DEFAULT_PARAMETERS,
    width: side,
    height: side,
    neighbourhood: 'von-neumann',
    selfInteraction: false,
    temptation: 1.02,
    cooperators: 0.5,
    update: { rule, K: 0.1, share, every: 1 },
  };
}
