// Two builds of cooplab, alternating run by run under the same load, on the 200 M-turn tournament
// of `npm run bench -- tournament-workers` or the 40-task sweep of `npm run bench -- sweep`: per
// build and worker count, the wall clock and the model of an idle 2-core machine from the CPU
// clocks of each thread (bench/thread-model.js), and the modelled speed-up over one worker.
//   node bench/thread-compare.js tournament OLD/bin/cooplab.js NEW/bin/cooplab.js [rounds] [workers: 1,2,auto]
//   node bench/thread-compare.js sweep OLD/bin/cooplab.js NEW/bin/cooplab.js [rounds] [workers: 1,2]
// (a build elsewhere: a copy of bin/, dist/, scenarios/ and package.json beside a node_modules link.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idleSeconds, measuredRun } from './thread-model.js';
import { SWEEP_ARGS } from './sweep-args.js';

const [workload, oldBin, newBin, roundsText = '3', modesText = '1,2'] = process.argv.slice(2);
if (!['tournament', 'sweep'].includes(workload) || oldBin === undefined || newBin === undefined) {
  console.error('usage: node bench/thread-compare.js tournament|sweep OLD_BIN NEW_BIN [rounds] [workers, e.g. 1,2,auto]');
  process.exit(2);
}
const TOURNAMENT = ['tournament', '--strategies', 'classic', '--turns', '200', '--noise', '0.05', '--repetitions', '12821', '--seed', '1'];
const builds = { old: oldBin, new: newBin };
const modes = modesText.split(',');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function run(bin, workers) {
  const folder = workload === 'sweep' ? mkdtempSync(join(tmpdir(), 'cooplab-compare-')) : undefined;
  const args = workload === 'sweep' ? [...SWEEP_ARGS, '--out', folder] : TOURNAMENT;
  const measured = measuredRun([bin, ...args, ...(workers === 'auto' ? [] : ['--workers', workers])]);
  const started = performance.now();
  const child = spawnSync(process.execPath, measured.args, { env: measured.env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(child.stderr);
  const output = folder === undefined ? child.stdout : readFileSync(join(folder, 'results.csv'), 'utf8');
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  return { wall, output, ...idleSeconds(measured.read()) };
}

const runs = {};
let output;
console.log(
  `${workload}: ${roundsText} rounds, load ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
for (let round = 0; round < Number(roundsText); round++) {
  for (const [build, bin] of Object.entries(builds)) {
    for (const workers of modes) {
      const result = run(bin, workers);
      output ??= result.output;
      if (result.output !== output) throw new Error(`${build} build on ${workers} workers gave another result`);
      (runs[`${build} ${workers}`] ??= []).push(result);
    }
  }
}
const fmt = (value) => value.toFixed(3);
for (const [key, list] of Object.entries(runs)) {
  const of = (field) => fmt(median(list.map((entry) => entry[field])));
  console.log(`${key.padEnd(9)} wall ${of('wall')} s, serial ${of('serial')} s + window ${of('parallel')} s / 2 = ${of('seconds')} s`);
}
for (const build of Object.keys(builds)) {
  for (const workers of modes.filter((mode) => mode !== '1')) {
    const one = runs[`${build} 1`];
    const many = runs[`${build} ${workers}`];
    if (one === undefined) continue;
    const rounds = one.map((entry, round) => (entry.seconds / many[round].seconds).toFixed(2));
    const modelled = median(one.map((entry) => entry.seconds)) / median(many.map((entry) => entry.seconds));
    const wall = median(one.map((entry) => entry.wall)) / median(many.map((entry) => entry.wall));
    console.log(`${build} build, ${workers} workers: modelled speed-up ${modelled.toFixed(2)}× (rounds ${rounds.join(', ')}); wall ${wall.toFixed(2)}×`);
  }
}
console.log(
  `load ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}; the same output every run`,
);
