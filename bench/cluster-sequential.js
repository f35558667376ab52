// Sequential revision on current payoffs (memory-less kernel): Szabó & Tőke's setting on a
// side × side torus (von Neumann, no self-interaction, b = 1.02, 50% co-operators). Times each
// generation with the rule, and with update.share 0 (play only), so the difference is the revision.
// Times are CPU time (user + system) of the process, so that a busy shared machine does not
// count the time this process waits for a core.
import { ClusterModel } from '../dist/src/cluster/model.js';
import { SZABO_TOKE_STRATEGIES, szaboTokeParameters } from './szabo-toke-setting.js';

const side = Number(process.argv[2] ?? 1000);
const generations = Number(process.argv[3] ?? 10);
const rule = process.argv[4] ?? 'fermi';
const share = Number(process.argv[5] ?? 1);
const parameters = szaboTokeParameters(side, rule, share);
const model = new ClusterModel({ parameters, seed: 1, strategies: SZABO_TOKE_STRATEGIES, observeFirms: false });
const times = [];
for (let g = 0; g < generations; g++) {
  const started = process.cpuUsage();
  model.step();
  const used = process.cpuUsage(started);
  times.push((used.user + used.system) / 1000);
}
process.stdout.write(`${JSON.stringify({ firms: side * side, times })}\n`);
