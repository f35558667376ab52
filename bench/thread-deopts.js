// The engine's optimising compiles and deoptimisations in a sweep on one thread: a quarter of the
// bench's sweep (10 tasks, `--shard 1/4`) under `node --trace-opt --trace-deopt`, for each build
// given, alternating; per build the compiles (count and the background threads' milliseconds), the
// deoptimisations, and both per function. A compile that a task repeats after the first is work the
// second thread of a sweep pays again (docs/benchmarks.md, the sweep's fifth session). With
// --two-tasks, a sweep of two of those tasks (fines 0 and 1, one seed): one thread's warm-up, which
// every thread of a sweep pays for itself (the sixth session).
//   node bench/thread-deopts.js OLD/bin/cooplab.js [NEW/bin/cooplab.js …] [--rounds 2] [--two-tasks]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SWEEP_ARGS } from './sweep-args.js';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt < 0 ? 1 : Number(args[roundsAt + 1]);
const twoTasks = args.includes('--two-tasks');
const bins = args.filter((argument, index) => argument !== '--two-tasks' && (roundsAt < 0 || (index !== roundsAt && index !== roundsAt + 1)));
const sweepArgs = twoTasks
  ? ['sweep', '--scenario', 'training-first', '--size', '100x100', '-g', '100', '--grid', 'sanctions.fine=0:1:1', '--seeds', '1']
  : [...SWEEP_ARGS, '--shard', '1/4'];
if (bins.length === 0) {
  console.error('usage: node bench/thread-deopts.js BIN [BIN …] [--rounds N] [--two-tasks]');
  process.exit(2);
}

function traced(bin) {
  const out = mkdtempSync(join(tmpdir(), 'cooplab-deopts-'));
  const run = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', bin, ...sweepArgs, '--workers', '1', '--out', out], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(run.stderr);
  const compiles = new Map();
  const compileMsOf = new Map();
  const deopts = new Map();
  let compileMs = 0;
  for (const line of run.stdout.split('\n')) {
    const compiled = /completed compiling \S+ <JSFunction (\S*)[^>]*> \(target TURBOFAN\)(?: OSR)? - took [\d.]+, ([\d.]+), [\d.]+ ms/.exec(line);
    if (compiled !== null) {
      compiles.set(compiled[1], (compiles.get(compiled[1]) ?? 0) + 1);
      compileMsOf.set(compiled[1], (compileMsOf.get(compiled[1]) ?? 0) + Number(compiled[2]));
      compileMs += Number(compiled[2]);
      continue;
    }
    const deopt = /bailout \(kind: [^,]+, reason: ([^)]*)\): begin\. deoptimizing \S+ <JSFunction (\S*)/.exec(line);
    if (deopt !== null) deopts.set(`${deopt[2]} (${deopt[1]})`, (deopts.get(`${deopt[2]} (${deopt[1]})`) ?? 0) + 1);
  }
  const sum = (map) => [...map.values()].reduce((total, count) => total + count, 0);
  return { compiles, compileMsOf, deopts, compileMs, compileCount: sum(compiles), deoptCount: sum(deopts) };
}

const top = (map, count = 8) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, times]) => `${name} ${times}`)
    .join(', ');
for (let round = 0; round < rounds; round++) {
  for (const bin of bins) {
    const counted = traced(bin);
    console.log(
      `${bin}: ${counted.compileCount} optimising compiles (${counted.compileMs.toFixed(0)} ms on the compiler's threads), ${counted.deoptCount} deoptimisations`,
    );
    console.log(`  compiles: ${top(counted.compiles)}`);
    const longest = [...counted.compileMsOf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`  compiler ms: ${longest.map(([name, ms]) => `${name} ${ms.toFixed(0)} (${counted.compiles.get(name)})`).join(', ')}`);
    console.log(`  deoptimisations: ${top(counted.deopts)}`);
  }
}
