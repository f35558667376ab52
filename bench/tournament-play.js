// Times the play of the benchmark tournament in this (fresh) process: the first run is what
// the CLI pays, cold; the later runs show the engine once the JIT has warmed up. Each run's wall
// time (this thread) and CPU time (the whole process: the JIT's compiler threads and the
// garbage collector count too), in milliseconds. `node bench/tournament-play.js RUNS js` plays in
// the JavaScript loop instead of the WebAssembly one (src/core/machine-wasm.ts), for comparison.
import { withoutMachineKernel } from '../dist/src/core/machine-wasm.js';
import { MatchTable, playMatches, prepareContestants } from '../dist/src/core/tournament.js';
import { classicStrategies } from '../dist/strategies/registry.js';
import { CLASSIC_GAME } from '../dist/src/core/game.js';

const settings = { game: CLASSIC_GAME, turns: 200, probEnd: undefined, noise: 0.05, repetitions: 50, selfPlay: true, seed: 1 };
const runs = Number(process.argv[2] ?? 5);
const inLoop = process.argv[3] === 'js' ? withoutMachineKernel : (body) => body();
const times = [];
const cpu = [];
let turns = 0;
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const before = process.cpuUsage();
  const table = new MatchTable(classicStrategies.length, settings.repetitions, settings.selfPlay);
  inLoop(() => playMatches(table, prepareContestants(classicStrategies, settings.game), settings));
  const used = process.cpuUsage(before);
  times.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
  turns = table.records().reduce((sum, match) => sum + match.turns, 0);
}
process.stdout.write(`${JSON.stringify({ turns, times, cpu })}\n`);
