// Nowak & May on a side × side torus (b = 1.85, 90% co-operators): the set-up and each generation,
// in wall-clock and CPU time (user + system of this process, so that a busy shared machine does not
// count the time it waits for a core), and the final share of co-operators.
import { ClusterModel } from '../dist/src/cluster/model.js';
import { DEFAULT_PARAMETERS } from '../dist/src/cluster/parameters.js';
import { findStrategy } from '../dist/strategies/registry.js';

const side = Number(process.argv[2] ?? 1000);
const generations = Number(process.argv[3] ?? 10);
const parameters = { ...DEFAULT_PARAMETERS, width: side, height: side, temptation: 1.85, cooperators: 0.9 };
const cpuSince = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const built = performance.now();
const builtCpu = process.cpuUsage();
const model = new ClusterModel({ parameters, seed: 1, strategies: [findStrategy('cooperator'), findStrategy('defector')], observeFirms: false });
const setup = performance.now() - built;
const setupCpu = cpuSince(builtCpu);
const times = [];
const cpu = [];
let record;
for (let g = 0; g < generations; g++) {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  record = model.step();
  cpu.push(cpuSince(startedCpu));
  times.push(performance.now() - started);
}
process.stdout.write(
  `${JSON.stringify({ firms: side * side, setup, setupCpu, times, cpu, cooperators: record?.strategies[0], rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 })}\n`,
);
