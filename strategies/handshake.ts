/**
 * Handshake.
 * Provenance: the "secret handshake" of Robson, A. J. (1990) "Efficiency in evolutionary games:
 * Darwin, Nash and the secret handshake", J. Theoretical Biology 144(3):379–396. Rule as in
 * Axelrod-Python's `Handshake` (axelrod/strategies/handshake.py, current revision): play C, D;
 * if the partner opened with C, D too, co-operate for ever, otherwise defect for ever.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const FIRST = 0; // move 1: C
const SECOND_MATCHING = 1; // move 2: D; the partner opened with C
const SECOND_FAILED = 2; // move 2: D; the partner opened with D
const FRIEND = 3; // the partner gave the handshake: C for ever
const STRANGER = 4; // it did not: D for ever

export default finiteStateStrategy(
  {
    id: 'handshake',
    name: 'Handshake',
    description:
      'Opens with the signature C, D. If the partner opened with the same two moves it is taken for a kin and co-operated with for ever; anyone else is defected against for ever.',
    provenance: 'Robson, A. J. (1990) Efficiency in evolutionary games: Darwin, Nash and the secret handshake, Journal of Theoretical Biology 144(3):379-396.',
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  {
    initial: FIRST,
    cooperate: [1, 0, 0, 1, 0],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D); only the partner's move matters.
    next: [
      [SECOND_MATCHING, SECOND_FAILED, SECOND_MATCHING, SECOND_FAILED],
      [STRANGER, FRIEND, STRANGER, FRIEND],
      [STRANGER, STRANGER, STRANGER, STRANGER],
      [FRIEND, FRIEND, FRIEND, FRIEND],
      [STRANGER, STRANGER, STRANGER, STRANGER],
    ],
  },
);
