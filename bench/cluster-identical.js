// Same results before and after a speed-up: runs a set of cluster runs (every preset, and the
// lattice kernels' own settings: Nowak & May with imitate-best, Fermi and Moran on current payoffs,
// fixed edges, von Neumann) and prints one SHA-256 per run over every generation's record and the
// final per-firm arrays. `node bench/cluster-identical.js > bench/cluster-digests.json` records the
// digests of a build; the bench section compares the current build's with them. `--threads=N`
// shares every run's play between N worker threads (src/cli/cluster-play-threads.ts): the digests
// must not change.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { startClusterPlayThreads } from '../dist/src/cli/cluster-play-threads.js';
import { ClusterModel } from '../dist/src/cluster/model.js';
import { DEFAULT_PARAMETERS } from '../dist/src/cluster/parameters.js';
import { parseScenario, withOverrides } from '../dist/src/cluster/scenario.js';
import { requireStrategies } from '../dist/strategies/registry.js';

const runs = {};
const threadsOption = process.argv.find((argument) => argument.startsWith('--threads='));
// --threads=0, like no option, leaves the play to the model on this thread.
const threadCount = threadsOption === undefined ? 0 : Number(threadsOption.slice('--threads='.length));
const threads = threadCount > 0 ? await startClusterPlayThreads(threadCount) : undefined;

function digestOf(model, generations) {
  const hash = createHash('sha256');
  for (let generation = 0; generation < generations; generation++) hash.update(JSON.stringify(model.step()));
  for (const values of [model.strategyOf, model.payoff, model.wealth, model.cooperationShare, model.activityOf])
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return hash.digest('hex');
}

const scenarios = new URL('../scenarios/', import.meta.url);
for (const file of readdirSync(scenarios)
  .filter((name) => name.endsWith('.json'))
  .sort()) {
  const name = file.replace(/\.json$/, '');
  const scenario = withOverrides(parseScenario(JSON.parse(readFileSync(new URL(file, scenarios), 'utf8')), name), ['width=30', 'height=24']);
  const strategies = requireStrategies(Object.keys(scenario.parameters.strategies));
  for (const observeFirms of [true, false]) {
    const model = new ClusterModel({ parameters: scenario.parameters, seed: scenario.seed, strategies, events: scenario.events, observeFirms, threads });
    runs[`${name} 30x24${observeFirms ? '' : ' headless'}`] = digestOf(model, 30);
  }
}

const lattice = {
  'nowak-may 101x99 b=1.85': { temptation: 1.85, cooperators: 0.9 },
  'nowak-may 64x64 fixed b=1.65': { temptation: 1.65, cooperators: 0.9, boundary: 'fixed' },
  'nowak-may 64x64 von-neumann no-self': { temptation: 1.3, cooperators: 0.8, neighbourhood: 'von-neumann', selfInteraction: false },
  'fermi 64x64 von-neumann b=1.02': {
    temptation: 1.02,
    cooperators: 0.5,
    neighbourhood: 'von-neumann',
    selfInteraction: false,
    update: { rule: 'fermi', K: 0.1, share: 1, every: 1 },
  },
  'fermi 48x40 moore mutation': { temptation: 1.1, cooperators: 0.5, mutation: 0.01, update: { rule: 'fermi', K: 0.5, share: 1, every: 1 } },
  'fermi 48x40 fixed': { temptation: 1.05, cooperators: 0.5, boundary: 'fixed', update: { rule: 'fermi', K: 0.1, share: 0.7, every: 1 } },
  'moran 64x64 von-neumann': {
    temptation: 1.02,
    cooperators: 0.5,
    neighbourhood: 'von-neumann',
    selfInteraction: false,
    update: { rule: 'moran', K: 0.1, share: 1, every: 1 },
  },
  'moran 48x40 fixed mutation': { temptation: 1.1, cooperators: 0.5, boundary: 'fixed', mutation: 0.01, update: { rule: 'moran', K: 0.3, share: 1, every: 1 } },
};
const pair = requireStrategies(['cooperator', 'defector']);
for (const [label, overrides] of Object.entries(lattice)) {
  const [width, height] = label.split(' ')[1].split('x').map(Number);
  const parameters = { ...DEFAULT_PARAMETERS, width, height, ...overrides };
  runs[label] = digestOf(new ClusterModel({ parameters, seed: 3, strategies: pair, observeFirms: true, threads }), 25);
  runs[`${label} headless`] = digestOf(new ClusterModel({ parameters, seed: 3, strategies: pair, observeFirms: false, threads }), 25);
}
await threads?.close();
process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
