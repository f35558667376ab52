/**
 * Generous Tit For Tat.
 * Provenance: Nowak, M. A. & Sigmund, K. (1992) "Tit for tat in heterogeneous populations",
 * Nature 355:250–253. Rule as in Axelrod-Python's `GTFT` (axelrod/strategies/memoryone.py,
 * current revision): four-vector (1, p, 1, p), co-operating first, with the default
 * generosity p = min(1 − (T − R)/(R − S), (R − P)/(T − P)) taken from the game being played.
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'generous-tit-for-tat',
    name: 'Generous Tit For Tat',
    description:
      "Tit-for-tat that forgives: it co-operates first and after any co-operation by the partner, and after a defection by the partner still co-operates with probability p (the generosity). By default p is Nowak and Sigmund's value min(1 - (T-R)/(R-S), (R-P)/(T-P)), computed from the payoffs: 1/3 in the classic game.",
    provenance: 'Nowak, M. A. & Sigmund, K. (1992) Tit for tat in heterogeneous populations, Nature 355:250-253.',
    classifier: { memoryDepth: 1, stochastic: true },
    parameters: {
      generosity: {
        default: -1,
        description:
          'probability of co-operating after the partner defected; any negative value (the default) derives it from the payoffs as min(1 - (T-R)/(R-S), (R-P)/(T-P))',
        min: -1,
        max: 1,
      },
    },
  },
  (parameters, { R, S, T, P }) => {
    const given = parameters.generosity!;
    const derived = Math.min(1 - (T - R) / (R - S), (R - P) / (T - P));
    // In games where the formula goes negative no generosity is safe: plain tit-for-tat.
    const p = Math.min(1, Math.max(0, given < 0 ? derived : given));
    return { first: 1, CC: 1, CD: p, DC: 1, DD: p };
  },
);
