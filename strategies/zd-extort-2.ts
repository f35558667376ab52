/**
 * ZD-Extort-2.
 * Provenance: zero-determinant strategies of Press, W. H. & Dyson, F. J. (2012) "Iterated
 * Prisoner's Dilemma contains strategies that dominate any evolutionary opponent", PNAS
 * 109(26):10409–10413; the extortion factor χ = 2 example of Stewart, A. J. & Plotkin, J. B.
 * (2012) "Extortion and cooperation in the Prisoner's Dilemma", PNAS 109(26):10134–10135.
 * Rule as in Axelrod-Python's `ZDExtort2` (axelrod/strategies/zero_determinant.py, current
 * revision): the LRPlayer parameterisation with φ = 1/9, s = 1/2 and baseline l = P, which
 * enforces s·(S_xy − P) = S_yx − P, i.e. (own surplus over P) = 2 × (partner's surplus).
 * Co-operates first. In the classic game the four-vector is (8/9, 1/2, 1/3, 0). One departure:
 * where the payoffs make φ = 1/9 infeasible (a probability outside [0, 1], e.g. T = 10),
 * Axelrod-Python raises an error; here φ is lowered to the largest feasible value, which
 * enforces the same payoff relation.
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'zd-extort-2',
    name: 'ZD Extort-2',
    description:
      "An extortionate zero-determinant strategy: a memory-one rule tuned so that, whatever the partner does, the partner's long-run surplus over mutual defection is half its own. Against it the partner's best reply is to co-operate fully, which hands the extortioner the larger share.",
    provenance:
      "Press, W. H. & Dyson, F. J. (2012) Iterated Prisoner's Dilemma contains strategies that dominate any evolutionary opponent, PNAS 109(26):10409-10413; Stewart, A. J. & Plotkin, J. B. (2012) Extortion and cooperation in the Prisoner's Dilemma, PNAS 109(26):10134-10135.",
    classifier: { memoryDepth: 1, stochastic: true },
    parameters: {
      phi: { default: 1 / 9, description: 'scale of the four-vector (phi in Press & Dyson); capped at the largest value the payoffs allow', min: 0 },
      s: { default: 0.5, description: 'slope of the enforced payoff relation: 1/s is the extortion factor', max: 1 },
    },
  },
  (parameters, { R, S, T, P }) => {
    const s = parameters.s!;
    const l = P;
    // Any phi in (0, phiMax] enforces the same payoff relation; phi only sets how fast the
    // rule reacts. Where the payoffs make the given phi infeasible (e.g. T much larger than R),
    // the largest feasible phi is used instead of failing (Axelrod-Python raises a ValueError).
    const phiMax = Math.min(1 / (s * (l - S) + (T - l)), 1 / (l - S + s * (T - l)), s < 1 ? 1 / ((1 - s) * (R - l)) : Infinity);
    const phi = Math.min(parameters.phi!, phiMax);
    // At phi = phiMax a probability may miss 0 or 1 by a rounding error.
    const snap = (p: number) => (Math.abs(p) < 1e-12 ? 0 : Math.abs(p - 1) < 1e-12 ? 1 : p);
    // An s outside Press & Dyson's admissible range still leaves [0, 1]; the engine rejects
    // that machine, as Axelrod-Python rejects it with a ValueError.
    return {
      first: 1,
      CC: snap(1 - phi * (1 - s) * (R - l)),
      CD: snap(1 - phi * (s * (l - S) + (T - l))),
      DC: snap(phi * (l - S + s * (T - l))),
      DD: snap(phi * (1 - s) * (l - P)),
    };
  },
);
