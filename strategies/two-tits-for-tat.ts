/**
 * Two Tits For Tat.
 * Provenance: Axelrod, R. (1984) The Evolution of Cooperation, Basic Books (answering each
 * defection with two); "TwoTitsForTat" in the Axelrod-Python library.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const CALM = 0; // neither of the partner's last two moves was D
const JUST_DEFECTED = 1; // the partner's last move was D
const DEFECTED_BEFORE = 2; // the partner's last move was C, the one before was D

export default finiteStateStrategy(
  {
    id: 'two-tits-for-tat',
    name: 'Two Tits For Tat',
    description: 'Co-operates first; defects if the partner defected on either of its last two moves, so every defection is punished twice.',
    provenance: 'Axelrod, R. (1984) The Evolution of Cooperation, Basic Books.',
    classifier: { memoryDepth: 2, stochastic: false },
  },
  {
    initial: CALM,
    cooperate: [1, 0, 0],
    next: [
      [CALM, JUST_DEFECTED, CALM, JUST_DEFECTED],
      [DEFECTED_BEFORE, JUST_DEFECTED, DEFECTED_BEFORE, JUST_DEFECTED],
      [CALM, JUST_DEFECTED, CALM, JUST_DEFECTED],
    ],
  },
);
