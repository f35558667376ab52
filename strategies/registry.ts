import { distance } from 'fastest-levenshtein';
import { InputError } from '../src/core/errors.js';
import type { Strategy } from '../src/core/strategy.js';
import { aliasTarget } from './aliases.js';
import { builtinStrategies, classicStrategies } from './index.js';

export { builtinStrategies, classicStrategies };
export { STRATEGY_ALIASES } from './aliases.js';

const byId = new Map(builtinStrategies.map((strategy) => [strategy.id, strategy]));

/** The built-in strategy with this id or alias (tft, alld, wsls, …), if there is one. */
export function findStrategy(id: string): Strategy | undefined {
  return byId.get(id) ?? byId.get(aliasTarget(id) ?? '');
}

/** The strategy of `lookup` with this id, or the one an alias names. */
function lookUp(lookup: ReadonlyMap<string, Strategy>, id: string): Strategy | undefined {
  return lookup.get(id) ?? lookup.get(aliasTarget(id) ?? '');
}

/**
 * Ids close to `id` (a typo, a letter left out or swapped), closest first, at most three; none
 * when nothing is close — a far-fetched guess misleads more than it helps.
 */
export function suggestIds(id: string, known: readonly string[]): string[] {
  const allowed = Math.max(1, Math.round(id.length / 3));
  return known
    .map((candidate) => ({ candidate, score: distance(id.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ score }) => score <= allowed)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/** "; did you mean 'a', 'b'?" for the close matches of `id`, or nothing when none is close. */
export function didYouMean(id: string, known: readonly string[]): string {
  const hints = suggestIds(id, known);
  return hints.length === 0 ? '' : `; did you mean ${hints.map((hint) => `'${hint}'`).join(', ')}?`;
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
    const strategy = lookUp(lookup, id);
    if (strategy === undefined) {
      throw new InputError(`unknown strategy '${id}': expected one of the ids listed by 'cooplab strategies'${didYouMean(id, [...lookup.keys()])}`);
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
    const strategy = lookUp(lookup, id);
    if (strategy !== undefined) return strategy;
    throw new InputError(`unknown strategy '${id}' in ${where}: expected one of the ids listed by 'cooplab strategies'${didYouMean(id, [...lookup.keys()])}`);
  });
}
