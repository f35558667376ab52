#!/usr/bin/env node
// cooplab benchmarks: `npm run bench` (all sections) or `npm run bench -- tournament`.
// Prints figures; docs/benchmarks.md records what was measured on the reference machine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { childrenCpuSeconds } from './child-cpu.js';
import { IDLE_CORES, idleSeconds, measuredRun } from './thread-model.js';
import { buildReference, runReference } from './tournament-c.js';
import { buildNowakMay, processCpu, runNowakMay } from './cluster-c-reference.js';
import { buildSequentialSteps, runSequentialSteps } from './sequential-c.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const BIN = here('../bin/cooplab.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fmt = (value, digits = 1) => value.toFixed(digits);
/** The 1, 5 and 15-minute load averages: every figure is printed with the load it was measured under. */
const loadAverage = () =>
  os
    .loadavg()
    .map((load) => fmt(load, 2))
    .join(' ');

function node(args, env = process.env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

/**
 * The model of an idle machine beside the wall-clock figures (bench/thread-model.js): per mode,
 * the median serial part, the median CPU inside the workers' window, the seconds they make on
 * IDLE_CORES free cores, and the speed-up over `reference` that follows.
 */
function printIdleModel(runs, reference) {
  const idle = (mode) => runs[mode].map((run) => run.idle).filter((figures) => figures !== undefined);
  if (idle(reference).length === 0) {
    console.log('  model of an idle machine: skipped (no per-thread CPU accounting here: /proc/thread-self)');
    return;
  }
  const one = median(idle(reference).map((figures) => figures.seconds));
  console.log(`  model of an idle ${IDLE_CORES}-core machine, from each thread's CPU clock (serial part + CPU while workers exist / ${IDLE_CORES}):`);
  for (const mode of Object.keys(runs)) {
    const figures = idle(mode);
    const [serial, parallel, seconds] = ['serial', 'parallel', 'seconds'].map((key) => median(figures.map((entry) => entry[key])));
    // Each round's ratio compares the runs of one round, made one after the other under about the same load.
    const rounds = runs[mode].map((run, round) => runs[reference][round].idle?.seconds / run.idle?.seconds).filter(Number.isFinite);
    console.log(
      `  ${mode.padEnd(10)} ${fmt(serial, 2)} s + ${fmt(parallel, 2)} s / ${IDLE_CORES} = ${fmt(seconds, 2)} s (speed-up ${fmt(one / seconds, 2)}×; rounds ${rounds.map((ratio) => fmt(ratio, 2)).join(', ')})`,
    );
  }
}

const sections = {
  tournament() {
    const args = [BIN, 'tournament', '--strategies', 'classic', '--turns', '200', '--noise', '0.05', '--repetitions', '50', '--seed', '1', '--format', 'json'];
    const walls = [];
    for (let i = 0; i < 7; i++) walls.push(node(args).seconds);
    // cooplab's play and the C reference alternate, five rounds, so that each ratio compares runs
    // made under the same load; CPU time, since the machine may be shared.
    const reference = buildReference();
    const rounds = [];
    let turns = 0;
    for (let i = 0; i < 5; i++) {
      const play = JSON.parse(node([here('./tournament-play.js'), '6']).stdout);
      turns = play.turns;
      const round = { cold: play.times[0], coldCpu: play.cpu[0], warm: play.times.slice(1), warmCpu: median(play.cpu.slice(1)) };
      // The JavaScript loop, the fallback and the reference the WebAssembly one replaced, in the same round.
      const js = JSON.parse(node([here('./tournament-play.js'), '6', 'js']).stdout);
      if (js.turns !== play.turns) throw new Error('tournament: the JavaScript loop played another number of turns');
      round.jsColdCpu = js.cpu[0];
      round.jsWarmCpu = median(js.cpu.slice(1));
      if (reference.binary !== undefined) {
        round.cMove = median(runReference(reference.binary, 'move').cpu_seconds) * 1000;
        round.cGap = median(runReference(reference.binary, 'gap').cpu_seconds) * 1000;
      }
      rounds.push(round);
    }
    const rate = (ms) => turns / (ms / 1000) / 1e6;
    const cold = rounds.map((round) => round.cold);
    const warm = rounds.flatMap((round) => round.warm);
    console.log(`tournament: classic dozen, 200 turns, noise 0.05, 50 repetitions, seed 1 (3,900 matches); load ${loadAverage()}`);
    console.log(`  turns played                      ${turns.toLocaleString('en')}`);
    console.log(
      `  whole process (cooplab … --format json)  median ${fmt(median(walls) * 1000, 0)} ms, best ${fmt(Math.min(...walls) * 1000, 0)} ms   (target < 500 ms)`,
    );
    console.log(
      `  play, cold (first run in a process)      median ${fmt(median(cold), 1)} ms = ${fmt(rate(median(cold)))} M turns/s, best ${fmt(rate(Math.min(...cold)))} M turns/s   (target >= 15 M turns/s)`,
    );
    console.log(
      `  play, warm (later runs)                  median ${fmt(median(warm), 1)} ms = ${fmt(rate(median(warm)))} M turns/s, best ${fmt(rate(Math.min(...warm)))} M turns/s`,
    );
    const coldCpu = rounds.map((round) => round.coldCpu);
    const warmCpu = rounds.map((round) => round.warmCpu);
    console.log(`  CPU time, cold                           median ${fmt(median(coldCpu), 1)} ms = ${fmt(rate(median(coldCpu)))} M turns/s`);
    console.log(`  CPU time, warm                           median ${fmt(median(warmCpu), 1)} ms = ${fmt(rate(median(warmCpu)))} M turns/s`);
    const jsRatio = (wasm, js) => rounds.map((round) => round[wasm] / round[js]);
    console.log(
      `  JavaScript loop (the fallback), CPU      cold median ${fmt(median(rounds.map((round) => round.jsColdCpu)), 1)} ms, warm median ${fmt(median(rounds.map((round) => round.jsWarmCpu)), 1)} ms; WebAssembly / JavaScript: cold ${fmt(median(jsRatio('coldCpu', 'jsColdCpu')), 2)}×, warm ${fmt(median(jsRatio('warmCpu', 'jsWarmCpu')), 2)}×`,
    );
    if (reference.binary === undefined) {
      console.log(`  C reference: skipped (${reference.reason}), so no ratio`);
      return;
    }
    const ratios = (key, c) => rounds.map((round) => round[key] / round[c]);
    const line = (values) => `median ${fmt(median(values), 2)}× (rounds ${values.map((value) => fmt(value, 2)).join(', ')})`;
    console.log(
      `  C reference (${reference.compiler} -O3 -march=native, ../shared/bench/tournament12.c), CPU per round: per-move noise ${fmt(median(rounds.map((round) => round.cMove)), 2)} ms = ${fmt(rate(median(rounds.map((round) => round.cMove))))} M turns/s, cooplab's flip gaps ${fmt(median(rounds.map((round) => round.cGap)), 2)} ms`,
    );
    console.log(`  cooplab / C (per-move noise), cold CPU   ${line(ratios('coldCpu', 'cMove'))}   (target <= 4×)`);
    console.log(`  cooplab / C (per-move noise), warm CPU   ${line(ratios('warmCpu', 'cMove'))}`);
    console.log(`  cooplab / C (flip gaps), cold, warm CPU  ${line(ratios('coldCpu', 'cGap'))}; ${line(ratios('warmCpu', 'cGap'))}`);
  },
  'tournament-workers'() {
    // A 200 M-turn tournament (the classic dozen, 12,821 repetitions) with one worker, two, and the
    // automatic choice, interleaved, three rounds: wall time of the whole process and its CPU time
    // (all its threads), and the model of an idle 2-core machine from the CPU clocks of each
    // thread (bench/thread-model.js). The outputs must be the same.
    const args = [BIN, 'tournament', '--strategies', 'classic', '--turns', '200', '--noise', '0.05', '--repetitions', '12821', '--seed', '1'];
    const modes = { '1 worker': ['--workers', '1'], '2 workers': ['--workers', '2'], automatic: [] };
    const runs = Object.fromEntries(Object.keys(modes).map((mode) => [mode, []]));
    let output;
    for (let round = 0; round < 3; round++) {
      for (const [mode, extra] of Object.entries(modes)) {
        const measured = measuredRun([...args, ...extra]);
        const before = childrenCpuSeconds();
        const run = node(measured.args, measured.env);
        const after = childrenCpuSeconds();
        output ??= run.stdout;
        if (run.stdout !== output) throw new Error(`tournament-workers: ${mode} gave another result than the first run`);
        runs[mode].push({ wall: run.seconds, cpu: before === undefined ? Number.NaN : after - before, idle: idleSeconds(measured.read()) });
      }
    }
    const wall = (mode) => median(runs[mode].map((run) => run.wall));
    const cpu = (mode) => median(runs[mode].map((run) => run.cpu));
    console.log(`tournament workers: classic dozen, 200 turns, noise 0.05, 12,821 repetitions = 200 M turns, whole process; load ${loadAverage()}`);
    for (const mode of Object.keys(modes)) {
      console.log(
        `  ${mode.padEnd(10)} wall median ${fmt(wall(mode), 2)} s (speed-up ${fmt(wall('1 worker') / wall(mode), 2)}×), CPU ${fmt(cpu(mode), 2)} s (${fmt(cpu(mode) / cpu('1 worker'), 2)}× one worker's)`,
      );
    }
    printIdleModel(runs, '1 worker');
    console.log('  (targets: 2 workers >= 1.7× one on an idle 2-core machine; automatic never slower than one worker; the same output every run)');
  },
  network() {
    // Partner choice at scale (issue 15 item 6): the silicon-valley preset on 1000 × 1000 with its
    // ties re-formed, against the same scenario on the fixed lattice. CPU time per generation, the
    // first two of each process left out (JIT warm-up, the first generation's storm of cuts). The
    // two runs alternate, three pairs, so that each ratio compares runs made under the same load.
    // The preset's business producers are left out of both arms: this section prices partner choice alone.
    const measure = (overrides) =>
      JSON.parse(node([here('./cluster-run.js'), 'silicon-valley', '1000x1000', '6', 'organisers.business-producers.active=false', ...overrides]).stdout);
    const perGeneration = (run) => median(run.cpu.slice(2));
    const pairs = [];
    for (let i = 0; i < 3; i++) {
      const network = measure([]);
      const fixed = measure(['partnerChoice.enabled=false']);
      pairs.push({ network, fixed, ratio: perGeneration(network) / perGeneration(fixed) });
    }
    const ratios = pairs.map((pair) => pair.ratio);
    const networkMs = pairs.map((pair) => perGeneration(pair.network));
    const fixedMs = pairs.map((pair) => perGeneration(pair.fixed));
    const peak = (runs) => Math.max(...runs.map((run) => run.peakRss)) / 2 ** 20;
    const spread = (values, digits) => `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;
    console.log('cluster: silicon-valley on a 1000 × 1000 torus, partner choice against the fixed lattice (CPU time per generation, 3 alternating pairs)');
    console.log(
      `  partner choice   median ${fmt(median(networkMs), 0)} ms (${spread(networkMs, 0)}), peak RSS ${fmt(peak(pairs.map((pair) => pair.network)), 0)} MB, ${pairs[0].network.relationships.toLocaleString('en')} ties at the end`,
    );
    console.log(
      `  fixed lattice    median ${fmt(median(fixedMs), 0)} ms (${spread(fixedMs, 0)}), peak RSS ${fmt(peak(pairs.map((pair) => pair.fixed)), 0)} MB`,
    );
    console.log(
      `  ratio            median ${fmt(median(ratios), 2)}× (pairs ${ratios.map((ratio) => fmt(ratio, 2)).join(', ')})   (target <= 3×, memory < 1 GB)`,
    );
  },
  'cluster-nowak-may'() {
    // cooplab and the plain C kernel (../shared/bench/nowak_may.c) in turn, three pairs, CPU time of both.
    const reference = buildNowakMay();
    const pairs = [];
    for (let i = 0; i < 3; i++) {
      const run = JSON.parse(node([here('./cluster-nowak-may.js'), '1000', '12']).stdout);
      // Skip the first two generations (JIT warm-up); the median of the rest.
      const generation = median(run.cpu.slice(2));
      const c = reference.binary === undefined ? undefined : (runNowakMay(reference.binary, 1000, 12).seconds * 1000) / 12;
      const whole = processCpu([process.execPath, here('./cluster-nowak-may.js'), '1000', '30']);
      const cWhole = reference.binary === undefined ? undefined : processCpu([reference.binary, '1000', '30', '1.85', '0.9', '1']);
      pairs.push({ generation, c, whole, cWhole, setup: run.setupCpu, peakRss: run.peakRss });
    }
    const ratio = (values) => `median ${fmt(median(values), 2)}× (pairs ${values.map((value) => fmt(value, 2)).join(', ')})`;
    console.log('cluster: Nowak & May on a 1000 × 1000 torus (b = 1.85, 90% co-operators, imitate-best, memory-less kernel), CPU time');
    console.log(
      `  per generation      median ${fmt(median(pairs.map((pair) => pair.generation)), 1)} ms = ${fmt(1e3 / median(pairs.map((pair) => pair.generation)), 1)} M firm-updates/s`,
    );
    console.log(
      `  set-up              median ${fmt(median(pairs.map((pair) => pair.setup)), 0)} ms (lattice, population), peak memory ${fmt(Math.max(...pairs.map((pair) => pair.peakRss)) / 2 ** 20, 0)} MB`,
    );
    console.log(`  whole process, 30 generations  median ${fmt(median(pairs.map((pair) => pair.whole)), 2)} s`);
    if (reference.binary === undefined) {
      console.log(`  against C: skipped, ${reference.note}`);
      return;
    }
    console.log(
      `  C kernel (${reference.compiler} -O3 -march=native)  per generation median ${fmt(median(pairs.map((pair) => pair.c)), 1)} ms, whole process ${fmt(median(pairs.map((pair) => pair.cWhole)), 2)} s`,
    );
    console.log(`  ratio per generation           ${ratio(pairs.map((pair) => pair.generation / pair.c))}   (target <= 1.5×)`);
    console.log(`  ratio whole process            ${ratio(pairs.map((pair) => pair.whole / pair.cWhole))}   (target <= 2.5×)`);
  },
  'cluster-identical'() {
    // Goal: a speed-up changes no result. Digests of a set of runs against those recorded before it.
    const recorded = JSON.parse(readFileSync(here('./cluster-digests.json'), 'utf8'));
    const now = JSON.parse(node([here('./cluster-identical.js')]).stdout);
    const differ = Object.keys(recorded).filter((run) => now[run] !== recorded[run]);
    console.log(`cluster: the same results as before the lattice speed-ups (bench/cluster-digests.json), ${Object.keys(recorded).length} runs`);
    console.log(
      `  identical           ${Object.keys(recorded).length - differ.length} of ${Object.keys(recorded).length}${differ.length > 0 ? `; differ: ${differ.join(', ')}` : ''}`,
    );
  },
  'cluster-sequential'() {
    // Play-only generations (update.share 0) against generations with the rule: the difference is
    // the revision, share × N elementary steps on current payoffs.
    const perGeneration = (rule, share) => {
      const times = [];
      for (let i = 0; i < 2; i++) times.push(...JSON.parse(node([here('./cluster-sequential.js'), '1000', '6', rule, String(share)]).stdout).times.slice(2));
      return { median: median(times), best: Math.min(...times) };
    };
    const play = perGeneration('fermi', 0);
    console.log("cluster: sequential revision on current payoffs, Szabó & Tőke's setting on a 1000 × 1000 torus (von Neumann, b = 1.02, 50% co-operators)");
    console.log(`  play only (memory-less kernel)   median ${fmt(play.median, 1)} ms of CPU a generation`);
    for (const rule of ['fermi', 'moran']) {
      const revised = perGeneration(rule, 1);
      // 10^6 steps a generation: a millisecond of revision a generation is a nanosecond a step.
      const step = (ms) => ms - play.median;
      console.log(
        `  ${rule.padEnd(6)} one MCS (10^6 steps)  median ${fmt(revised.median, 0)} ms of CPU a generation = ${fmt(step(revised.median), 0)} ns a step, best ${fmt(step(revised.best), 0)} ns`,
      );
    }
  },
  'cluster-sequential-scaling'() {
    // Goal: the cost of a step flat from a lattice that stays in cache to one that does not, at the
    // same point of the dynamics (generations 1–3 at every size; bench/cluster-sequential-scaling.js
    // says why). Repeats at the small sizes (different seeds) so that each size has enough
    // generations; a size's figure is the median over its generations of the generation with the
    // rule less the play-only one beside it, over the N steps of a generation.
    const sizes = [
      [100, 60],
      [400, 6],
      [1000, 2],
      [2000, 1],
    ];
    const processes = (side) => (side >= 1000 ? 2 : 1);
    // The same work in plain C (bench/c/sequential-steps.c), each size's runs beside cooplab's: how
    // flat this machine's caches let a step stay, whatever the language.
    const c = buildSequentialSteps();
    console.log("cluster: sequential revision by lattice size, Szabó & Tőke's setting (von Neumann, b = 1.02), CPU time, generations 1–3");
    for (const rule of ['fermi', 'moran']) {
      const perStep = [];
      const perStepC = [];
      for (const [side, repeats] of sizes) {
        const steps = [];
        const stepsC = [];
        for (let run = 0; run < processes(side); run++) {
          const { revised, played } = JSON.parse(node([here('./cluster-sequential-scaling.js'), String(side), '4', rule, String(repeats)]).stdout);
          for (let i = 0; i < revised.length; i++) steps.push(((revised[i] - played[i]) * 1e6) / (side * side));
          if (c.binary !== undefined) stepsC.push(...runSequentialSteps(c.binary, side, 4, rule, repeats));
        }
        perStep.push(median(steps));
        perStepC.push(median(stepsC));
      }
      const ratio = (values) => `${sizes.at(-1)[0]}² / ${sizes[0][0]}² = ${fmt(values.at(-1) / values[0], 2)}×`;
      const cells = (values) => sizes.map(([side], i) => `${side}² ${fmt(values[i], 0)} ns`).join(', ');
      console.log(`  ${rule.padEnd(6)} a step   ${cells(perStep)}; ${ratio(perStep)}   (target <= 1.3×)`);
      if (c.binary !== undefined) console.log(`  ${''.padEnd(6)} C, same work (${c.compiler} -O3 -march=native)   ${cells(perStepC)}; ${ratio(perStepC)}`);
    }
    if (c.binary === undefined) console.log(`  C, same work: not run (${c.note})`);
  },
  'cluster-organisers'() {
    // Both runs in one process, a generation of each in turn, so that both see the same load.
    const run = JSON.parse(node([here('./cluster-organisers.js'), '1000x1000', '8']).stdout);
    const without = median(run.times.without.slice(1));
    const withOne = median(run.times.with.slice(1));
    console.log('cluster: training-first on a 1000 × 1000 torus, without and with one organiser (an association running training for its members)');
    console.log(`  CPU per generation  without ${fmt(without, 0)} ms, with ${fmt(withOne, 0)} ms = ${fmt(withOne / without, 2)}×   (target <= 1.5×)`);
  },
  'cluster-training-first'() {
    // One thread and two (--threads=2: the play shared, src/cli/cluster-play-threads.ts) alternating, so that both see the same load.
    const run = (size, generations, threads) =>
      JSON.parse(node([here('./cluster-run.js'), 'training-first', size, String(generations), `--threads=${threads}`]).stdout);
    const one = [];
    const two = [];
    for (let i = 0; i < 2; i++) {
      one.push(run('1000x1000', 8, 1));
      two.push(run('1000x1000', 8, 2));
    }
    const big = [run('2000x2000', 4, 1), run('2000x2000', 4, 2)];
    const line = (label, runs, target) => {
      const wall = runs.flatMap((result) => result.times.slice(1));
      const cpu = runs.flatMap((result) => result.cpu.slice(1));
      const ms = median(wall);
      // With one thread, the CPU outside the split parts plus half of theirs: what two idle cores would take.
      const estimate =
        runs[0].threads === 1
          ? `; idle 2-core estimate ${fmt(median(runs.flatMap((result) => result.cpu.slice(1).map((c, i) => c - result.split[i + 1] / 2))), 0)} ms`
          : '';
      // With two, the calling thread's own CPU (Linux): what a generation tends to on an idle machine while the other thread keeps up.
      const calling = runs.flatMap((result) => result.mainCpu.slice(1));
      const own = runs[0].threads > 1 && calling.length > 0 ? `; calling thread ${fmt(median(calling), 0)} ms` : '';
      console.log(
        `  ${label.padEnd(30)} median ${fmt(ms, 0)} ms = ${fmt(1000 / ms, 2)} generations/s, best ${fmt(1000 / Math.min(...wall), 2)}; CPU ${fmt(median(cpu), 0)} ms${estimate}${own}   (target ${target})`,
      );
    };
    console.log(`cluster: training-first on a torus (Fermi revision), a generation's wall time after the first; load ${loadAverage()}`);
    line('1000 × 1000, one thread', one, '>= 4');
    line('1000 × 1000, two threads', two, '>= 8');
    line('2000 × 2000, one thread', [big[0]], '');
    line('2000 × 2000, two threads', [big[1]], '>= 2');
    console.log(
      `  peak memory (RSS)   1000 × 1000: ${fmt(Math.max(...one.map((result) => result.peakRss)) / 2 ** 20, 0)} MB (target < 600 MB), two threads ${fmt(Math.max(...two.map((result) => result.peakRss)) / 2 ** 20, 0)} MB; 2000 × 2000, two threads: ${fmt(big[1].peakRss / 2 ** 20, 0)} MB (target < 1536 MB)`,
    );
    console.log(`  set-up              ${fmt(median(one.map((result) => result.setup)), 0)} ms (1000 × 1000), ${fmt(big[0].setup, 0)} ms (2000 × 2000)`);
    console.log(
      `  same run            ${one.concat(two).every((result) => result.cooperation === one[0].cooperation) && big[0].cooperation === big[1].cooperation ? 'yes' : 'NO'}: one and two threads end with the same co-operation`,
    );
  },
  'ui-live'() {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(JSON.parse(node([here('./ui-live.js')]).stdout));
    console.log('live view: 120 × 40 terminal, 200 × 70 lattice (training-first), full speed, simulation in its worker');
    console.log(
      `  frames per second   median ${fmt(median(runs.map((run) => run.fps)), 1)}, worst ${fmt(Math.min(...runs.map((run) => run.fps)), 1)}   (target >= 20)`,
    );
    console.log(
      `  key to frame        median ${fmt(median(runs.map((run) => run.keyToFrame.median)), 0)} ms, worst ${fmt(Math.max(...runs.map((run) => run.keyToFrame.worst)), 0)} ms   (target < 100 ms)`,
    );
  },
  modules() {
    const result = JSON.parse(node([here('./modules.js')]).stdout);
    console.log('strategy modules: a tit-for-tat-like module against tit-for-tat, 1000-turn matches');
    // The floor that tests/modules/sandbox.test.ts once asserted: a speed is a figure for the bench, never a test.
    const floor = result.sandboxed < 50_000 ? '   BELOW THE 50 k FLOOR' : '';
    console.log(`  sandboxed (isolated-vm)   ${fmt(result.sandboxed / 1000, 0)} k moves/s (best of 6 rounds)   (issue 18 target >= 3 M, floor 50 k)${floor}`);
    if (result.sandboxedInTable !== undefined) {
      console.log(
        `  sandboxed, in a tournament's table against the classic dozen (its matches in batches) ${fmt(result.sandboxedInTable / 1000, 0)} k moves/s (best of 6 rounds of 36 matches)   (issue 18 target >= 3 M)`,
      );
    }
    console.log(
      `  … of which a whole match costs ${fmt(result.sandboxedMatchMicroseconds, 0)} µs apart from its moves (1-turn matches), a move ${fmt(result.sandboxedMoveNanoseconds, 0)} ns (in 10,000-turn matches, their set-up included)`,
    );
    console.log(
      `  sandboxed, module against module ${fmt(result.sandboxedModuleVsModule / 1000, 0)} k moves/s (best of 6 rounds of 10 matches)   (issue 18 target >= 600 k)`,
    );
    console.log(
      `  sandboxed, move by move   ${fmt(result.sandboxedMoveByMove / 1000, 1)} k moves/s (best of 3 rounds; a crossing to the sandbox process per move)`,
    );
    console.log(`  trusted (in-process)      ${fmt(result.trusted / 1e6, 1)} M moves/s (best of 6 rounds)`);
    console.log(
      `  30-module submissions tournament, 200 turns, 5 repetitions, sandboxed: best ${fmt(result.tournament.best / 1000, 1)} s, median ${fmt(result.tournament.median / 1000, 1)} s (whole process)`,
    );
  },
  sweep() {
    const result = JSON.parse(node([here('./sweep.js')]).stdout);
    const of = (workers, key) => median(result.runs.filter((run) => run.workers === workers).map((run) => run[key]));
    console.log(`sweep: 40 tasks (training-first, 100 × 100 lattice, 100 generations), whole process, 1 and 2 workers alternating; load ${loadAverage()}`);
    console.log(`  1 worker    wall ${fmt(of(1, 'wall'), 1)} s = ${fmt(result.tasks / of(1, 'wall'), 2)} tasks/s, CPU ${fmt(of(1, 'cpu'), 1)} s`);
    console.log(
      `  2 workers   wall ${fmt(of(2, 'wall'), 1)} s = ${fmt(result.tasks / of(2, 'wall'), 2)} tasks/s (speed-up ${fmt(of(1, 'wall') / of(2, 'wall'), 2)}×), CPU ${fmt(of(2, 'cpu'), 1)} s (${fmt(of(2, 'cpu') / of(1, 'cpu'), 2)}× one worker's)   (target >= 1.85× on an idle 2-core machine)`,
    );
    printIdleModel({ '1 worker': result.runs.filter((run) => run.workers === 1), '2 workers': result.runs.filter((run) => run.workers === 2) }, '1 worker');
    console.log(`  resuming the finished sweep (nothing left to run)   ${fmt(result.resume, 2)} s`);
  },
  population() {
    const result = JSON.parse(node([here('./population.js')]).stdout);
    console.log('population dynamics');
    console.log(`  generational, 25 players, 10 rounds a match (300 matches a generation)   ${fmt(result.generationsPerSecond, 0)} generations/s`);
    console.log(`  Moran, N = 100 (4 strategies, mutation 0.01)                              ${fmt(result.moranStepsPerSecond / 1e6, 2)} M steps/s`);
  },
  class() {
    // React's development build is far slower; the CLI runs the production one, and so does this.
    const env = { ...process.env, NODE_ENV: 'production' };
    for (const name of Object.keys(env)) if (name === 'CI' || name.startsWith('CI_')) delete env[name];
    console.log('class session: 30 simulated students (their own process) on loopback, 20 rounds, answers spread over 100 ms');
    for (const mode of ['pairwise', 'lattice']) {
      const rows = [];
      for (let run = 0; run < 3; run++) rows.push(...JSON.parse(node([here('./class.js'), '30', '20', mode], env).stdout.split('\n')[0]).rows);
      const line = (key) => `median ${fmt(median(rows.map((row) => row[key])), 0)} ms, max ${fmt(Math.max(...rows.map((row) => row[key])), 0)} ms`;
      console.log(`  ${mode} (${rows.length} rounds over 3 sessions), after the last answer:`);
      console.log(`    round closed on the host              ${line('close')}`);
      console.log(`    teacher's screen shows the result     ${line('screen')}   (target <= 200 ms)`);
      console.log(`    all 30 students have the result       ${line('students')}`);
    }
  },
  startup() {
    const cases = [
      ['strategies', [BIN, 'strategies']],
      ['tournament --format json (2 strategies, 1 repetition)', [BIN, 'tournament', '-s', 'tit-for-tat,defector', '-r', '1', '-f', 'json']],
      ['node -e 0 (Node.js itself, for scale)', ['-e', '0']],
    ];
    console.log('cold start (median of 7; target < 300 ms for headless commands)');
    for (const [label, args] of cases) {
      const times = [];
      for (let i = 0; i < 7; i++) times.push(node(args).seconds * 1000);
      console.log(`  ${label.padEnd(56)} ${fmt(median(times), 0)} ms`);
    }
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`bench: unknown section '${unknown[0]}': expected one of ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
console.log(`cooplab bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) {
  sections[name]();
  console.log('');
}
