// The bench's model of a run on an idle 2-core machine, from the CPU clocks of a run made on a
// busy one (bench/thread-cpu.js measures them inside the process). A run on one thread takes as
// long as its main thread's CPU (the engine's helper threads, garbage collection and compiling,
// run beside it on the other core). A run on worker threads takes its serial part (the main
// thread's CPU outside the window in which workers exist: start, imports, planning the workers'
// work, summary, output) plus the CPU of every thread inside that window shared by the two cores.
// What the model leaves out: the cores waiting on each other at the end of the window (at most
// one slice or one task), and the memory the two cores share, so it is an upper bound.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HOOK = pathToFileURL(new URL('./thread-cpu.js', import.meta.url).pathname).href;
export const IDLE_CORES = 2;

let count = 0;
/** Node's arguments and environment for a run whose thread CPU is wanted, and how to read it afterwards (undefined without per-thread accounting). */
export function measuredRun(args) {
  const file = join(tmpdir(), `cooplab-bench-threads-${process.pid}-${count++}.json`);
  return {
    args: ['--import', HOOK, ...args],
    env: { ...process.env, COOPLAB_BENCH_THREAD_CPU: file },
    read() {
      if (!existsSync(file)) return undefined;
      const figures = JSON.parse(readFileSync(file, 'utf8'));
      rmSync(file, { force: true });
      return figures;
    },
  };
}

/** A run's seconds on an idle IDLE_CORES-core machine, with the serial and parallel parts it is made of. */
export function idleSeconds(figures) {
  if (figures === undefined) return undefined;
  const parallel = figures.window?.process ?? 0;
  const serial = figures.main - (figures.window?.main ?? 0);
  return { serial, parallel, seconds: serial + parallel / IDLE_CORES };
}
