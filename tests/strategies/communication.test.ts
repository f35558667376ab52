import { describe, expect, it } from 'vitest';
import type { ClusterContext, Move, Player } from '../../src/core/strategy.js';
import { builtinStrategies, communicationStrategies } from '../../strategies/index.js';
import { builtin, cycle, movesOf } from '../support/play.js';
import { viewAfter } from '../support/views.js';

// Expected moves worked out by hand from the rules in the strategies' headers. Their talk is
// pinned on the lattice in tests/cluster/communication.test.ts; here, the tournament (nobody
// talks) and announce()/move() on hand-made views.

const heard = (announcement: Move | undefined, promisesBroken: number): ClusterContext => ({
  activity: { name: 'deal', lowRisk: false, cost: 0 },
  trust: 1,
  sanctions: { detection: 0, fine: 0, compensate: false },
  generation: 0,
  announcement,
  promisesBroken,
});

/** One round of talk: announce() on a view without the partner's word, then move() having heard it. */
function round(player: Player, partner: Move, broken: number): string {
  const spoken = player.announce!(viewAfter('', '', heard(undefined, broken)));
  return `${spoken}${player.move(viewAfter('', '', heard(partner, broken)))}`;
}

describe('communication strategies', () => {
  it('are registered last, each with a source', () => {
    expect(communicationStrategies.map((strategy) => strategy.id)).toEqual(['promise-keeper', 'false-promiser']);
    expect(builtinStrategies.slice(-2)).toEqual(communicationStrategies);
    for (const strategy of communicationStrategies) expect(strategy.provenance).toContain('Meyer-Stamer, J. (2001)');
  });

  it('play tit-for-tat and defector in a tournament, where nobody talks', () => {
    expect(movesOf('promise-keeper', cycle('CD'), { turns: 10 })).toBe('CCDCDCDCDC');
    expect(movesOf('promise-keeper', cycle('D'), { turns: 10 })).toBe('CDDDDDDDDD');
    expect(movesOf('false-promiser', cycle('C'), { turns: 10 })).toBe('DDDDDDDDDD');
  });

  it('promise-keeper: promises C unless the partner broke its word since it last spoke, and co-operates only when both promised', () => {
    const keeper = builtin('promise-keeper').create({});
    // (announcement, move) per round; the partner's record of broken words as given.
    expect([round(keeper, 'C', 0), round(keeper, 'D', 0), round(keeper, 'C', 1), round(keeper, 'C', 1), round(keeper, 'C', 3)]).toEqual([
      'CC',
      'CD',
      'DD',
      'CC',
      'DD',
    ]);
  });

  it('false-promiser: always promises C and always defects', () => {
    const liar = builtin('false-promiser').create({});
    expect([round(liar, 'C', 0), round(liar, 'D', 5)]).toEqual(['CD', 'CD']);
  });
});
