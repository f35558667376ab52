import { describe, expect, it } from 'vitest';
import { checkGame, CLASSIC_GAME, parsePayoffs } from '../../src/core/game.js';
import { InputError } from '../../src/core/errors.js';

describe('game', () => {
  it('accepts the classic matrix without warnings', () => {
    expect(checkGame(CLASSIC_GAME)).toEqual({ errors: [], warnings: [] });
  });

  it("rejects a matrix that is not a prisoner's dilemma, naming the order expected", () => {
    const { errors } = checkGame({ R: 3, S: 0, T: 2, P: 1 });
    expect(errors).toEqual(["payoffs R=3,S=0,T=2,P=1 are not a prisoner's dilemma: expected T > R > P > S"]);
  });

  it('warns when taking turns to exploit pays at least as well as co-operating (2R <= T + S)', () => {
    const { errors, warnings } = checkGame({ R: 3, S: 0, T: 7, P: 1 });
    expect(errors).toEqual([]);
    expect(warnings[0]).toContain('2R <= T + S');
  });

  it('parses R,S,T,P and rejects malformed lists', () => {
    expect(parsePayoffs('3,0,5,1')).toEqual(CLASSIC_GAME);
    expect(parsePayoffs(' 1, -0.5 ,1.5,0')).toEqual({ R: 1, S: -0.5, T: 1.5, P: 0 });
    for (const bad of ['3,0,5', '3,0,5,1,2', '3,x,5,1', '', '3,,5,1']) {
      expect(() => parsePayoffs(bad)).toThrow(InputError);
    }
  });
});
