/**
 * Gradual.
 * Provenance: Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1996) "Our meeting with gradual, a
 * good strategy for the iterated prisoner's dilemma", Artificial Life V, MIT Press, 202–209.
 * Rule as in Axelrod-Python's `Gradual` (axelrod/strategies/titfortat.py, current revision),
 * which follows the implementation the strategy's authors maintain (CRISTAL-SMAC ipd, 2018):
 * co-operate first; when the partner's last move was D (and it is neither punishing nor calming
 * down), defect n times in a row, n being the partner's total defections so far, then
 * co-operate twice. Axelrod-Python keeps an earlier reading as `OriginalGradual`, which counts
 * only the defections that start a punishment; it is not the one followed here.
 */
import type { Move, MoveView } from '../src/core/strategy.js';
import { defineStrategy, ReplayingPlayer } from '../src/authoring/define.js';

class GradualPlayer extends ReplayingPlayer {
  private partnerDefections = 0;
  private punishing = 0;
  private calming = 0;

  /** The decision for the move after `played` moves, updating the state as the rule does. */
  protected decide(view: MoveView, played: number): Move {
    if (played === 0) return 'C';
    const partnerLast = view.opponent.at(played - 1);
    if (partnerLast === 'D') this.partnerDefections++;
    if (this.punishing > 0) {
      this.punishing--;
      return 'D';
    }
    if (this.calming > 0) {
      this.calming--;
      return 'C';
    }
    if (partnerLast === 'D') {
      this.punishing = this.partnerDefections - 1;
      this.calming = 2;
      return 'D';
    }
    return 'C';
  }
}

export default defineStrategy(
  {
    id: 'gradual',
    name: 'Gradual',
    description:
      "Co-operates until the partner defects, then answers with a punishment that grows with the partner's record: as many defections in a row as the partner has defected in total, followed by two co-operations to calm things down, before it looks at the partner's moves again.",
    provenance:
      "Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1996) Our meeting with gradual, a good strategy for the iterated prisoner's dilemma, Artificial Life V, MIT Press, 202-209.",
    classifier: { memoryDepth: Infinity, stochastic: false },
  },
  () => new GradualPlayer(),
);
