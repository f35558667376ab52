// The reputation layer's cost on a big lattice: `node bench/cluster-reputation.js 1000x1000 3` (build first).
// Plays the same cluster (60% tit-for-tat, 40% defectors, noise 0.01, Fermi) with the layer off and
// on (simple standing, two steps of word of mouth a generation apart, fading), each in a fresh
// process, and reports CPU seconds per generation and peak memory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ClusterModel } from '../dist/src/cluster/model.js';
import { DEFAULT_PARAMETERS, validateParameters } from '../dist/src/cluster/parameters.js';
import { requireStrategies } from '../dist/strategies/registry.js';

const [size = '1000x1000', generationsText = '3', mode] = process.argv.slice(2);
const generations = Number(generationsText);

if (mode === undefined) {
  for (const layer of ['off', 'on']) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), size, generationsText, layer], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    process.stdout.write(run.stdout);
  }
} else {
  const [width, height] = size.split('x').map(Number);
  const parameters = validateParameters({
    ...DEFAULT_PARAMETERS,
    width,
    height,
    selfInteraction: false,
    cooperators: null,
    strategies: { 'tit-for-tat': 0.6, defector: 0.4 },
    noise: 0.01,
    update: { ...DEFAULT_PARAMETERS.update, rule: 'fermi' },
    ...(mode === 'on' ? { reputation: { enabled: true, assessment: 'simple-standing', observation: 0.5, steps: 2, loss: 0.2, delay: 1, fade: 0.1 } } : {}),
  });
  const model = new ClusterModel({ parameters, seed: 1, strategies: requireStrategies(Object.keys(parameters.strategies)), observeFirms: false });
  model.step(); // the first generation builds the players' tables and the queue
  const started = process.cpuUsage();
  for (let generation = 0; generation < generations; generation++) model.step();
  const cpu = process.cpuUsage(started);
  const perGeneration = (cpu.user + cpu.system) / 1e6 / generations;
  process.stdout.write(
    `reputation ${mode.padEnd(3)} ${size}: ${perGeneration.toFixed(2)} s CPU per generation, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  );
}
