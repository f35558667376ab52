// Builds a C program for a bench with the machine's C compiler (cc, gcc or clang, -O3
// -march=native) into a temporary folder removed at exit. Shared by the C references.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** { binary, compiler, folder } when it builds, or { note } saying why not (no compiler, a compile error). */
export function compileC(source, name = basename(source, '.c'), prepare = undefined) {
  const compiler = ['cc', 'gcc', 'clang'].find((candidate) => spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0);
  if (compiler === undefined) return { note: 'no C compiler (cc, gcc or clang) on this machine' };
  const folder = mkdtempSync(join(tmpdir(), `cooplab-bench-${name}-`));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  const input = prepare === undefined ? source : prepare(folder);
  const binary = join(folder, name);
  const built = spawnSync(compiler, ['-O3', '-march=native', '-o', binary, input, '-lm'], { encoding: 'utf8' });
  if (built.status !== 0) return { note: `${compiler} could not build ${basename(source)}: ${built.stderr.trim().split('\n')[0]}` };
  return { binary, compiler, folder };
}
