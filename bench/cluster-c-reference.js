// The plain C limit for the Nowak & May bench: builds ../shared/bench/nowak_may.c (beside the
// repository) into a temporary directory with the machine's C compiler, timed on the process's
// CPU clock so that a busy shared machine does not count the time it waits for a core, and
// measures whole processes (node or C alike) by their CPU time through bash's `times`.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileC } from './c-compile.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the shared reference programs are: $COOPLAB_SHARED, ../shared beside this checkout, or beside the main checkout of a worktree. */
function sharedBench() {
  const candidates = [process.env.COOPLAB_SHARED, join(root, '..', 'shared')];
  try {
    const common = execFileSync('git', ['rev-parse', '--git-common-dir'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    candidates.push(join(dirname(resolve(root, common)), '..', 'shared'));
  } catch {
    // Not a git checkout: the first two places only.
  }
  for (const candidate of candidates) if (candidate !== undefined && existsSync(join(candidate, 'bench', 'nowak_may.c'))) return join(candidate, 'bench');
  return undefined;
}

/**
 * Builds the C kernel; returns its path, or a note saying why there is none (no source, no
 * compiler). The kernel's own timer (CLOCK_MONOTONIC, wall clock) is redirected to the process's
 * CPU clock by a wrapper that includes the unchanged source.
 */
export function buildNowakMay() {
  const bench = sharedBench();
  if (bench === undefined) return { note: 'no ../shared/bench/nowak_may.c beside the repository (set COOPLAB_SHARED)' };
  const source = join(bench, 'nowak_may.c');
  return compileC(source, 'nowak_may', (folder) => {
    const wrapper = join(folder, 'nowak_may_cpu.c');
    writeFileSync(wrapper, `#include <time.h>\n#undef CLOCK_MONOTONIC\n#define CLOCK_MONOTONIC CLOCK_PROCESS_CPUTIME_ID\n#include ${JSON.stringify(source)}\n`);
    return wrapper;
  });
}

/** Runs the C kernel: CPU seconds of its generations' loop, as it prints them. */
export function runNowakMay(binary, side, generations) {
  const out = execFileSync(binary, [String(side), String(generations), '1.85', '0.9', '1'], { encoding: 'utf8' });
  const seconds = Number(/seconds=([0-9.]+)/.exec(out)?.[1]);
  return { seconds, cooperators: Number(/fc_final=([0-9.]+)/.exec(out)?.[1]) };
}

/** CPU seconds (user + system) of a whole process, start-up included, read from bash's `times`. */
export function processCpu(command) {
  const quoted = command.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  const out = execFileSync('bash', ['-c', `${quoted} > /dev/null; times`], { encoding: 'utf8' });
  // The second line holds the children's user and system time, e.g. "0m3.120s 0m0.210s".
  const line = out.trim().split('\n')[1] ?? '';
  const seconds = [...line.matchAll(/(\d+)m([0-9.]+)s/g)].map(([, minutes, rest]) => Number(minutes) * 60 + Number(rest));
  return seconds.reduce((sum, value) => sum + value, 0);
}
