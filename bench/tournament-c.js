// The C reference of the benchmark tournament (../shared/bench/tournament12.c beside the repo):
// built with the machine's C compiler into a temporary folder, run in the same bench run as
// cooplab so that the ratio compares runs made under the same load.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileC } from './c-compile.js';

/** ../shared/bench/tournament12.c beside the repo, or beside a folder above it (a git worktree of the repo lives deeper). */
function findSource() {
  let folder = dirname(fileURLToPath(new URL('../', import.meta.url)));
  for (;;) {
    const candidate = join(folder, 'shared', 'bench', 'tournament12.c');
    if (existsSync(candidate) || dirname(folder) === folder) return candidate;
    folder = dirname(folder);
  }
}

const SOURCE = findSource();

/** { binary } when the reference could be built, or { reason } saying why not. */
export function buildReference() {
  if (!existsSync(SOURCE)) return { reason: `no ${SOURCE}` };
  const built = compileC(SOURCE, 'tournament12');
  return built.note === undefined ? built : { reason: built.note };
}

/** One process of the reference: per-round CPU seconds of the same 780,000-turn tournament, in the given noise mode ('move' or 'gap'). */
export function runReference(binary, mode) {
  const run = spawnSync(binary, ['50', '200', '0.05', '9', mode, '1'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${binary} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
