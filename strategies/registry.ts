import { closest, distance } from 'fastest-levenshtein';
import { InputError } from '../src/core/errors.js';
import type { Strategy } from '../src/core/strategy.js';
import { builtinStrategies, classicStrategies } from './index.js';

export { builtinStrategies, classicStrategies };

const byId = new Map(builtinStrategies.map((strategy) => [strategy.id, strategy]));

/** The built-in strategy with this id, if there is one. */
export function findStrategy(id: string): Strategy | undefined {
  return byId.get(id);
}

/** Ids within a small edit distance of `id`, closest first; the nearest one at least. */
export function suggestIds(id: string, known: readonly string[]): string[] {
  if (known.length === 0) return [];
  const ranked = known
    .map((candidate) => ({ candidate, score: distance(id, candidate) }))
    .filter(({ score }) => score <= Math.max(3, Math.floor(id.length / 3)))
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map(({ candidate }) => candidate);
  return ranked.length > 0 ? ranked : [closest(id, [...known])];
}

/**
 * Resolves a comma-separated list of ids (or `all`, or `classic`) against the known
 * strategies, keeping the given order. Unknown or repeated ids are an InputError.
 */
export function resolveStrategyList(list: string, available: readonly Strategy[] = builtinStrategies, minimum = 2): Strategy[] {
  const lookup = new Map(available.map((strategy) => [strategy.id, strategy]));
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw new InputError(`invalid --strategies '${list}': expected a comma-separated list of strategy ids, 'classic' or 'all'`);
  const chosen: Strategy[] = [];
  for (const id of ids) {
    if (id === 'all') {
      chosen.push(...available);
      continue;
    }
    if (id === 'classic') {
      chosen.push(...classicStrategies.filter((strategy) => lookup.get(strategy.id) === strategy));
      continue;
    }
    const strategy = lookup.get(id);
    if (strategy === undefined) {
      const hints = suggestIds(id, [...lookup.keys()]);
      throw new InputError(
        `unknown strategy '${id}': expected one of the ids listed by 'cooplab strategies'${hints.length > 0 ? `; did you mean ${hints.map((hint) => `'${hint}'`).join(', ')}?` : ''}`,
      );
    }
    chosen.push(strategy);
  }
  const seen = new Set<string>();
  for (const strategy of chosen) {
    if (seen.has(strategy.id)) throw new InputError(`strategy '${strategy.id}' is listed twice in --strategies: expected each id once`);
    seen.add(strategy.id);
  }
  if (chosen.length < minimum)
    throw new InputError(`--strategies '${list}' names ${chosen.length} strategy: expected at least ${minimum === 2 ? 'two' : minimum}`);
  return chosen;
}

/** The strategies for a list of ids, in order; an unknown id is an InputError with suggestions. */
export function requireStrategies(ids: readonly string[], available: readonly Strategy[] = builtinStrategies, where = 'strategies'): Strategy[] {
  const lookup = new Map(available.map((strategy) => [strategy.id, strategy]));
  return ids.map((id) => {
    const strategy = lookup.get(id);
    if (strategy !== undefined) return strategy;
    const hints = suggestIds(id, [...lookup.keys()]);
    throw new InputError(
      `unknown strategy '${id}' in ${where}: expected one of the ids listed by 'cooplab strategies'; did you mean ${hints.map((hint) => `'${hint}'`).join(', ')}?`,
    );
  });
}
