import { build, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Why a strategy module could not be built, in words for the person who wrote it. */
export class ModuleBuildError extends Error {
  override readonly name = 'ModuleBuildError';
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The authoring helpers a module may import from 'cooplab' (pure code, bundled into the module). */
const AUTHORING_BUILT = fileURLToPath(new URL('../authoring/index.js', import.meta.url));
// From dist the helpers are authoring.js; when cooplab runs from its sources (tests), authoring.ts.
const AUTHORING_ENTRY = existsSync(AUTHORING_BUILT) ? AUTHORING_BUILT : AUTHORING_BUILT.replace(/\.js$/, '.ts');

/**
 * Strategy modules may import their own files and the authoring helpers of 'cooplab', nothing
 * else: no Node built-ins, no packages. Checked at build time, so a module that tries is
 * refused with the name of what it imported.
 */
const onlyOwnFiles: Plugin = {
  name: 'cooplab-only-own-files',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path === 'cooplab') return { path: AUTHORING_ENTRY };
      if (args.path.startsWith('.') || args.path.startsWith('/')) return undefined;
      const what = NODE_BUILTINS.has(args.path) || NODE_BUILTINS.has(args.path.split('/')[0]!) ? 'the Node built-in' : 'the package';
      return { errors: [{ text: `imports ${what} '${args.path}': strategy modules may import only their own files and 'cooplab'` }] };
    });
  },
};

export type BundleFormat = 'iife' | 'esm';

/**
 * Bundles a strategy module (TypeScript or JavaScript) and its own imports into one script.
 * `iife` defines a global `__cooplabModule` whose `default` is the strategy (for the sandbox);
 * `esm` is a module with the strategy as its default export (for --trusted).
 */
export async function bundleStrategyFile(file: string, format: BundleFormat): Promise<string> {
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format,
      platform: 'neutral',
      target: 'es2022',
      ...(format === 'iife' ? { globalName: '__cooplabModule' } : {}),
      plugins: [onlyOwnFiles],
      logLevel: 'silent',
      sourcemap: false,
      legalComments: 'none',
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const first = errors?.[0];
    if (first !== undefined) {
      const where = first.location ? ` (${first.location.file}:${first.location.line})` : '';
      throw new ModuleBuildError(`${first.text}${where}`);
    }
    throw new ModuleBuildError(error instanceof Error ? error.message : String(error));
  }
}
