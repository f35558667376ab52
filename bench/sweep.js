// A 40-task sweep (training-first, 100 × 100 lattice, 100 generations: 5 fines × 4 trust gains ×
// 2 seeds) with 1 and 2 workers, alternating, two rounds after one left out: wall time and CPU time (all threads) of
// each whole process, and the CPU clocks the model of an idle machine is made of
// (bench/thread-model.js); and the cost of rerunning a finished sweep (resume with nothing left to do).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenCpuSeconds } from './child-cpu.js';
import { idleSeconds, measuredRun } from './thread-model.js';
import { SWEEP_ARGS, SWEEP_TASKS } from './sweep-args.js';

const bin = fileURLToPath(new URL('../bin/cooplab.js', import.meta.url));
const args = SWEEP_ARGS;
const folders = [];
const time = (extra) => {
  const measured = measuredRun([bin, ...args, ...extra]);
  const before = childrenCpuSeconds();
  const started = performance.now();
  const run = spawnSync(process.execPath, measured.args, { encoding: 'utf8', env: measured.env });
  if (run.status !== 0) throw new Error(run.stderr);
  const wall = (performance.now() - started) / 1000;
  return { wall, cpu: before === undefined ? null : childrenCpuSeconds() - before, idle: idleSeconds(measured.read()) };
};
const runs = [];
let results;
// The first process of a bench ran up to 15% slower than the same command later (a one-worker
// round gave 2.08× where the next gave 1.73×): one run is made and left out first, and the
// rounds take their worker counts in turn in opposite orders, so drift favours neither.
{
  const out = mkdtempSync(join(tmpdir(), 'cooplab-bench-sweep-'));
  folders.push(out);
  time(['--out', out, '--workers', '1']);
}
for (let round = 0; round < 2; round++) {
  for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
    const out = mkdtempSync(join(tmpdir(), 'cooplab-bench-sweep-'));
    folders.push(out);
    runs.push({ workers, ...time(['--out', out, '--workers', String(workers)]) });
    const csv = readFileSync(join(out, 'results.csv'), 'utf8');
    results ??= csv;
    if (csv !== results) throw new Error(`sweep with ${workers} workers gave other results`);
  }
}
const resume = time(['--out', folders[folders.length - 1], '--workers', '2']).wall;
for (const folder of folders) rmSync(folder, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ tasks: SWEEP_TASKS, runs, resume })}\n`);
