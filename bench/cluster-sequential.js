// Sequential revision on current payoffs (memory-less kernel): Szabó & Tőke's setting on a
// side × side torus (von Neumann, no self-interaction, b = 1.02, 50% co-operators). Times each
// generation with the rule, and with update.share 0 (play only), so the difference is the revision.
// Times are CPU time (user + system) of the process, so that a busy shared machine does not
// count the time this process waits for a core.
import { ClusterModel } from '../dist/src/cluster/model.js';
import { DEFAULT_PARAMETERS } from '../dist/src/cluster/parameters.js';
import { findStrategy } from '../dist/strategies/registry.js';

const side = Number(process.argv[2] ?? 1000);
const generations = Number(process.argv[3] ?? 10);
const rule = process.argv[4] ?? 'fermi';
const share = Number(process.argv[5] ?? 1);
const parameters = {
  ...DEFAULT_PARAMETERS,
  width: side,
  height: side,
  neighbourhood: 'von-neumann',
  selfInteraction: false,
  temptation: 1.02,
  cooperators: 0.5,
  update: { rule, K: 0.1, share, every: 1 },
};
const model = new ClusterModel({ parameters, seed: 1, strategies: [findStrategy('cooperator'), findStrategy('defector')], observeFirms: false });
const times = [];
for (let g = 0; g < generations; g++) {
  const started = process.cpuUsage();
  model.step();
  const used = process.cpuUsage(started);
  times.push((used.user + used.system) / 1000);
}
process.stdout.write(`${JSON.stringify({ firms: side * side, times })}\n`);
