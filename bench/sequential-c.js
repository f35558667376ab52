// The work of cooplab's sequential steps in plain C (bench/c/sequential-steps.c), built with the
// machine's C compiler, so that the sequential-scaling bench can show how flat the cost of a step
// stays from 100² to 2000² on this machine's caches for C itself, in the same run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileC } from './c-compile.js';

const SOURCE = fileURLToPath(new URL('./c/sequential-steps.c', import.meta.url));

/** { binary, compiler } or { note } saying why there is none. */
export function buildSequentialSteps() {
  return compileC(SOURCE, 'sequential-steps');
}

/** CPU nanoseconds of a step, per generation after the first of each run (the first run of several only warms up). */
export function runSequentialSteps(binary, side, generations, rule, repeats) {
  return JSON.parse(execFileSync(binary, [String(side), String(generations), rule, '1', String(repeats)], { encoding: 'utf8' }));
}
