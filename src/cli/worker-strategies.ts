import type { Strategy } from '../core/strategy.js';

let threadModules: Promise<readonly Strategy[]> | undefined;

/** A built-in's id is its file's name in strategies/: lower-case words joined by hyphens. */
const BUILTIN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The built-in strategies with these ids, each imported from its own file (strategies/<id>.js,
 * whose default export it is): a worker then loads the dozen strategies that play, not the
 * registry's fifty (a third of a tournament worker's start). Undefined when an id has no such
 * file; the registry then finds it.
 */
export async function builtinsByFile(ids: readonly string[]): Promise<Strategy[] | undefined> {
  if (!ids.every((id) => BUILTIN_ID.test(id))) return undefined;
  try {
    const loaded = await Promise.all(ids.map((id) => import(new URL(`../../strategies/${id}.js`, import.meta.url).href) as Promise<{ default?: Strategy }>));
    const strategies = loaded.map((module) => module.default);
    return strategies.every((strategy, index) => strategy?.id === ids[index]) ? (strategies as Strategy[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The strategies for a list of ids in a worker thread: built-ins, plus the module files, loaded
 * once per thread (a strategy cannot be sent between threads, so each worker builds its own).
 * The module loader (esbuild, zod) is imported only when there are modules: a worker of a
 * built-in tournament or sweep starts without it.
 */
export async function strategiesInThisThread(ids: readonly string[], moduleFiles: readonly string[], trusted: boolean): Promise<Strategy[]> {
  if (moduleFiles.length === 0) {
    const own = await builtinsByFile(ids);
    if (own !== undefined) return own;
  }
  const { builtinStrategies, requireStrategies } = await import('../../strategies/registry.js');
  if (moduleFiles.length === 0) return requireStrategies(ids, builtinStrategies);
  threadModules ??= import('../modules/modules.js').then(async ({ loadStrategyModules }) => {
    const loaded = await loadStrategyModules(moduleFiles, { trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) });
    return loaded.strategies;
  });
  return requireStrategies(ids, [...builtinStrategies, ...(await threadModules)]);
}
