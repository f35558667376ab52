// Runs a preset on a big lattice in this fresh process and reports per-generation times and peak memory.
import { readFileSync } from 'node:fs';
import { ClusterModel } from '../dist/src/cluster/model.js';
import { parseScenario, withOverrides } from '../dist/src/cluster/scenario.js';
import { requireStrategies } from '../dist/strategies/registry.js';

// Further arguments are --set style overrides (path=value), e.g. partnerChoice.enabled=false.
const [name, size, generationsText, ...overrides] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const generations = Number(generationsText);
const file = new URL(`../scenarios/${name}.json`, import.meta.url);
const scenario = withOverrides(parseScenario(JSON.parse(readFileSync(file, 'utf8')), name), [`width=${width}`, `height=${height}`, ...overrides]);
const started = performance.now();
const model = new ClusterModel({
  parameters: scenario.parameters,
  seed: scenario.seed,
  strategies: requireStrategies(Object.keys(scenario.parameters.strategies)),
  events: scenario.events,
  observeFirms: false, // as the headless CLI runs it
});
const setup = performance.now() - started;
const times = [];
// CPU time per generation too: on a shared machine the wall clock measures the neighbours' load.
const cpu = [];
let last;
for (let generation = 0; generation < generations; generation++) {
  const t = performance.now();
  const c = process.cpuUsage();
  last = model.step();
  times.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
}
process.stdout.write(
  `${JSON.stringify({
    firms: width * height,
    relationships: model.graph.count,
    setup,
    times,
    cpu,
    peakRss: process.resourceUsage().maxRSS * 1024,
    cooperation: last.cooperation,
  })}\n`,
);
