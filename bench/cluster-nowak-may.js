// Nowak & May on a 1000 × 1000 torus (b = 1.85, 90% co-operators): firm-updates per second.
import { ClusterModel } from '../dist/src/cluster/model.js';
import { DEFAULT_PARAMETERS } from '../dist/src/cluster/parameters.js';
import { findStrategy } from '../dist/strategies/registry.js';

const side = Number(process.argv[2] ?? 1000);
const generations = Number(process.argv[3] ?? 10);
const parameters = { ...DEFAULT_PARAMETERS, width: side, height: side, temptation: 1.85, cooperators: 0.9 };
const built = performance.now();
const model = new ClusterModel({ parameters, seed: 1, strategies: [findStrategy('cooperator'), findStrategy('defector')], observeFirms: false });
const setup = performance.now() - built;
const times = [];
for (let g = 0; g < generations; g++) {
  const started = performance.now();
  model.step();
  times.push(performance.now() - started);
}
process.stdout.write(`${JSON.stringify({ firms: side * side, setup, times, rss: process.memoryUsage().rss })}\n`);
