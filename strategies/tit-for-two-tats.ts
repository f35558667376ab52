/**
 * Tit For Two Tats.
 * Provenance: suggested by John Maynard Smith; entered as a sample rule in Axelrod's first
 * tournament, where it would have won had it been entered (Axelrod 1984, The Evolution of Cooperation).
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const CALM = 0; // the partner's last move was C (or there is none)
const ONE_DEFECTION = 1; // the partner's last move was D, the one before was not
const TWO_DEFECTIONS = 2; // the partner's last two moves were D

export default finiteStateStrategy(
  {
    id: 'tit-for-two-tats',
    name: 'Tit For Two Tats',
    description: 'Co-operates unless the partner defected on both of the last two moves: slow to anger, so one misunderstanding does not start a feud.',
    provenance: 'John Maynard Smith; Axelrod, R. (1984) The Evolution of Cooperation, Basic Books.',
    classifier: { memoryDepth: 2, stochastic: false },
  },
  {
    initial: CALM,
    cooperate: [1, 1, 0],
    next: [
      [CALM, ONE_DEFECTION, CALM, ONE_DEFECTION],
      [CALM, TWO_DEFECTIONS, CALM, TWO_DEFECTIONS],
      [CALM, TWO_DEFECTIONS, CALM, TWO_DEFECTIONS],
    ],
  },
);
