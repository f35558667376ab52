/**
 * Adaptive.
 * Provenance: Li, J., Hingston, P. & Kendall, G. (2011) "Engineering design of strategies for
 * winning iterated prisoner's dilemma competitions", IEEE Trans. Computational Intelligence and
 * AI in Games 3(4):348–360. Rule as in Axelrod-Python's `Adaptive` (axelrod/strategies/adaptive.py,
 * current revision): open with C, C, C, C, C, C, D, D, D, D, D; afterwards play C if the payoffs
 * it has collected on all its C moves so far add up to more than those collected on its D moves,
 * otherwise D. Li et al. describe the comparison as between average scores; Axelrod-Python
 * compares totals (despite its comment saying "average"), and that is what is followed here.
 */
import type { Move, MoveView, Player } from '../src/core/strategy.js';
import { defineStrategy } from '../src/authoring/define.js';

const OPENING: readonly Move[] = ['C', 'C', 'C', 'C', 'C', 'C', 'D', 'D', 'D', 'D', 'D'];

class AdaptivePlayer implements Player {
  /** Rounds whose payoffs are already in the totals. */
  private scored = 0;
  private earnedCooperating = 0;
  private earnedDefecting = 0;

  move(view: MoveView): Move {
    const { own, opponent, game } = view;
    // Fold in the rounds not yet scored (all of them when a relationship comes with a history).
    for (; this.scored < own.length; this.scored++) {
      const mine = own.at(this.scored)!;
      const theirs = opponent.at(this.scored)!;
      if (mine === 'C') this.earnedCooperating += theirs === 'C' ? game.R : game.S;
      else this.earnedDefecting += theirs === 'C' ? game.T : game.P;
    }
    if (own.length < OPENING.length) return OPENING[own.length]!;
    return this.earnedCooperating > this.earnedDefecting ? 'C' : 'D';
  }
}

export default defineStrategy(
  {
    id: 'adaptive',
    name: 'Adaptive',
    description:
      'Opens with six co-operations and five defections to sample both moves, then keeps playing whichever move has earned it more so far (C only if C has earned strictly more), updating the tally every round.',
    provenance:
      "Li, J., Hingston, P. & Kendall, G. (2011) Engineering design of strategies for winning iterated prisoner's dilemma competitions, IEEE Transactions on Computational Intelligence and AI in Games 3(4):348-360.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  () => new AdaptivePlayer(),
);
