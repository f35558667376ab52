import { describe, expect, it } from 'vitest';
import { builtinStrategies, didYouMean, findStrategy, STRATEGY_ALIASES, suggestIds } from '../../strategies/registry.js';

describe('short names', () => {
  it('each names a built-in strategy, and none is itself an id', () => {
    const ids = new Set(builtinStrategies.map((strategy) => strategy.id));
    for (const [alias, id] of Object.entries(STRATEGY_ALIASES)) {
      expect(ids.has(id), `${alias} → ${id}`).toBe(true);
      expect(ids.has(alias), alias).toBe(false);
    }
  });

  it('find the strategy they stand for, in any case', () => {
    expect(findStrategy('tft')?.id).toBe('tit-for-tat');
    expect(findStrategy('ALLD')?.id).toBe('defector');
    expect(findStrategy('wsls')?.id).toBe('win-stay-lose-shift');
    expect(findStrategy('nothing')).toBeUndefined();
  });
});

describe('suggestions', () => {
  const ids = builtinStrategies.map((strategy) => strategy.id);
  it('offer close matches: a letter too many, left out or swapped', () => {
    expect(suggestIds('tit-for-tatt', ids)[0]).toBe('tit-for-tat');
    expect(suggestIds('titfortat', ids)[0]).toBe('tit-for-tat');
    expect(suggestIds('rivlary', ['rivalry', 'sanctions'])).toEqual(['rivalry']);
  });

  it('offer nothing when nothing is close', () => {
    expect(suggestIds('frobnicate', ['tournament', 'validate', 'cluster'])).toEqual([]);
    expect(suggestIds('zzzz', ids)).toEqual([]);
    expect(didYouMean('zzzz', ids)).toBe('');
    expect(didYouMean('grudgr', ids)).toBe("; did you mean 'grudger'?");
  });
});
