// The cost of a sequential step by lattice size, at the same point of the dynamics: Szabó & Tőke's
// setting (von Neumann, no self-interaction, b = 1.02, 50% co-operators) from seeds 1..repeats,
// generations 1..generations−1 of each (the first is left out: the code warms up, and every size
// starts from the same mix). Comparing a late generation of a small lattice with an early one of a
// large lattice compares different configurations: a 100² lattice under Moran updating is all
// co-operators by generation 13, where no step draws a coin or changes anything, while a 2000²
// lattice's first generations are mixed. A model with the rule and one with update.share 0 (play
// only) take their generations in turn, so that both see the same load; the difference over the
// N steps of a generation is a step's CPU time. With several repeats the first is a warm-up.
import { ClusterModel } from '../dist/src/cluster/model.js';
import { SZABO_TOKE_STRATEGIES as strategies, szaboTokeParameters } from './szabo-toke-setting.js';

const side = Number(process.argv[2] ?? 100);
const generations = Number(process.argv[3] ?? 4);
const rule = process.argv[4] ?? 'fermi';
const repeats = Number(process.argv[5] ?? 1);
const model = (share, seed) => new ClusterModel({ parameters: szaboTokeParameters(side, rule, share), seed, strategies, observeFirms: false });
const cpu = (run) => {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};
const revised = [];
const played = [];
for (let repeat = 0; repeat < repeats; repeat++) {
  const withRule = model(1, repeat + 1);
  const playOnly = model(0, repeat + 1);
  for (let generation = 0; generation < generations; generation++) {
    const play = cpu(() => playOnly.step());
    const both = cpu(() => withRule.step());
    if (generation === 0 || (repeat === 0 && repeats > 1)) continue;
    revised.push(both);
    played.push(play);
  }
}
process.stdout.write(`${JSON.stringify({ firms: side * side, revised, played })}\n`);
