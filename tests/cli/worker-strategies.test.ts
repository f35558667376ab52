import { describe, expect, it } from 'vitest';
import { builtinsByFile, strategiesInThisThread } from '../../src/cli/worker-strategies.js';
import { builtinStrategies, classicStrategies } from '../../strategies/registry.js';

describe("a worker thread's strategies", () => {
  it('finds every built-in in its own file, the very strategy the registry holds', async () => {
    const ids = builtinStrategies.map((strategy) => strategy.id);
    const own = await builtinsByFile(ids);
    expect(own).toBeDefined();
    for (const [index, strategy] of own!.entries()) expect(strategy).toBe(builtinStrategies[index]);
  });

  it('leaves to the registry an id with no file of its own, or one that is not a plain name', async () => {
    expect(await builtinsByFile(['tit-for-tat', 'no-such-strategy'])).toBeUndefined();
    expect(await builtinsByFile(['../registry'])).toBeUndefined();
    const classic = classicStrategies.map((strategy) => strategy.id);
    expect(await strategiesInThisThread(classic, [], false)).toEqual(classicStrategies);
  });
});
