/**
 * The attacks of issue 13, one hostile fixture each: what a module must not be able to do to
 * the run, the terminal or the teacher's files. (The attacks that kill or hang a process, and
 * those on determinism, are in child.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ivm from 'isolated-vm';
import { bundleStrategyFile } from '../../src/modules/bundle.js';
import { disposeSandboxes, type SandboxedStrategy, sandboxedStrategy } from '../../src/modules/sandbox.js';
import { firms, titForTatByMove } from '../support/cluster.js';
import { cycle, play } from '../support/play.js';
import { bundle, CONTROL, faultOf, loadError, sandboxed, sandboxPid, withParameters } from './zoo.js';

afterAll(() => disposeSandboxes());

describe('strings from a module are bounded and escaped', () => {
  it('a million-line message thrown at load is clipped and escaped (attack 4)', async () => {
    expect(await loadError('hostile/flood-load-error.js')).toEqual(new Error('threw while loading: (a text of 6000000 characters)'));
  });

  it('a million-character id is refused without being copied (attack 4)', async () => {
    expect(await loadError('hostile/huge-id.js')).toEqual(
      new Error("has a malformed default export at 'id': expected an id of at most 64 characters, got a text of 1000000 characters"),
    );
  });

  it('a 151-million-character message thrown at load is described, never flattened or copied (attack 3)', async () => {
    const error = (await loadError('hostile/huge-load-error.js')) as Error;
    expect(error.message).toBe('threw while loading: (a text of 150994944 characters)');
  });

  it('terminal control sequences in a message are escaped (attack 5)', async () => {
    const escapes = await sandboxed('hostile/terminal-escapes.js');
    const reason = faultOf(() => play(escapes, 'tit-for-tat'));
    expect(reason).not.toMatch(CONTROL);
    expect(reason).toBe('threw on round 1: \\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\u0007\\u001b]0;owned\\u0007\\u001b[2J\\u000dall good\\u009b31m');
    escapes.dispose();
  });
});

describe('nothing a module does runs outside its time budget', () => {
  it('a never-ending Error.prepareStackTrace and a throw from create(): reported, no hang (attack 2)', async () => {
    const hang = await sandboxed('hostile/prepare-stack-hang.js');
    expect(faultOf(() => play(hang, 'tit-for-tat'))).toBe('could not create a player: no player for you');
    hang.dispose();
  });

  it('a symbol whose description getter throws is described, not thrown (attack 2)', async () => {
    const symbol = await sandboxed('hostile/symbol-description.js');
    expect(faultOf(() => play(symbol, 'tit-for-tat'))).toBe("returned Symbol(C) on round 1, expected 'C' or 'D'");
    symbol.dispose();
  });
});

describe('a module is built only from its own code files', () => {
  it('refuses a file outside its folder: package.json (attack 6)', async () => {
    const refusal = bundle('hostile/reads-package-json.js', 'iife');
    await expect(refusal).rejects.toThrow(/^imports '\.\.\/\.\.\/\.\.\/\.\.\/package\.json': outside its own files/);
    await expect(refusal).rejects.not.toThrow(/isolated-vm|devDependencies/);
  });

  it('refuses an absolute path read as text (attack 6)', async () => {
    await expect(bundle('hostile/reads-any-file.js', 'iife')).rejects.toThrow(
      "imports '/etc/passwd': strategy modules may import only code (no import attributes such as `with { type: ... }`)",
    );
  });

  it("refuses a classmate's submission, as code or as text, and a classmate's helper folder (attack 7)", async () => {
    await expect(bundle('class/copies-bob.js', 'iife')).rejects.toThrow(/^imports '\.\/bob\.js': outside its own files/);
    await expect(bundle('class/reads-bob.js', 'iife')).rejects.toThrow(/^imports '\.\/bob\.js': strategy modules may import only code/);
    await expect(bundle('class/dave.js', 'iife')).rejects.toThrow(/^imports '\.\/carol\/copy\.js': outside its own files/);
  });

  it('builds a submission with helpers in its own folder, and a module with helpers in a folder below it', async () => {
    const carol = await sandboxed('class/carol.js');
    expect(play(carol, 'alternator', { turns: 4 })).toEqual(['CCDC', 'CDCD']);
    carol.dispose();
    await expect(bundle('honest/with-helper.ts', 'iife')).resolves.toContain('twoOfThree');
  });
});

describe("budgets count the module's own CPU time, not the wall clock", () => {
  it('a module whose process is stopped for a second in the middle of a move plays on (attack 8)', async () => {
    const limits = { memoryMb: 16, moveMs: 400, matchMs: 60_000 };
    // Budgets count the sandbox process's CPU time: a process of its own, so that nothing an earlier
    // test left in the shared one (an isolate of 151 million characters being freed, say) is charged
    // to this module's moves. It failed once in CI, not reproduced, without this.
    disposeSandboxes();
    const busy = await sandboxed('hostile/busy-loop.js', limits);
    // About 10 ms of CPU a move here: far under the 400 ms budget even on a machine three times slower.
    const calibration = withParameters(busy, { spins: 200_000 });
    const started = performance.now();
    play(calibration, 'tit-for-tat', { turns: 5 });
    const spins = Math.max(1000, Math.round((200_000 * 5 * 10) / (performance.now() - started)));
    const spinner = withParameters(busy, { spins });
    // What a machine too busy to run the module for a second does to it: the sandbox's process is stopped, the clock runs on.
    const pid = sandboxPid(busy);
    const stopper = spawn('sh', ['-c', `sleep 0.3; kill -STOP ${pid}; sleep 1; kill -CONT ${pid}`], { stdio: 'ignore' });
    const exited = new Promise((resolve) => stopper.on('exit', resolve));
    const stoppedAt = performance.now();
    let turns = 0;
    while (performance.now() - stoppedAt < 2500) {
      expect(play(spinner, 'tit-for-tat', { turns: 20 })[0]).toBe('C'.repeat(20));
      turns += 20;
    }
    await exited;
    expect(turns).toBeGreaterThan(0);
    busy.dispose();
  });
});

describe('what kills a process kills only the sandbox process', () => {
  it('a V8 fatal error in a move (out of memory, invalid size) disqualifies that module; the others play on (attack 1)', async () => {
    const honest = await sandboxed('honest/tit-for-tat.ts');
    const before = play(honest, 'alternator', { turns: 20 });
    for (const fixture of ['hostile/fatal-array-fill.js', 'hostile/fatal-invalid-size.js']) {
      const fatal = await sandboxed(fixture);
      const pid = fatal.pid;
      expect(faultOf(() => play(fatal, 'tit-for-tat', { turns: 5 }))).toMatch(/^crashed its sandbox process: a V8 fatal error, out of memory \(SIG[A-Z]+\)$/);
      expect(faultOf(() => play(fatal, 'tit-for-tat', { turns: 5 }))).toMatch(/^could not create a player: crashed its sandbox process/);
      // A new process, with the honest module loaded again, playing as before.
      expect(honest.pid).not.toBe(pid);
      expect(play(honest, 'alternator', { turns: 20 })).toEqual(before);
      fatal.dispose();
    }
    honest.dispose();
  });

  it('a Map grown without end while loading is refused; the process is fine (attack 1)', async () => {
    expect(String(await loadError('hostile/fatal-load-map.js'))).toMatch(/^Error: (exceeded its memory limit of \d+ MB|crashed its sandbox process)/);
    const honest = await sandboxed('honest/tit-for-tat.ts');
    expect(play(honest, 'alternator', { turns: 4 })).toEqual(['CCDC', 'CDCD']);
    honest.dispose();
  });
});

describe('what a module can observe is the same in every run', () => {
  /** Plays with `depth` frames of the host's own on the stack, as a deeper caller would. */
  function playFrom(depth: number, strategy: SandboxedStrategy): [string, string] {
    return depth === 0 ? play(strategy, 'tit-for-tat', { turns: 12 }) : playFrom(depth - 1, strategy);
  }

  it('how deep a module can recurse against a built-in does not depend on the host, nor on the run (attack 9)', async () => {
    const diver = await sandboxed('hostile/stack-depth.js');
    const partner = await sandboxed('honest/tit-for-tat.ts');
    const first = playFrom(0, diver);
    expect(playFrom(3000, diver)).toEqual(first);
    expect(playFrom(500, diver)).toEqual(first);
    // The sandbox process's own code is optimised as it plays: with a synchronous call per move the
    // depth drifted after about a thousand matches. A whole match against a built-in is one
    // asynchronous call from isolated-vm's own thread: play that many, then look again.
    for (let match = 0; match < 1200; match++) play(partner, match % 2 === 0 ? 'grudger' : cycle('CD'), { turns: 3, seed: match });
    expect(playFrom(0, diver)).toEqual(first);
    expect(play('tit-for-tat', diver, { turns: 12 })).toEqual([first[1], first[0]]);
    // A fresh process, as another run of the same command gets.
    disposeSandboxes();
    const again = await sandboxed('hostile/stack-depth.js');
    expect(playFrom(1500, again)).toEqual(first);
    again.dispose();
  });

  it('a call into an isolate reaches the same depth however deep the caller is, and as deep from its own thread (patches/isolated-vm: the limit set at every entry)', async () => {
    const isolate = new ivm.Isolate({ memoryLimit: 16 });
    const probe = isolate
      .createContextSync()
      .evalSync('(() => { let d = 0; const dive = (l) => { d = l; dive(l + 1); }; return () => { try { dive(0); } catch {} return d; }; })()', {
        reference: true,
      }) as ivm.Reference<() => number>;
    const from = (frames: number): number => (frames === 0 ? probe.applySync(undefined, []) : from(frames - 1) + 0);
    const depth = from(0);
    expect(depth).toBeGreaterThan(1000);
    expect([from(2000), from(10), from(5000)]).toEqual([depth, depth, depth]);
    // An asynchronous call runs on isolated-vm's own thread, whose stack is as large as `ulimit -s`:
    // it gets the same room below its entry, a few frames' worth of other native frames apart.
    expect(Math.abs((await probe.apply(undefined, [])) - depth)).toBeLessThan(64);
    isolate.dispose();
  });

  it('how deep a module can recurse move by move (against a module, a built-in without a machine, on the lattice) does not depend on the sandbox process, nor on the run (attack 9)', async () => {
    const diver = await sandboxed('hostile/stack-depth.js');
    const partner = await sandboxed('honest/tit-for-tat.ts');
    // Against a module: the whole match in the sandbox process, a synchronous call per move into
    // each isolate. Against a built-in played move by move (no finite-state form, or --trusted):
    // a message to the process per move, then the same call, from other frames of the process.
    const first = play(diver, partner, { turns: 12 });
    expect(play(diver, titForTatByMove, { turns: 12 })).toEqual(first);
    const lattice = () => {
      const model = firms([diver, 'tit-for-tat', partner, diver], { roundsPerGeneration: 12 }, { width: 2, seed: 9 });
      return [model.step(), model.step()];
    };
    const onTheLattice = lattice();
    // The sandbox process's code is optimised as it plays, and its frames below each call shrink:
    // the depth drifted after about a thousand matches. Play twice that many, then look again.
    const other = await sandboxed('honest/generous.ts');
    for (let match = 0; match < 2000; match++) play(partner, other, { turns: 3, seed: match });
    other.dispose();
    expect(play(diver, partner, { turns: 12 })).toEqual(first);
    expect(play(diver, titForTatByMove, { turns: 12 })).toEqual(first);
    expect(lattice()).toEqual(onTheLattice);
    // A fresh process, as another run of the same command gets.
    disposeSandboxes();
    const again = await sandboxed('hostile/stack-depth.js');
    const partnerAgain = await sandboxed('honest/tit-for-tat.ts');
    expect(play(again, partnerAgain, { turns: 12 })).toEqual(first);
    again.dispose();
    partnerAgain.dispose();
  });
});

