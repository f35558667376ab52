import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { appendMove, History } from '../../src/core/history.js';
import { StrategyFault } from '../../src/core/errors.js';
import { type MatchSettings, playMatch, prepareContestant } from '../../src/core/match.js';
import { deriveStream } from '../../src/core/random.js';
import type { ClusterContext, MoveView, Strategy } from '../../src/core/strategy.js';
import { ModuleBuildError } from '../../src/modules/bundle.js';
import { bundleStrategyFile } from '../../src/modules/bundle.js';
import {
  DEFAULT_LIMITS,
  disposeSandboxes,
  loadIsolatedVm,
  SandboxUnavailable,
  sandboxedStrategy,
  type SandboxedStrategy,
  type SandboxLimits,
} from '../../src/modules/sandbox.js';
import { builtin, cycle, play } from '../support/play.js';
import { bundle, sandboxCpuMs, sandboxed as sandboxedFixture } from './zoo.js';

const LIMITS: SandboxLimits = { memoryMb: 16, moveMs: 50, matchMs: 1000 };

const scratch = mkdtempSync(join(tmpdir(), 'cooplab-sandbox-test-'));
afterAll(() => {
  disposeSandboxes();
  rmSync(scratch, { recursive: true, force: true });
});

/** A fixture sandboxed with this file's tight limits unless others are given. */
function sandboxed(fixture: string, limits: SandboxLimits = LIMITS): Promise<SandboxedStrategy> {
  return sandboxedFixture(fixture, limits);
}

let trustedCount = 0;
let inlineCount = 0;

/** A module written here (plain JavaScript, no imports) and sandboxed. */
async function sandboxedInline(source: string, limits: SandboxLimits = LIMITS): Promise<SandboxedStrategy> {
  const file = join(scratch, `inline-${inlineCount++}.js`);
  writeFileSync(file, source);
  return sandboxedStrategy(await bundleStrategyFile(file, 'iife'), file, limits);
}

/** A module that co-operates, except as `move` (the body of move(view)) says. */
function inlineModule(id: string, move: string, create = ''): string {
  return `export default {
  id: '${id}', name: '${id}', description: 'a test module', provenance: 'test', classifier: { memoryDepth: 0, stochastic: false },
  create: () => { ${create} return { move(view) { ${move} return 'C'; } }; },
};
`;
}

/**
 * The same module run in-process (as --trusted does), with Math.random drawing from the
 * player's own stream during its move, as the sandbox makes it.
 */
async function trusted(fixture: string): Promise<Strategy> {
  const file = join(scratch, `trusted-${trustedCount++}.mjs`);
  writeFileSync(file, await bundle(fixture, 'esm'));
  const strategy = ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: Strategy }).default;
  return {
    ...strategy,
    create(parameters) {
      const player = strategy.create(parameters);
      return {
        move(view) {
          const original = Math.random;
          Math.random = () => view.random();
          try {
            return player.move(view);
          } finally {
            Math.random = original;
          }
        },
      };
    },
  };
}

/** The StrategyFault reason a match ends with (fails the test if it plays through). */
function faultOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StrategyFault) return error.reason;
    throw error;
  }
  throw new Error('expected the match to end with a StrategyFault');
}

