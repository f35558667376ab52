// The market layer's cost on a big lattice: `node bench/cluster-market.js 1000x1000 3` (build first).
// Plays the same cluster (60% tit-for-tat, 40% defectors, noise 0.01, Fermi; trust that moves) with
// the market layer off, on with every site holding a firm from the start (the worst case: every
// relationship still plays, and the market's passes come on top), and on as in the market-phases
// preset (0.5% pioneers, most sites empty at first), and full again with brands on (their pass over
// the firms at each sale); each in a fresh process. Reports CPU seconds per generation and peak memory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ClusterModel } from '../dist/src/cluster/model.js';
import { DEFAULT_PARAMETERS, validateParameters } from '../dist/src/cluster/parameters.js';
import { requireStrategies } from '../dist/strategies/registry.js';

const [size = '1000x1000', generationsText = '3', mode] = process.argv.slice(2);
const generations = Number(generationsText);
const MARKET = {
  enabled: true,
  substitution: 0.5,
  entry: { rate: 0.2, threshold: 0.1, spinoffs: 0.2 },
  imitation: { lag: 10, rate: 0.1 },
  innovation: { trigger: 0.15, cost: 1, education: 0.05 },
};

if (mode === undefined) {
  for (const layer of ['off', 'full', 'sparse', 'brands']) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), size, generationsText, layer], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    process.stdout.write(run.stdout);
  }
} else {
  const [width, height] = size.split('x').map(Number);
  const brand = mode === 'brands' ? { brand: { premium: 0.2, build: 10 } } : {};
  const market = mode === 'off' ? {} : { market: { ...MARKET, ...brand, initialFirms: mode === 'sparse' ? 0.005 : 1 } };
  const parameters = validateParameters({
    ...DEFAULT_PARAMETERS,
    width,
    height,
    selfInteraction: false,
    cooperators: null,
    strategies: { 'tit-for-tat': 0.6, defector: 0.4 },
    noise: 0.01,
    trust: { ...DEFAULT_PARAMETERS.trust, initial: 0.5, gain: 0.1, loss: 0.5 },
    update: { ...DEFAULT_PARAMETERS.update, rule: 'fermi' },
    ...market,
  });
  const model = new ClusterModel({ parameters, seed: 1, strategies: requireStrategies(Object.keys(parameters.strategies)), observeFirms: false });
  model.step(); // the first generation builds the players' tables
  const started = process.cpuUsage();
  for (let generation = 0; generation < generations; generation++) model.step();
  const cpu = process.cpuUsage(started);
  const perGeneration = (cpu.user + cpu.system) / 1e6 / generations;
  process.stdout.write(
    `market ${mode.padEnd(6)} ${size}: ${perGeneration.toFixed(2)} s CPU per generation, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  );
}
