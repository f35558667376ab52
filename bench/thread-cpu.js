// Loaded with `node --import` into a cooplab process by the bench. At exit it writes, to the file
// named by COOPLAB_BENCH_THREAD_CPU, the CPU time (seconds) of the main thread and of the whole
// process (every thread, ended ones included), and the same two over the window from the start
// of the first worker thread to the exit of the last. Outside that window only the main thread
// runs: its CPU there is the serial part of the run; inside it, the CPU of every thread is work
// that two cores share. That is what the bench's model of an idle machine is made of.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = process.env.COOPLAB_BENCH_THREAD_CPU;
/** This thread's time on a CPU, from the scheduler's nanosecond accounting (Linux). */
const mainCpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
const processCpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const now = () => ({ main: mainCpu(), process: processCpu() });

let linux = true;
try {
  mainCpu();
} catch {
  linux = false; // no per-thread accounting here: the bench prints wall and process CPU only
}

if (out !== undefined && linux) {
  // piscina reads Worker off the module object at each start, so a subclass put there sees every worker.
  const threads = createRequire(import.meta.url)('node:worker_threads');
  const Original = threads.Worker;
  let live = 0;
  let opened;
  let window;
  threads.Worker = class extends Original {
    constructor(...args) {
      if (live++ === 0) opened = now();
      super(...args);
      this.once('exit', () => {
        if (--live > 0) return;
        const closed = now();
        window = { main: (window?.main ?? 0) + closed.main - opened.main, process: (window?.process ?? 0) + closed.process - opened.process };
      });
    }
  };
  process.on('exit', () => writeFileSync(out, JSON.stringify({ ...now(), window: window ?? null })));
}
