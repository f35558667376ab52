import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import type { MoveView, Strategy } from '../core/strategy.js';
import { printable } from '../core/printable.js';
import { aliasTarget } from '../../strategies/aliases.js';
import { bundleStrategyFile, MODULE_FILE, ModuleBuildError } from './bundle.js';
import { METADATA_LIMITS } from './sandbox-harness.js';

/** A strategy module that could not be used, and why: reported, never a crash. */
export interface ModuleProblem {
  readonly file: string;
  readonly id?: string | undefined;
  readonly reason: string;
}

export interface LoadedModules {
  readonly strategies: readonly Strategy[];
  /** The file each loaded strategy came from, by id. */
  readonly files: ReadonlyMap<string, string>;
  readonly problems: readonly ModuleProblem[];
}

/** Every strategy module in a folder (not tests, not declaration files), in name order. */
export function submissionFiles(directory: string): string[] {
  let names: string[];
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a folder');
    names = readdirSync(directory);
  } catch {
    throw new InputError(`cannot read --submissions '${directory}': expected a folder of strategy modules`);
  }
  return names
    .filter((name) => MODULE_FILE.test(name) && !/\.(test|spec)\.[mc]?[jt]s$/.test(name) && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => join(directory, name));
}

function fileKind(path: string): 'file' | 'folder' | undefined {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}

/** The module files named by --strategy (repeatable) and --submissions (a folder), in that order. */
export function moduleFilesFrom(options: { readonly strategy?: readonly string[] | undefined; readonly submissions?: string | undefined }): string[] {
  return [...(options.strategy ?? []), ...(options.submissions === undefined ? [] : submissionFiles(options.submissions))];
}

const classifierSchema = z.strictObject({
  // A custom check: zod's number() refuses Infinity, which is how an unbounded memory is declared.
  memoryDepth: z.custom<number>((value) => typeof value === 'number' && value >= 0, { error: 'expected memoryDepth to be a number >= 0 or Infinity' }),
  stochastic: z.boolean({ error: 'expected stochastic to be true or false' }),
});

/** The shape every strategy must have, whatever ran it (checked before it plays). */
export const strategyShape = z.looseObject({
  id: z
    .string({ error: 'expected an id' })
    .max(METADATA_LIMITS.id, { error: `expected an id of at most ${METADATA_LIMITS.id} characters` })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case id such as my-strategy' }),
  name: z
    .string({ error: 'expected a name' })
    .min(1, { error: 'expected a name' })
    .max(METADATA_LIMITS.name, { error: `expected a name of at most ${METADATA_LIMITS.name} characters` }),
  description: z
    .string({ error: 'expected a description' })
    .max(METADATA_LIMITS.description, { error: `expected a description of at most ${METADATA_LIMITS.description} characters` }),
  provenance: z
    .string({ error: 'expected a provenance (who proposed it, where)' })
    .max(METADATA_LIMITS.provenance, { error: `expected a provenance of at most ${METADATA_LIMITS.provenance} characters` }),
  classifier: classifierSchema,
  create: z.custom<Strategy['create']>((value) => typeof value === 'function', { error: 'expected create to be a function returning a player' }),
  parameters: z
    .record(z.string(), z.looseObject({ default: z.number({ error: 'expected a numeric default' }), description: z.string().optional() }))
    .optional(),
});

/** Checks a module's default export; the message says what is wrong. */
export function checkStrategyShape(value: unknown): Strategy {
  if (value === undefined || value === null) throw new Error('has no default export: expected `export default` a strategy');
  const result = strategyShape.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new Error(`has a malformed default export${path === '' ? '' : ` at '${printable(path, 100)}'`}: ${issue.message}`);
  }
  return value as Strategy;
}

async function loadTrusted(file: string): Promise<Strategy> {
  const code = await bundleStrategyFile(file, 'esm');
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown };
  return withSeededMathRandom(checkStrategyShape(module.default));
}

/**
 * A trusted module's Math.random draws from the player's seeded stream during its moves, as in
 * the sandbox, so a module plays the same trusted or sandboxed.
 */
function withSeededMathRandom(strategy: Strategy): Strategy {
  return Object.freeze({
    ...strategy,
    create(parameters: Parameters<Strategy['create']>[0]) {
      const player = strategy.create(parameters);
      return {
        move(view: MoveView) {
          const original = Math.random;
          Math.random = () => view.random();
          try {
            return player.move(view);
          } finally {
            Math.random = original;
          }
        },
      };
    },
  });
}

async function loadSandboxed(file: string): Promise<Strategy> {
  const code = await bundleStrategyFile(file, 'iife');
  // Loaded only when an untrusted module is given: it brings in isolated-vm.
  const { sandboxedStrategy } = await import('./sandbox.js');
  return sandboxedStrategy(code, file);
}

/**
 * Builds and checks strategy modules. A module that fails to build, has no valid default
 * export, or repeats a taken id is reported with its file and the reason; the others load.
 * Untrusted modules run in the sandbox; if the sandbox cannot run here they are refused
 * (the error says so), never run unsandboxed.
 */
export async function loadStrategyModules(files: readonly string[], options: { trusted: boolean; takenIds: ReadonlySet<string> }): Promise<LoadedModules> {
  const strategies: Strategy[] = [];
  const problems: ModuleProblem[] = [];
  const byId = new Map<string, string>();
  for (const given of files) {
    const file = resolve(given);
    // '' resolves to the current folder: it names no module, as a missing file does.
    const kind = given.trim() === '' ? undefined : fileKind(file);
    if (kind !== 'file') {
      throw new InputError(
        kind === 'folder'
          ? `strategy module '${printable(given, 300)}' is a folder: expected a .ts or .js file (--submissions takes a folder of modules)`
          : `no such strategy module '${printable(given, 300)}': expected an existing .ts or .js file`,
      );
    }
    try {
      const strategy = options.trusted ? await loadTrusted(file) : await loadSandboxed(file);
      const aliasOf = aliasTarget(strategy.id);
      if (aliasOf !== undefined) {
        problems.push({ file: printable(given, 300), id: strategy.id, reason: `its id '${strategy.id}' is reserved: it is the short name of '${aliasOf}'` });
        continue;
      }
      if (options.takenIds.has(strategy.id) || byId.has(strategy.id)) {
        problems.push({
          file: printable(given, 300),
          id: strategy.id,
          reason: `its id '${strategy.id}' is already taken by ${printable(byId.get(strategy.id) ?? 'a built-in strategy', 300)}`,
        });
        continue;
      }
      byId.set(strategy.id, given);
      strategies.push(strategy);
    } catch (error) {
      if (error instanceof Error && error.name === 'SandboxUnavailable') throw new InputError(error.message);
      const reason = error instanceof ModuleBuildError ? `does not build: ${error.message}` : error instanceof Error ? error.message : String(error);
      // Every reason may carry the module's own words: escaped and bounded before anyone prints it.
      problems.push({ file: printable(given, 300), reason: printable(reason, 600) });
    }
  }
  return { strategies, files: byId, problems };
}
