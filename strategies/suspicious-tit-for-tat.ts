/**
 * Suspicious Tit For Tat.
 * Provenance: Boyd, R. & Lorberbaum, J. P. (1987) "No pure strategy is evolutionarily stable in the
 * repeated Prisoner's Dilemma game", Nature 327:58–59; Beaufils, Delahaye & Mathieu (1996).
 */
import { memoryOneStrategy } from '../src/authoring/define.js';

export default memoryOneStrategy(
  {
    id: 'suspicious-tit-for-tat',
    name: 'Suspicious Tit For Tat',
    description: "Defects on the first move, then repeats the partner's last move. A rival that opens with mistrust; two of them never start co-operating.",
    provenance: "Boyd, R. & Lorberbaum, J. P. (1987) No pure strategy is evolutionarily stable in the repeated Prisoner's Dilemma game, Nature 327:58-59.",
    classifier: { memoryDepth: 1, stochastic: false },
  },
  { first: 0, CC: 1, CD: 0, DC: 1, DD: 0 },
);
