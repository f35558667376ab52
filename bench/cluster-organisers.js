// training-first on a big lattice with and without one organiser (issue 16): the association runs
// the training programme for its members instead of the timeline switching it on for everyone.
// Per-generation CPU time of this process, in alternation so that both see the same machine load.
import { readFileSync } from 'node:fs';
import { ClusterModel } from '../dist/src/cluster/model.js';
import { parseScenario, withOverrides } from '../dist/src/cluster/scenario.js';
import { requireStrategies } from '../dist/strategies/registry.js';

const [size = '1000x1000', generationsText = '8'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const generations = Number(generationsText);
const file = new URL('../scenarios/training-first.json', import.meta.url);
const base = withOverrides(parseScenario(JSON.parse(readFileSync(file, 'utf8')), 'training-first'), [`width=${width}`, `height=${height}`]);
const association = {
  name: 'association',
  policy: 'passive',
  activities: ['training'],
  fee: 0.05,
  promise: 1,
  members: 0.5,
  credibility: 0.6,
  activityCost: 1,
  costShare: 0.5,
};
const organised = withOverrides(base, [`organisers=${JSON.stringify([association])}`]);
const strategies = requireStrategies(Object.keys(base.parameters.strategies));
const build = (scenario) =>
  new ClusterModel({ parameters: scenario.parameters, seed: scenario.seed, strategies, events: scenario.events, observeFirms: false });
const models = { without: build(base), with: build(organised) };
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const times = { without: [], with: [] };
for (let generation = 0; generation < generations; generation++) {
  for (const key of ['without', 'with']) {
    const start = cpu();
    models[key].step();
    times[key].push(cpu() - start);
  }
}
process.stdout.write(`${JSON.stringify({ firms: width * height, relationships: models.with.graph.count, times })}\n`);
