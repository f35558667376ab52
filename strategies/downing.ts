/**
 * Downing.
 * Provenance: submitted by Leslie Downing to Axelrod's first tournament, where it came 10th
 * (Axelrod 1980, "Effective choice in the prisoner's dilemma", J. Conflict Resolution
 * 24(1):3–25), after Downing, L. L. (1975) "The prisoner's dilemma game as a problem-solving
 * phenomenon", Simulation & Games 6(4):366–391. Rule as in Axelrod-Python's `FirstByDowning`
 * (axelrod/strategies/axelrod_first.py, current revision):
 *  - defect on moves 1 and 2;
 *  - estimate α = P(partner plays C | I played C the move before) and β = P(partner plays C |
 *    I played D the move before) as α = (partner C's after my C's) / (my C's + 1) and
 *    β = (partner C's after my D's) / max(my D's, 2), counting the partner's first move as a
 *    reply to a C "before the match";
 *  - co-operate if αR + (1−α)S > βT + (1−β)P, defect if it is less, and on a tie play the
 *    opposite of its own last move.
 * Axelrod's text does not say the opening is D, D; Axelrod-Python takes that from a later
 * secondary source (a lecture note citing the original code) and is followed here. (The
 * "Revised Downing" of the second tournament is a different rule and is not this one.)
 */
import type { Move, MoveView, Player } from '../src/core/strategy.js';
import { defineStrategy } from '../src/authoring/define.js';

class DowningPlayer implements Player {
  /** Rounds folded into the counts below. */
  private counted = 0;
  private ownCooperations = 0;
  private ownDefections = 0;
  /** The partner's co-operations that answered a C of mine (or opened the match). */
  private cooperationsAfterC = 0;
  /** The partner's co-operations that answered a D of mine. */
  private cooperationsAfterD = 0;

  move(view: MoveView): Move {
    const { own, opponent, game } = view;
    for (; this.counted < own.length; this.counted++) {
      const i = this.counted;
      if (own.at(i) === 'C') this.ownCooperations++;
      else this.ownDefections++;
      if (opponent.at(i) === 'C') {
        // Move 1 of the partner answers the imagined C before the match.
        if (i === 0 || own.at(i - 1) === 'C') this.cooperationsAfterC++;
        else this.cooperationsAfterD++;
      }
    }
    if (own.length < 2) return 'D';
    const alpha = this.cooperationsAfterC / (this.ownCooperations + 1);
    const beta = this.cooperationsAfterD / Math.max(this.ownDefections, 2);
    const { R, S, T, P } = game;
    const expectCooperating = alpha * R + (1 - alpha) * S;
    const expectDefecting = beta * T + (1 - beta) * P;
    if (expectCooperating > expectDefecting) return 'C';
    if (expectCooperating < expectDefecting) return 'D';
    return own.last === 'C' ? 'D' : 'C';
  }
}

export default defineStrategy(
  {
    id: 'downing',
    name: 'Downing',
    description:
      "Treats the partner as a black box that co-operates with one probability after its C's and another after its D's, estimates both from the play so far (starting from the pessimistic view that the partner is unresponsive, so it opens with two defections), and each round plays whichever move has the higher expected payoff, alternating when they tie.",
    provenance:
      "Leslie Downing; Axelrod, R. (1980) Effective choice in the prisoner's dilemma, Journal of Conflict Resolution 24(1):3-25; Downing, L. L. (1975) The prisoner's dilemma game as a problem-solving phenomenon, Simulation & Games 6(4):366-391.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  () => new DowningPlayer(),
);
