// A 200-task sweep (training-first, 100 × 100 lattice, 200 generations) with 1 and 2 workers,
// and the cost of rerunning the finished sweep (resume with nothing left to do).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/cooplab.js', import.meta.url));
// 5 fines × 4 trust gains × 10 seeds = 200 tasks
const args = [
  'sweep',
  '--scenario',
  'training-first',
  '--size',
  '100x100',
  '-g',
  '200',
  '--grid',
  'sanctions.fine=0:4:1',
  '--grid',
  'trust.gain=0.05:0.2:0.05',
  '--seeds',
  '10',
];
const time = (extra) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, ...args, ...extra], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return (performance.now() - started) / 1000;
};
const one = mkdtempSync(join(tmpdir(), 'cooplab-bench-sweep-'));
const two = mkdtempSync(join(tmpdir(), 'cooplab-bench-sweep-'));
const single = time(['--out', one, '--workers', '1']);
const double = time(['--out', two, '--workers', '2']);
const resume = time(['--out', two, '--workers', '2']);
process.stdout.write(`${JSON.stringify({ tasks: 200, single, double, resume })}\n`);
