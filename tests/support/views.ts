import { CLASSIC_GAME } from '../../src/core/game.js';
import { appendMove, COOPERATE, DEFECT, History } from '../../src/core/history.js';
import type { ClusterContext, MoveView } from '../../src/core/strategy.js';

/**
 * A view as the lattice hands it to a firm taking over a relationship with a past: the
 * histories already `own.length` moves long. Deterministic strategies must not draw.
 */
export function viewAfter(own: string, opponent: string, cluster: ClusterContext | undefined = undefined): MoveView {
  const histories = [new History(), new History()] as const;
  for (let i = 0; i < own.length; i++) {
    appendMove(histories[0], own[i] === 'C' ? COOPERATE : DEFECT);
    appendMove(histories[1], opponent[i] === 'C' ? COOPERATE : DEFECT);
  }
  return {
    own: histories[0],
    opponent: histories[1],
    round: own.length + 1,
    game: CLASSIC_GAME,
    turns: undefined,
    random: () => {
      throw new Error('a deterministic strategy drew a random number');
    },
    cluster,
  };
}
