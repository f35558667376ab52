/**
 * Grudging Rival.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §3.1 and §4.1; the grievance rule is Hard Tit For
 * Tat (prisoners-dilemma.com strategy list, 2017; Knight, V. et al. 2016, J. Open Research
 * Software 4(1)).
 *
 * Rationale. The firm with a long memory of rivalry: in a non-cooperative cluster "a long history
 * of rivalry ... will create a strong bias towards non-cooperation", reinforced by events such as
 * spin-offs whose founders "take trade secrets from their former employer with them" (§3.1). It
 * holds a grievance for three rounds: it defects while the partner defected in any of its last
 * three moves (hard tit-for-tat), so on the lattice, where relationships start with a history of
 * mutual defection, it keeps defecting. The one exception is Meyer-Stamer's remedy (§4.1): in a
 * low-risk joint activity, which leaves "little option for predatory behavior", it co-operates
 * with a partner it trusts (trust ≥ 0.5 by default), grudge or not.
 *
 * Machine: the state is the partner's last three moves as bits (1 = D), newest in bit 0; before
 * three moves have been played the missing ones count as C. State 0 co-operates; every other state
 * co-operates only in a low-risk activity with a trusted partner. In a plain tournament (risky) it
 * is hard tit-for-tat.
 */
import type { MachineContext } from '../src/core/strategy.js';
import { finiteStateStrategy } from '../src/authoring/define.js';

const STATES = 8;

export default finiteStateStrategy(
  {
    id: 'grudging-rival',
    name: 'Grudging Rival',
    description:
      'A firm with a long memory of rivalry: it co-operates first, then defects while the partner defected in any of its last three moves (hard tit-for-tat); but in a low-risk joint activity it co-operates with a partner it trusts (trust at least 0.5 by default), whatever the grudge. In a plain tournament it is hard tit-for-tat.',
    provenance:
      "Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.1 (a long history of rivalry) and §4.1 (low-risk joint activities); Hard Tit For Tat in Knight, V. et al. (2016) An open framework for the reproducible study of the iterated prisoner's dilemma, J. Open Research Software 4(1).",
    classifier: { memoryDepth: 3, stochastic: false },
    parameters: {
      threshold: { default: 0.5, description: 'trust in the partner from which it co-operates in low-risk activities despite a grudge', min: 0, max: 1 },
    },
  },
  (parameters) => ({
    initial: 0,
    cooperate: Array.from({ length: STATES }, (_, state) => (state === 0 ? 1 : (context: MachineContext) => (context.lowRisk && context.trusted ? 1 : 0))),
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D); only the partner's move matters.
    next: Array.from({ length: STATES }, (_, state) => {
      const afterC = (state << 1) & (STATES - 1);
      const afterD = afterC | 1;
      return [afterC, afterD, afterC, afterD] as const;
    }),
    trustThreshold: parameters.threshold!,
  }),
);
