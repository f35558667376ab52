import { build, type Plugin } from 'esbuild';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, extname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printable } from '../core/printable.js';

/** Why a strategy module could not be built, in words for the person who wrote it. */
export class ModuleBuildError extends Error {
  override readonly name = 'ModuleBuildError';
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The authoring helpers a module may import from 'cooplab' (pure code, bundled into the module). */
const AUTHORING_BUILT = fileURLToPath(new URL('../authoring/index.js', import.meta.url));
// From dist the helpers are authoring.js; when cooplab runs from its sources (tests), authoring.ts.
const AUTHORING_ENTRY = existsSync(AUTHORING_BUILT) ? AUTHORING_BUILT : AUTHORING_BUILT.replace(/\.js$/, '.ts');
/** cooplab's own sources (src/ or dist/src/): the authoring helpers import the core from there. */
const COOPLAB_SOURCES = dirname(dirname(AUTHORING_ENTRY));

/** The files a module may be made of: code, read as code. No JSON, text, binary or data files. */
const CODE_LOADERS: Readonly<Record<string, 'ts' | 'js'>> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js' };

/** What `cooplab tournament --submissions` treats as a module file (see submissionFiles in modules.ts). */
export const MODULE_FILE = /\.(ts|mts|js|mjs)$/;

function isModuleFile(name: string): boolean {
  return MODULE_FILE.test(name) && !/\.(test|spec)\.[mc]?[jt]s$/.test(name) && !name.endsWith('.d.ts');
}

function inside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '' && !rest.startsWith('..') && !isAbsolute(rest);
}

/**
 * A module's own files: the module file itself, and the files in the folders below its own
 * folder, except the folders named after another module beside it (`bob.ts` → `bob/`). The
 * other files beside it are other modules (in a --submissions folder, classmates'
 * submissions): never its own. So one submission is `name.ts` plus, if it needs helpers, a
 * folder `name/` (or a shared folder of the teacher's, such as `helpers/`).
 */
export class OwnFiles {
  readonly root: string;
  private readonly entry: string;
  private readonly siblings: ReadonlySet<string>;

  constructor(file: string) {
    this.entry = realpathSync(file);
    this.root = dirname(this.entry);
    const own = basename(this.entry).replace(/\.[^.]+$/, '');
    let names: string[] = [];
    try {
      names = readdirSync(this.root);
    } catch {
      // An unreadable folder: the module can still be its own single file.
    }
    this.siblings = new Set(
      names
        .filter(isModuleFile)
        .map((name) => name.replace(/\.[^.]+$/, ''))
        .filter((name) => name !== own),
    );
  }

  /** Whether `path` (resolved, existing) is one of the module's own files. */
  owns(path: string): boolean {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return false;
    }
    if (real === this.entry) return true;
    if (!inside(this.root, real)) return false;
    const parts = relative(this.root, real).split(sep);
    // A file directly beside the module is another module; so is anything in a sibling module's folder.
    return parts.length > 1 && !this.siblings.has(parts[0]!);
  }
}

/**
 * Strategy modules may import their own files (see OwnFiles) as code, and the authoring helpers
 * of 'cooplab', nothing else: no Node built-ins, no packages, no absolute paths, no files outside
 * their submission, no JSON, text or other data files, no import attributes. Checked at build
 * time, so a module that tries is refused with the name of what it imported — never its content.
 */
function onlyOwnFiles(own: OwnFiles): Plugin {
  return {
    name: 'cooplab-only-own-files',
    setup(builder) {
      const refuse = (path: string, why: string) => ({ errors: [{ text: `imports '${printable(path, 120)}': ${why}` }] });
      builder.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'cooplab-resolving') return undefined;
        if (args.with !== undefined && Object.keys(args.with).length > 0) {
          return refuse(args.path, 'strategy modules may import only code (no import attributes such as `with { type: ... }`)');
        }
        if (args.kind === 'entry-point') return undefined;
        if (args.path === 'cooplab') return { path: AUTHORING_ENTRY };
        if (isAbsolute(args.path) || args.path.startsWith('file:')) return refuse(args.path, 'strategy modules may not import absolute paths');
        if (!args.path.startsWith('.')) {
          // Relative imports between the authoring helpers themselves.
          const what = NODE_BUILTINS.has(args.path) || NODE_BUILTINS.has(args.path.split('/')[0]!) ? 'the Node built-in' : 'the package';
          return { errors: [{ text: `imports ${what} '${printable(args.path, 120)}': strategy modules may import only their own files and 'cooplab'` }] };
        }
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'cooplab-resolving',
        });
        if (resolved.errors.length > 0) return refuse(args.path, 'no such file among its own files');
        if (inside(COOPLAB_SOURCES, args.importer) && inside(COOPLAB_SOURCES, resolved.path)) return { path: resolved.path };
        if (!own.owns(resolved.path)) {
          return refuse(
            args.path,
            "outside its own files (a module may import files in the folders below its own, not the files beside it nor another module's folder)",
          );
        }
        if (CODE_LOADERS[extname(resolved.path)] === undefined) return refuse(args.path, 'strategy modules may import only code (.ts or .js files)');
        return { path: resolved.path };
      });
      builder.onLoad({ filter: /.*/ }, (args) => {
        const loader = CODE_LOADERS[extname(args.path)];
        const ours = inside(COOPLAB_SOURCES, args.path);
        if (loader === undefined || (!ours && !own.owns(args.path))) {
          return { errors: [{ text: `'${printable(relative(own.root, args.path), 120)}' is not one of its own code files` }] };
        }
        return { contents: readFileSync(args.path, 'utf8'), loader };
      });
    },
  };
}

export type BundleFormat = 'iife' | 'esm';

/**
 * Bundles a strategy module (TypeScript or JavaScript) and its own imports into one script.
 * `iife` defines a global `__cooplabModule` whose `default` is the strategy (for the sandbox);
 * `esm` is a module with the strategy as its default export (for --trusted).
 */
export async function bundleStrategyFile(file: string, format: BundleFormat): Promise<string> {
  try {
    const own = new OwnFiles(file);
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format,
      platform: 'neutral',
      target: 'es2022',
      ...(format === 'iife' ? { globalName: '__cooplabModule' } : {}),
      plugins: [onlyOwnFiles(own)],
      // No tsconfig.json is read from the module's folders (it could point anywhere).
      tsconfigRaw: '{}',
      logLevel: 'silent',
      sourcemap: false,
      legalComments: 'none',
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const first = errors?.[0];
    if (first !== undefined) {
      const where = first.location ? ` (${printable(first.location.file, 200)}:${first.location.line})` : '';
      throw new ModuleBuildError(`${printable(first.text, 400)}${where}`);
    }
    throw new ModuleBuildError(printable(error instanceof Error ? error.message : String(error), 400));
  }
}
