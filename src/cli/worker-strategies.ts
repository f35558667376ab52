import type { Strategy } from '../core/strategy.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';

let threadModules: Promise<readonly Strategy[]> | undefined;

/**
 * The strategies for a list of ids in a worker thread: built-ins, plus the module files, loaded
 * once per thread (a strategy cannot be sent between threads, so each worker builds its own).
 * The module loader (esbuild, zod) is imported only when there are modules: a worker of a
 * built-in tournament or sweep starts without it.
 */
export async function strategiesInThisThread(ids: readonly string[], moduleFiles: readonly string[], trusted: boolean): Promise<Strategy[]> {
  if (moduleFiles.length === 0) return requireStrategies(ids, builtinStrategies);
  threadModules ??= import('../modules/modules.js').then(async ({ loadStrategyModules }) => {
    const loaded = await loadStrategyModules(moduleFiles, { trusted, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) });
    return loaded.strategies;
  });
  return requireStrategies(ids, [...builtinStrategies, ...(await threadModules)]);
}