describe('a module tampering with its own intrinsics, in a match against another module', () => {
  it("leaves the other module's moves and its later matches alone: each isolate has its own intrinsics, and only numbers and letters cross", async () => {
    const tamper = await sandboxed('hostile/tamper.js');
    const victim = await sandboxed('honest/math-random.js');
    const options = { turns: 30, noise: 0.1, seed: 3 };
    const alone = play(victim, 'alternator', options);
    // Module against module (a call per move into each isolate): as against a plain co-operator, in either seat.
    expect(play(tamper, victim, options)).toEqual(play(cycle('C'), victim, options));
    expect(play(victim, tamper, options)).toEqual(play(victim, cycle('C'), options));
    expect(play(victim, 'alternator', options)).toEqual(alone);
    tamper.dispose();
    victim.dispose();
  });
});

describe("a module's getters on Array.prototype's indices, in a whole match against a built-in", () => {
  it("change neither seat's moves nor the recorded trace: the harness reads no index past an array's end", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cooplab-untrusted-'));
    const file = join(folder, 'flip-thief.js');
    // Each getter answers the turn under way: an index read past the end of the harness's lists of
    // noise flips (empty without noise) would flip both seats' moves every turn.
    writeFileSync(
      file,
      `let turn = 0;
for (let i = 0; i < 64; i++) Object.defineProperty(Array.prototype, String(i), { get() { return turn; }, set() {}, configurable: true });
export default {
  id: 'flip-thief', name: 'Flip thief', description: 'Defects, and tries to turn the defector into a co-operator.', provenance: 'test',
  classifier: { memoryDepth: 0, stochastic: false },
  create: () => ({ move(view) { turn = view.round - 1; return 'D'; } }),
};
`,
    );
    try {
      const thief = await sandboxedStrategy(await bundleStrategyFile(file, 'iife'), file);
      expect(play(thief, 'defector', { turns: 10 })).toEqual(['D'.repeat(10), 'D'.repeat(10)]);
      expect(play('tit-for-tat', thief, { turns: 10 })).toEqual([`C${'D'.repeat(9)}`, 'D'.repeat(10)]);
      thief.dispose();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
