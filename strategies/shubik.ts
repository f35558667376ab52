/**
 * Shubik.
 * Provenance: submitted by Martin Shubik to Axelrod's first tournament, where it came 5th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25); described in Shubik, M. (1970) "Game theory, behavior, and the paradox of the
 * prisoner's dilemma: three solutions", J. Conflict Resolution 14(2):181–193. Rule as in
 * Axelrod-Python's `FirstByShubik` (axelrod/strategies/axelrod_first.py, current revision): when
 * the partner defects while it is co-operating, retaliate with k defections, k growing by one
 * each time; defections by the partner during a retaliation, or in reply to its last retaliating
 * move, do not start a new one. (Older Axelrod-Python revisions defected after every defection by
 * the partner, tit-for-tat style, on top of the retaliations; the current one follows Shubik's
 * 1970 wording — resume co-operation after k retaliating moves — and is followed here.)
 */
import type { Move, MoveView } from '../src/core/strategy.js';
import { defineStrategy, ReplayingPlayer } from '../src/authoring/define.js';

class ShubikPlayer extends ReplayingPlayer {
  private retaliations = 0;
  private remaining = 0;

  /** The decision for the move after `played` moves, updating the state as the rule does. */
  protected decide(view: MoveView, played: number): Move {
    if (played === 0) return 'C';
    if (this.remaining > 0) {
      this.remaining--;
      return 'D';
    }
    if (view.opponent.at(played - 1) === 'D' && view.own.at(played - 1) === 'C') {
      this.retaliations++;
      this.remaining = this.retaliations - 1; // this move is the first of them
      return 'D';
    }
    return 'C';
  }
}

export default defineStrategy(
  {
    id: 'shubik',
    name: 'Shubik',
    description:
      'Co-operates until the partner defects against its co-operation, then retaliates with one defection; the next time it retaliates with two, then three, and so on: each departure from mutual co-operation is punished one round longer than the last.',
    provenance:
      "Martin Shubik; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25; Shubik, M. (1970) Game theory, behavior, and the paradox of the prisoner's dilemma: three solutions, Journal of Conflict Resolution 14(2):181-193.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  () => new ShubikPlayer(),
);
