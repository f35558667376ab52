// Runs a preset on a big lattice in this fresh process and reports per-generation times and peak memory.
// `--threads=N` shares each generation's play between N threads (src/cli/cluster-play-threads.ts).
import { readFileSync } from 'node:fs';
import { startClusterPlayThreads } from '../dist/src/cli/cluster-play-threads.js';
import { ClusterModel } from '../dist/src/cluster/model.js';
import { parseScenario, withOverrides } from '../dist/src/cluster/scenario.js';
import { requireStrategies } from '../dist/strategies/registry.js';

// Further arguments are --set style overrides (path=value), e.g. partnerChoice.enabled=false.
const threadsOption = process.argv.find((argument) => argument.startsWith('--threads='));
const threadCount = threadsOption === undefined ? 0 : Number(threadsOption.slice('--threads='.length));
const [name, size, generationsText, ...overrides] = process.argv.slice(2).filter((argument) => argument !== threadsOption);
const [width, height] = size.split('x').map(Number);
const generations = Number(generationsText);
const file = new URL(`../scenarios/${name}.json`, import.meta.url);
const scenario = withOverrides(parseScenario(JSON.parse(readFileSync(file, 'utf8')), name), [`width=${width}`, `height=${height}`, ...overrides]);
const pool = threadCount > 0 ? await startClusterPlayThreads(threadCount) : undefined;
// The CPU time spent in the split parts (all threads' while they run): with one thread, the work
// that two threads share, so an idle machine's time with N threads is about cpu − split + split / N.
let splitCpu = 0;
const threads = pool && {
  count: pool.count,
  run(arrays, task) {
    const c = process.cpuUsage();
    pool.run(arrays, task);
    const used = process.cpuUsage(c);
    splitCpu += (used.user + used.system) / 1000;
  },
  // The revision's steps drawn on a play thread (src/cluster/split-revision.ts), not counted in the split parts.
  drawSteps: pool.drawSteps,
  // The trust's sum on a play thread (src/cluster/trust-beside.ts).
  sumTrust: pool.sumTrust,
  // The next generation's noise flips on a play thread (src/cluster/split-play.ts).
  layFlips: pool.layFlips,
  waitUntil: pool.waitUntil,
  finish: pool.finish,
};
const started = performance.now();
const model = new ClusterModel({
  parameters: scenario.parameters,
  seed: scenario.seed,
  strategies: requireStrategies(Object.keys(scenario.parameters.strategies)),
  events: scenario.events,
  observeFirms: false, // as the headless CLI runs it
  threads: threadCount > 0 ? threads : undefined,
});
const setup = performance.now() - started;
/** This thread's time on a CPU so far, in ms (Linux: its schedstat; elsewhere undefined). */
function threadCpu() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}
const times = [];
// The calling thread's CPU per generation: on an idle machine with the other threads keeping up, what a generation's wall time tends to.
const mainCpu = [];
// CPU time per generation too: on a shared machine the wall clock measures the neighbours' load.
const cpu = [];
const split = [];
let last;
for (let generation = 0; generation < generations; generation++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const splitBefore = splitCpu;
  const mainBefore = threadCpu();
  last = model.step();
  if (mainBefore !== undefined) mainCpu.push(threadCpu() - mainBefore);
  split.push(splitCpu - splitBefore);
  times.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
}
await pool?.close();
process.stdout.write(
  `${JSON.stringify({
    firms: width * height,
    threads: threadCount,
    relationships: model.graph.count,
    setup,
    times,
    cpu,
    split,
    mainCpu,
    peakRss: process.resourceUsage().maxRSS * 1024,
    cooperation: last.cooperation,
  })}\n`,
);
