/**
 * Prober.
 * Provenance: Mathieu & Delahaye's prober family (Beaufils, Delahaye & Mathieu 1996, "Our meeting
 * with gradual", Artificial Life V); "Prober" in Li, J. (2011) and the Axelrod-Python library.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const OPEN = 0; // move 1: D
const SECOND = 1; // move 2: C
const THIRD_AFTER_C = 2; // move 3: C; the partner played C on move 2
const THIRD_AFTER_D = 3; // move 3: C; the partner played D on move 2
const EXPLOIT = 4; // the partner did not retaliate: D for ever
const TFT_COOPERATE = 5; // tit-for-tat, the partner's last move was C
const TFT_DEFECT = 6; // tit-for-tat, the partner's last move was D

export default finiteStateStrategy(
  {
    id: 'prober',
    name: 'Prober',
    description:
      'Plays D, C, C. If the partner co-operated on moves 2 and 3, taking the opening defection without retaliating, it defects for ever; otherwise it plays tit-for-tat from move 4.',
    provenance:
      "Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1996) Our meeting with gradual, a good strategy for the iterated prisoner's dilemma, Artificial Life V; Li, J. (2011) How to design a strategy to win an IPD tournament.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  {
    initial: OPEN,
    cooperate: [0, 1, 1, 1, 0, 1, 0],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D).
    next: [
      [SECOND, SECOND, SECOND, SECOND],
      [THIRD_AFTER_C, THIRD_AFTER_D, THIRD_AFTER_C, THIRD_AFTER_D],
      [EXPLOIT, TFT_DEFECT, EXPLOIT, TFT_DEFECT],
      [TFT_COOPERATE, TFT_DEFECT, TFT_COOPERATE, TFT_DEFECT],
      [EXPLOIT, EXPLOIT, EXPLOIT, EXPLOIT],
      [TFT_COOPERATE, TFT_DEFECT, TFT_COOPERATE, TFT_DEFECT],
      [TFT_COOPERATE, TFT_DEFECT, TFT_COOPERATE, TFT_DEFECT],
    ],
  },
);
