import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every file and package a source file loads when it is imported: static imports followed through the sources (not `import type`, not `import()`). */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, clause, target] of text.matchAll(/^\s*(?:import|export)\s+([^'";]*?)\s*from\s+'([^']+)'/gm)) {
      if (clause!.startsWith('type ')) continue;
      if (target!.startsWith('.')) visit(relative(ROOT, join(dirname(join(ROOT, file)), target!)).replace(/\.js$/, '.ts'));
      else if (!target!.startsWith('node:')) packages.add(target!.startsWith('@') ? target!.split('/').slice(0, 2).join('/') : target!.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('worker threads of built-in work', () => {
  // The cluster validates its parameters with zod, so a sweep's workers load it; a tournament's need nothing of the kind.
  const workers = {
    'src/cli/tournament-worker.ts': ['esbuild', 'zod', 'isolated-vm'],
    'src/cli/tournament-thread.ts': ['esbuild', 'zod', 'isolated-vm', 'piscina'],
    'src/cli/sweep-worker.ts': ['esbuild', 'isolated-vm'],
    'src/cli/sweep-thread.ts': ['esbuild', 'isolated-vm', 'piscina'],
    'src/cli/cluster-worker.ts': ['esbuild', 'isolated-vm'],
  };
  for (const [worker, absent] of Object.entries(workers)) {
    it(`${worker} starts without the module loader (${absent.join(', ')})`, () => {
      const { files, packages } = staticClosure(worker);
      expect(files.has('src/cli/worker-strategies.ts')).toBe(true);
      // Its built-ins come one file each (worker-strategies.ts), not all fifty through the registry.
      expect(files.has('strategies/registry.ts')).toBe(false);
      expect(files.has('src/modules/modules.ts')).toBe(false);
      expect([...packages].filter((name) => absent.includes(name))).toEqual([]);
    });
  }

  it('would notice the module loader if a worker imported it', () => {
    const { packages } = staticClosure('src/modules/modules.ts');
    expect(packages).toContain('esbuild');
    expect(packages).toContain('zod');
  });

  it("starts a tournament's threads early without loading the CLI, the core or any package (bin/cooplab.js runs it before them)", () => {
    const { files, packages } = staticClosure('src/cli/early-start.ts');
    expect([...packages]).toEqual([]);
    expect([...files].filter((file) => file.startsWith('src/core/') && !['src/core/errors.ts', 'src/core/printable.ts'].includes(file))).toEqual([]);
    expect([...files].filter((file) => /main|command|options/.test(file))).toEqual([]);
  });
});
