/**
 * Win-Stay Lose-Shift (Pavlov).
 * Provenance: Nowak, M. & Sigmund, K. (1993) "A strategy of win-stay, lose-shift that
 * outperforms tit-for-tat in the Prisoner's Dilemma game", Nature 364:56–58; Kraines & Kraines (1989) "Pavlov".
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'win-stay-lose-shift',
    name: 'Win-Stay Lose-Shift',
    description:
      'Co-operates first; afterwards co-operates if both players made the same move last round, else defects. It repeats what paid and changes what did not, and corrects mistakes between two of its kind.',
    provenance:
      "Nowak, M. & Sigmund, K. (1993) A strategy of win-stay, lose-shift that outperforms tit-for-tat in the Prisoner's Dilemma game, Nature 364:56-58.",
    classifier: { memoryDepth: 1, stochastic: false },
  },
  { first: 1, CC: 1, CD: 0, DC: 0, DD: 1 },
);