async function loadError(fixture: string, limits: SandboxLimits = LIMITS): Promise<unknown> {
  try {
    (await sandboxed(fixture, limits)).dispose();
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${fixture} not to load`);
}

function withParameters(strategy: Strategy, values: Record<string, number>): Strategy {
  const parameters = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { default: value, description: key }]));
  return { ...strategy, parameters };
}

/** A view with a past, as the cluster lattice hands a player a relationship that already has one. */
function viewWithPast(own: string, opponent: string): MoveView {
  const ownHistory = new History();
  const opponentHistory = new History();
  for (const move of own) appendMove(ownHistory, move === 'D' ? 1 : 0);
  for (const move of opponent) appendMove(opponentHistory, move === 'D' ? 1 : 0);
  return {
    own: ownHistory,
    opponent: opponentHistory,
    round: own.length + 1,
    game: CLASSIC_GAME,
    turns: undefined,
    random: () => 0.5,
    cluster: undefined,
  };
}

const CLUSTER: ClusterContext = {
  activity: { name: 'joint-training', lowRisk: true, cost: 0.2 },
  trust: 0.7,
  sanctions: { detection: 0.5, fine: 4, compensate: true },
  generation: 3,
};

describe('loading isolated-vm', () => {
  it('loads here (without --no-node-snapshot too) and has sensible defaults', () => {
    expect(() => loadIsolatedVm()).not.toThrow();
    expect(DEFAULT_LIMITS).toEqual({ memoryMb: 32, moveMs: 50, matchMs: 2000 });
    expect(new SandboxUnavailable('x').name).toBe('SandboxUnavailable');
  });
});

describe('honest modules play identically sandboxed and trusted', () => {
  const honest = ['honest/tit-for-tat.ts', 'honest/math-random.js', 'honest/view-random.ts', 'honest/with-helper.ts', 'honest/generous.ts'];
  const opponents = ['tit-for-tat', 'random', 'grudger', 'alternator'];

  it.each(honest)('%s', async (fixture) => {
    const inSandbox = await sandboxed(fixture);
    const inProcess = await trusted(fixture);
    expect(inSandbox.id).toBe(inProcess.id);
    expect(inSandbox.classifier).toEqual(inProcess.classifier);
    expect(inSandbox.finiteState).toBeUndefined();
    for (const opponent of opponents) {
      for (const seed of [1, 'two']) {
        for (const turns of [1, 150]) {
          const options = { turns, noise: 0.05, seed };
          expect(play(inSandbox, opponent, options)).toEqual(play(inProcess, opponent, options));
          expect(play(opponent, inSandbox, options)).toEqual(play(opponent, inProcess, options));
        }
      }
    }
    // Both seats in the same isolate.
    expect(play(inSandbox, inSandbox, { turns: 100, noise: 0.1, seed: 3 })).toEqual(play(inProcess, inProcess, { turns: 100, noise: 0.1, seed: 3 }));
    inSandbox.dispose();
  });

  it('keeps the declared metadata, Infinity memory depth and parameters as plain data', async () => {
    const prober = await sandboxed('honest/view-random.ts');
    expect(prober).toMatchObject({
      id: 'view-random-prober',
      name: 'View Random Prober',
      provenance: 'test fixture',
      classifier: { memoryDepth: Infinity, stochastic: true },
      parameters: { forgiveness: { default: 0.4, description: 'chance of forgiving an old defection', min: 0, max: 1 } },
    });
    expect(Object.isFrozen(prober)).toBe(true);
    const forgiving = withParameters(prober, { forgiveness: 1 });
    const trustedForgiving = withParameters(await trusted('honest/view-random.ts'), { forgiveness: 1 });
    expect(play(forgiving, 'random', { turns: 80, seed: 9 })).toEqual(play(trustedForgiving, 'random', { turns: 80, seed: 9 }));
    prober.dispose();
  });

  it('plays a cluster relationship (the context reaches the module) like the trusted module', async () => {
    const generous = await sandboxed('honest/generous.ts');
    const reference = await trusted('honest/generous.ts');
    const options = { turns: 60, noise: 0.05, seed: 4, cluster: CLUSTER, general: true };
    expect(play(generous, 'random', options)).toEqual(play(reference, 'random', options));
    generous.dispose();
  });

  it('passes the standings of the reputation layer through, and none when it is off', async () => {
    const reader = await sandboxed('honest/reputation-reader.ts');
    const player = reader.create({});
    const at = (reputation: ClusterContext['reputation']): MoveView => ({ ...viewWithPast('', ''), cluster: { ...CLUSTER, reputation } });
    expect(player.move(at({ partner: 0.2, own: 1, good: 0.5 }))).toBe('D');
    expect(player.move(at({ partner: 0.9, own: 1, good: 0.5 }))).toBe('C');
    expect(player.move(at({ partner: 0.9, own: 0.25, good: 0.6 }))).toBe('D');
    expect(player.move(at(undefined))).toBe('C');
    expect(player.move(at({ partner: 0.2, own: 1, good: 0.5 }))).toBe('D');
    reader.dispose();
  });

  it('takes over a relationship that already has a past (the whole history is sent once)', async () => {
    const helper = await sandboxed('honest/with-helper.ts');
    const player = helper.create({});
    expect(player.move(viewWithPast('CCCC', 'CDCD'))).toBe('D');
    const titForTat = await sandboxed('honest/tit-for-tat.ts');
    expect(titForTat.create({}).move(viewWithPast('CCD', 'CCD'))).toBe('D');
    expect(titForTat.create({}).move(viewWithPast('CCD', 'DDC'))).toBe('C');
    helper.dispose();
    titForTat.dispose();
  });

  // Its speed (moves per second, sandboxed and trusted) is a figure for `npm run bench -- modules`, not a test.
  it('plays long matches move for move as the built-in does', async () => {
    const titForTat = await sandboxed('honest/tit-for-tat.ts', DEFAULT_LIMITS);
    for (let match = 0; match < 5; match++) {
      const options = { turns: 1000, noise: 0.05, seed: match };
      expect(play(titForTat, 'grudger', options)).toEqual(play('tit-for-tat', 'grudger', options));
    }
    titForTat.dispose();
  });
});

describe('a pairing asked for again', () => {
  // The host keeps a pairing's request in words and the process keeps it prepared: other settings
  // with the same two contestants, even in one settings object changed in place, must be asked anew.
  it('plays as the engine does whatever its settings, with the same two contestants throughout', async () => {
    const inSandbox = await sandboxed('honest/view-random.ts');
    const inProcess = await trusted('honest/view-random.ts');
    const other = await sandboxed('honest/generous.ts');
    const otherInProcess = await trusted('honest/generous.ts');
    const grudger = prepareContestant(builtin('grudger'), CLASSIC_GAME);
    const pairs = [
      [prepareContestant(inSandbox, CLASSIC_GAME), prepareContestant(inProcess, CLASSIC_GAME), grudger, grudger],
      [grudger, grudger, prepareContestant(inSandbox, CLASSIC_GAME), prepareContestant(inProcess, CLASSIC_GAME)],
      [
        prepareContestant(inSandbox, CLASSIC_GAME),
        prepareContestant(inProcess, CLASSIC_GAME),
        prepareContestant(other, CLASSIC_GAME),
        prepareContestant(otherInProcess, CLASSIC_GAME),
      ],
    ] as const;
    const settings: { -readonly [K in keyof MatchSettings]: MatchSettings[K] } = { game: CLASSIC_GAME, turns: 1, noise: 0 };
    const changes: Array<(value: typeof settings) => void> = [
      (value) => (value.turns = 150),
      (value) => (value.noise = 0.05),
      (value) => (value.game = { R: 4, S: 0, T: 7, P: 1 }),
      (value) => (value.probEnd = 0.02),
      (value) => (value.probEnd = undefined),
    ];
    for (const change of [() => undefined, ...changes]) {
      change(settings);
      for (const record of [false, true]) {
        for (const [first, firstInProcess, second, secondInProcess] of pairs) {
          const streams = (purpose: string) => deriveStream(7, purpose);
          const outcome = (run: () => unknown): unknown => {
            try {
              return run();
            } catch (error) {
              if (error instanceof StrategyFault) return `${error.strategyId}: ${error.reason}`;
              throw error;
            }
          };
          expect(outcome(() => playMatch(first, second, settings, streams, record))).toEqual(
            outcome(() => playMatch(firstInProcess, secondInProcess, settings, streams, record)),
          );
        }
      }
    }
    inSandbox.dispose();
    other.dispose();
  });
});

describe('the hostile zoo', () => {
  it('an infinite loop is disqualified by the per-move budget', async () => {
    const looper = await sandboxed('hostile/infinite-loop.js');
    expect(faultOf(() => play(looper, 'tit-for-tat', { turns: 10 }))).toBe('threw on round 3: exceeded its time budget of 50 ms per move');
    // Its whole match was one call into its isolate: the isolate was ended to stop the move, and the module with it.
    expect(faultOf(() => play('tit-for-tat', looper, { turns: 10 }))).toBe('could not create a player: exceeded its time budget of 50 ms per move');
    looper.dispose();
    // Move by move (an opponent the sandbox does not know) the call's own time limit stops it; the isolate survives.
    const again = await sandboxed('hostile/infinite-loop.js');
    expect(faultOf(() => play(again, cycle('C'), { turns: 10 }))).toBe('threw on round 3: exceeded its time budget of 50 ms per move');
    expect(faultOf(() => play(cycle('C'), again, { turns: 10 }))).toBe('threw on round 3: exceeded its time budget of 50 ms per move');
    again.dispose();
  });

  it('a runaway move after hundreds of quick ones (the clock is read once per block of moves) is stopped all the same', async () => {
    const late = await sandboxedInline(inlineModule('late-loop', 'if (view.round === 700) for (;;) {}'));
    expect(faultOf(() => play(late, 'tit-for-tat', { turns: 1000 }))).toBe('threw on round 700: exceeded its time budget of 50 ms per move');
    late.dispose();
  });

  it('a runaway move between two modules (no time limit per call there) is stopped with its process and named exactly when replayed move by move', async () => {
    const late = await sandboxedInline(inlineModule('late-loop-2', 'if (view.round === 40) for (;;) {}'), { memoryMb: 16, moveMs: 50, matchMs: 100 });
    const honest = await sandboxed('honest/tit-for-tat.ts');
    expect(faultOf(() => play(honest, late, { turns: 60 }))).toBe('threw on round 40: exceeded its time budget of 50 ms per move');
    // Move by move its isolate lives on (as against a strategy the sandbox does not know): the same again against itself.
    expect(faultOf(() => play(late, late, { turns: 60 }))).toBe('threw on round 40: exceeded its time budget of 50 ms per move');
    // The honest module plays on in the fresh process, as against the built-in.
    expect(play(honest, honest, { turns: 30, noise: 0.1, seed: 4 })).toEqual(play('tit-for-tat', 'tit-for-tat', { turns: 30, noise: 0.1, seed: 4 }));
    late.dispose();
    honest.dispose();
  });

  it('a create() that never returns, against a built-in (created inside the whole match call), is stopped by the match budget', async () => {
    const stuck = await sandboxedInline(inlineModule('stuck-create', '', 'for (;;) {}'), { memoryMb: 16, moveMs: 50, matchMs: 200 });
    expect(faultOf(() => play(stuck, 'tit-for-tat', { turns: 10 }))).toBe('could not create a player: exceeded its time budget of 200 ms in create()');
    expect(faultOf(() => play('grudger', stuck, { turns: 10 }))).toBe('could not create a player: exceeded its time budget of 200 ms in create()');
    stuck.dispose();
  });

  it('an infinite loop while loading is refused once it has used its budget, not at the wall-clock backstop', async () => {
    // The sandbox process's CPU time is what the budget counts (an honest module loaded first
    // tells which process that is); the backstop for a 200 ms budget is 4 s of wall time, which
    // an idle core would fill with the loop.
    const honest = await sandboxed('honest/tit-for-tat.ts');
    const before = sandboxCpuMs(honest);
    expect(await loadError('hostile/load-loop.js', { ...LIMITS, matchMs: 200 })).toEqual(new Error('exceeded its time budget of 200 ms while loading'));
    expect(sandboxCpuMs(honest) - before).toBeLessThan(1500);
    honest.dispose();
  });

  it('a memory bomb is disqualified by the memory limit, and the module stays dead', async () => {
    const bomb = await sandboxed('hostile/memory-bomb.js', { memoryMb: 16, moveMs: 5000, matchMs: 10_000 });
    expect(faultOf(() => play(bomb, 'tit-for-tat', { turns: 10 }))).toBe('threw on round 2: exceeded its memory limit of 16 MB');
    // Dead for good: later players are refused at once with the same reason, not loaded again.
    expect(faultOf(() => play(bomb, 'tit-for-tat', { turns: 10 }))).toBe('could not create a player: exceeded its memory limit of 16 MB');
    expect(() => bomb.create({})).toThrow('exceeded its memory limit of 16 MB');
  });

  it('a memory bomb under the default 50 ms move budget is stopped one way or the other', async () => {
    const bomb = await sandboxed('hostile/memory-bomb.js', { memoryMb: 16, moveMs: 50, matchMs: 1000 });
    expect(faultOf(() => play(bomb, 'tit-for-tat', { turns: 10 }))).toMatch(
      /^threw on round 2: exceeded its (memory limit of 16 MB|time budget of 50 ms per move)$/,
    );
    bomb.dispose();
  });

  it('a memory bomb while loading is refused', async () => {
    expect(await loadError('hostile/load-bomb.js', { memoryMb: 16, moveMs: 50, matchMs: 10_000 })).toEqual(new Error('exceeded its memory limit of 16 MB'));
  });

  it('a gigabyte ArrayBuffer fails inside the isolate', async () => {
    const bomb = await sandboxed('hostile/buffer-bomb.js');
    // On a loaded machine the allocation may still be under way when the move's time runs out: both contain it.
    expect(faultOf(() => play(bomb, 'tit-for-tat', { turns: 3 }))).toMatch(
      /^threw on round 1: (Array buffer allocation failed|exceeded its time budget of \d+ ms per move)$/,
    );
    bomb.dispose();
  });

  it('a module that throws on move 50 is disqualified on move 50', async () => {
    const thrower = await sandboxed('hostile/throws-on-50.js');
    expect(faultOf(() => play(thrower, 'tit-for-tat', { turns: 100 }))).toBe('threw on round 50: boom on move 50');
    expect(play(thrower, 'tit-for-tat', { turns: 49 })[0]).toBe('C'.repeat(49));
    thrower.dispose();
  });

  it("returning 'X', a Promise or other junk is reported as for a trusted module", async () => {
    const x = await sandboxed('hostile/returns-x.js');
    expect(faultOf(() => play(x, 'tit-for-tat'))).toBe("returned 'X' on round 1, expected 'C' or 'D'");
    const promise = await sandboxed('hostile/returns-promise.js');
    expect(faultOf(() => play(promise, 'tit-for-tat'))).toBe("returned a Promise on round 1, expected 'C' or 'D'");
    const junk = await sandboxed('hostile/returns-junk.js');
    const trustedJunk = await trusted('hostile/returns-junk.js');
    const described = ['undefined', 'null', 'an object', '42', 'true', 'a function', "'cooperate'"];
    described.forEach((what, kind) => {
      expect(faultOf(() => play(withParameters(junk, { kind }), 'tit-for-tat'))).toBe(`returned ${what} on round 1, expected 'C' or 'D'`);
      if (kind !== 5)
        expect(faultOf(() => play(withParameters(trustedJunk, { kind }), 'tit-for-tat'))).toBe(`returned ${what} on round 1, expected 'C' or 'D'`);
    });
    for (const strategy of [x, promise, junk]) strategy.dispose();
  });

  it('importing Node built-ins or packages is refused at build time', async () => {
    await expect(bundle('hostile/imports-fs.ts', 'iife')).rejects.toThrow(
      new ModuleBuildError(
        "imports the Node built-in 'node:fs': strategy modules may import only their own files and 'cooplab' (tests/fixtures/modules/hostile/imports-fs.ts:1)",
      ),
    );
    await expect(bundle('hostile/dynamic-import-fs.js', 'iife')).rejects.toThrow(
      new ModuleBuildError(
        "imports the Node built-in 'fs': strategy modules may import only their own files and 'cooplab' (tests/fixtures/modules/hostile/dynamic-import-fs.js:7)",
      ),
    );
    await expect(bundle('hostile/imports-package.js', 'iife')).rejects.toThrow(
      new ModuleBuildError(
        "imports the package 'seedrandom': strategy modules may import only their own files and 'cooplab' (tests/fixtures/modules/hostile/imports-package.js:1)",
      ),
    );
  });

  it('every run-time route to the host finds nothing, so the module throws and is reported', async () => {
    const reach = await sandboxed('hostile/reach-host.js');
    const reasons = [
      'Dynamic require of "fs" is not supported', // esbuild's shim: there is no require
      'process is not defined',
      "Cannot read properties of undefined (reading 'binding')", // globalThis.process
      "Cannot read properties of undefined (reading 'env')", // Function('return this')().process
      'Function(...)(...) is not a function', // no require on the isolate's global
      'Not supported', // import() of a computed name
      'SharedArrayBuffer is not defined',
      'WebAssembly is not defined',
      'setTimeout is not defined',
      'performance is not defined',
      '(intermediate value).stack.find is not a function', // Error.prepareStackTrace is locked: a stack is plain text
    ];
    reasons.forEach((reason, route) => {
      expect(faultOf(() => play(withParameters(reach, { route }), 'tit-for-tat', { turns: 2 }))).toBe(`threw on round 1: ${reason}`);
    });
    reach.dispose();
  });

  it('tampering with globals and prototypes hurts neither another module nor the host', async () => {
    const hostPush = Array.prototype.push;
    const hostRandom = Math.random;
    const tamper = await sandboxed('hostile/tamper.js');
    // Its own harness still works (it captured what it needs), Math.random stayed the seeded one.
    expect(play(tamper, 'tit-for-tat', { turns: 20 })[0]).toBe('C'.repeat(20));
    expect(play(tamper, tamper, { turns: 5 })).toEqual(['CCCCC', 'CCCCC']);
    const titForTat = await sandboxed('honest/tit-for-tat.ts');
    expect(play(titForTat, 'alternator', { turns: 6 })).toEqual(['CCDCDC', 'CDCDCD']);
    expect('polluted' in Object.prototype || 'round' in Object.prototype || 'move' in Object.prototype).toBe(false);
    expect(Object.isFrozen(Object.prototype)).toBe(false);
    expect(Array.prototype.push).toBe(hostPush);
    expect(Math.random).toBe(hostRandom);
    expect(JSON.parse(JSON.stringify({ a: [1, 'b'] }))).toEqual({ a: [1, 'b'] });
    expect([1, 2].join('-')).toBe('1-2');
    tamper.dispose();
    titForTat.dispose();
  });

  it('Date.now() is deterministic: the same match gives the same moves, in any sandbox', async () => {
    const clock = await sandboxed('hostile/date-now.js');
    const first = play(clock, 'random', { turns: 40, seed: 5 });
    expect(play(clock, 'random', { turns: 40, seed: 5 })).toEqual(first);
    const again = await sandboxed('hostile/date-now.js');
    expect(play(again, 'random', { turns: 40, seed: 5 })).toEqual(first);
    clock.dispose();
    again.dispose();
  });

  describe('busy loops against the time budgets', () => {
    let spinsPerMs = 0;
    let busy: SandboxedStrategy;

    beforeAll(async () => {
      busy = await sandboxed('hostile/busy-loop.js');
      const calibration = await sandboxed('hostile/busy-loop.js', { memoryMb: 16, moveMs: 10_000, matchMs: 10_000 });
      const spins = 4_000_000;
      play(withParameters(calibration, { spins }), 'tit-for-tat', { turns: 2 });
      // Budgets count CPU time: calibrate on the sandbox's CPU time too (a busy machine stretches the wall clock, not this).
      const started = sandboxCpuMs(calibration);
      play(withParameters(calibration, { spins }), 'tit-for-tat', { turns: 10 });
      spinsPerMs = (spins * 10) / Math.max(10, sandboxCpuMs(calibration) - started);
      calibration.dispose();
    });

    it('just under the per-move budget: plays', () => {
      const spins = Math.round(spinsPerMs * LIMITS.moveMs * 0.1);
      expect(play(withParameters(busy, { spins }), 'tit-for-tat', { turns: 5 })[0]).toBe('CCCCC');
    });

    it('just over the per-move budget: disqualified on its first move', () => {
      const spins = Math.round(spinsPerMs * LIMITS.moveMs * 3);
      expect(faultOf(() => play(withParameters(busy, { spins }), 'tit-for-tat', { turns: 5 }))).toBe(
        'threw on round 1: exceeded its time budget of 50 ms per move',
      );
    });

    it('under the per-move budget but over the per-match budget: disqualified mid-match', async () => {
      const tight = await sandboxed('hostile/busy-loop.js', { memoryMb: 16, moveMs: 1000, matchMs: 100 });
      const spins = Math.round(spinsPerMs * 15);
      expect(faultOf(() => play(withParameters(tight, { spins }), 'tit-for-tat', { turns: 30 }))).toMatch(
        /^threw on round \d+: exceeded its time budget of 100 ms per match$/,
      );
      tight.dispose();
    });
  });

  it('a never-ending chain of microtasks is cut by the per-move budget, whichever limit the machine lets fire first', async () => {
    // The chain both spins and allocates: it passes its 50 ms of CPU before it fills its memory,
    // so the time budget is the reason, even when the memory limit stops it first in wall time
    // (a quiet machine) rather than the wall-clock stop (a busy one). Repeated, to see it settled.
    for (let run = 0; run < 3; run++) {
      const microtasks = await sandboxed('hostile/microtask-loop.js', { memoryMb: 8, moveMs: 50, matchMs: 1000 });
      // Against a built-in the whole match is one call: the microtasks run when it returns, after the last round.
      expect(faultOf(() => play(microtasks, 'tit-for-tat', { turns: 10 }))).toBe('threw on round 10: exceeded its time budget of 50 ms per move');
      microtasks.dispose();
      const moveByMove = await sandboxed('hostile/microtask-loop.js', { memoryMb: 8, moveMs: 50, matchMs: 1000 });
      expect(faultOf(() => play(moveByMove, cycle('C'), { turns: 10 }))).toBe('threw on round 1: exceeded its time budget of 50 ms per move');
      moveByMove.dispose();
    }
  });
});

describe('malformed modules are refused with the reason', () => {
  it.each([
    ['malformed/no-default.js', 'has no default export: expected `export default` a strategy'],
    ['malformed/bad-id.js', "has a malformed default export at 'id': expected a kebab-case id such as my-strategy, got 'My Strategy'"],
    ['malformed/bad-classifier.js', "has a malformed default export at 'classifier.memoryDepth': expected memoryDepth to be a number >= 0 or Infinity"],
    ['malformed/no-create.js', "has a malformed default export at 'create': expected create to be a function returning a player"],
    ['malformed/throws-on-load.js', 'threw while loading: not ready yet'],
  ])('%s', async (fixture, reason) => {
    expect(await loadError(fixture)).toEqual(new Error(reason));
  });

  it('a create() that returns no player cannot create one', async () => {
    const strategy = await sandboxed('malformed/create-returns-nothing.js');
    expect(faultOf(() => play(strategy, 'tit-for-tat'))).toBe(
      'could not create a player: create() returned undefined instead of a player with a move() method',
    );
    strategy.dispose();
  });
});

describe('disposal', () => {
  it('a disposed sandbox refuses to play, quickly', async () => {
    const titForTat = await sandboxed('honest/tit-for-tat.ts');
    const player = titForTat.create({});
    titForTat.dispose();
    titForTat.dispose();
    expect(() => titForTat.create({})).toThrow('its sandbox was disposed');
    expect(() => player.move(viewWithPast('', ''))).toThrow('its sandbox was disposed');
  });
});
