/**
 * A tournament plays a sandboxed module's consecutive matches against finite-state built-ins as
 * batches (several matches a crossing to the sandbox process: core/tournament.ts RemoteBatcher,
 * sandbox.ts playBatch). Everything must come out as with one crossing a match: the same outcomes,
 * the same module state carried from match to match, the same draws, and the same disqualification
 * when a match in the middle of a batch faults, runs away or ends the process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import type { PlaysRemotely, RemoteBatchResult, RemoteMatches } from '../../src/core/match.js';
import type { Strategy } from '../../src/core/strategy.js';
import { runTournament, type TournamentSettings, withoutRemoteBatches } from '../../src/core/tournament.js';
import { bundleStrategyFile } from '../../src/modules/bundle.js';
import { disposeSandboxes, sandboxedStrategy, type SandboxedStrategy, type SandboxLimits } from '../../src/modules/sandbox.js';
import { builtin } from '../support/play.js';
import { sandboxed } from './zoo.js';

const LIMITS: SandboxLimits = { memoryMb: 16, moveMs: 50, matchMs: 1000 };
const scratch = mkdtempSync(join(tmpdir(), 'cooplab-batch-test-'));
afterAll(() => {
  disposeSandboxes();
  rmSync(scratch, { recursive: true, force: true });
});

let files = 0;

/**
 * A module that counts the players created in its isolate (one a match) and so carries state from
 * match to match: it defects on rounds that depend on that count, and `fault` (a statement) runs on
 * round 5 of its `faultAt`-th player.
 */
async function counting(id: string, faultAt = 0, fault = ''): Promise<SandboxedStrategy> {
  const file = join(scratch, `module-${files++}.js`);
  writeFileSync(
    file,
    `let created = 0;
export default {
  id: '${id}', name: '${id}', description: 'a test module', provenance: 'test', classifier: { memoryDepth: 1, stochastic: false },
  create: () => {
    const match = ++created;
    return {
      move(view) {
        if (match === ${faultAt} && view.round === 5) { ${fault} }
        if (view.round % (match + 2) === 0) return 'D';
        return view.opponent.last ?? 'C';
      },
    };
  },
};
`,
  );
  return sandboxedStrategy(await bundleStrategyFile(file, 'iife'), file, LIMITS);
}

const BUILTINS = ['tit-for-tat', 'grudger', 'defector', 'alternator', 'win-stay-lose-shift'].map(builtin);

interface Played {
  readonly result: unknown;
  /** Matches played in batches, and batches that ended at a fault. */
  readonly batched: number;
  readonly faults: number;
}

/**
 * A tournament of freshly loaded modules (their state starts afresh) and the built-ins, with the
 * matches played in batches or one by one; counts what the batches played.
 */
async function tournament(modules: () => Promise<SandboxedStrategy[]>, settings: Partial<TournamentSettings>, batches: boolean): Promise<Played> {
  const loaded = await modules();
  const pool = (loaded[0] as PlaysRemotely).remoteMatches as RemoteMatches & Record<string, unknown>;
  const playBatch = pool.playBatch!;
  let batched = 0;
  let faults = 0;
  pool.playBatch = (...args: Parameters<NonNullable<RemoteMatches['playBatch']>>): RemoteBatchResult => {
    const outcome = playBatch.apply(pool, args);
    batched += outcome.played;
    if (outcome.fault !== undefined) faults++;
    return outcome;
  };
  try {
    const strategies: Strategy[] = [...loaded, ...BUILTINS];
    const full: TournamentSettings = { game: CLASSIC_GAME, turns: 40, noise: 0, probEnd: undefined, repetitions: 2, selfPlay: false, seed: 11, ...settings };
    const run = () => runTournament(strategies, full);
    const result = batches ? run() : withoutRemoteBatches(run);
    const { matrix, summaries, ranking, disqualified } = result;
    return { result: { matrix, summaries, ranking, disqualified, matches: result.matches }, batched, faults };
  } finally {
    delete pool.playBatch;
    for (const module of loaded) module.dispose();
  }
}

async function bothWays(modules: () => Promise<SandboxedStrategy[]>, settings: Partial<TournamentSettings> = {}): Promise<[Played, Played]> {
  const inBatches = await tournament(modules, settings, true);
  const oneByOne = await tournament(modules, settings, false);
  expect(oneByOne.batched).toBe(0);
  expect(inBatches.result).toEqual(oneByOne.result);
  return [inBatches, oneByOne];
}

describe('batches of a module’s matches against built-ins', () => {
  it.each([
    ['no noise', {}],
    ['noise 0.05', { noise: 0.05 }],
    ['a random length', { probEnd: 0.05, noise: 0.02 }],
    ['self-play (a module against itself between the batches)', { selfPlay: true, noise: 0.05 }],
  ])('play as one by one: %s, with a stochastic module and state carried across matches', async (_, settings) => {
    const [inBatches] = await bothWays(
      async () => [await counting('counting-a'), await sandboxed('honest/view-random.ts', LIMITS), await counting('counting-b')],
      settings,
    );
    // Each module's four matches against the built-ins of a repetition are consecutive: batches played them.
    expect(inBatches.batched).toBeGreaterThanOrEqual(2 * 3 * 4);
  });

  it('plays as one by one when a batch carries more noise flips than it draws beforehand (the process draws the rest)', async () => {
    // About 20,000 flips a match: past the 65,536 a batch carries drawn, its last match draws its own from the host.
    const [inBatches] = await bothWays(async () => [await counting('counting-e')], { turns: 20_000, noise: 0.5, repetitions: 1 });
    expect(inBatches.batched).toBe(BUILTINS.length);
  });

  it.each([
    ['throws', "throw new Error('boom');", 'threw on round 5: boom'],
    ['runs away', 'for (;;) {}', 'threw on round 5: exceeded its time budget of 50 ms per move'],
    ['ends its sandbox process', 'new Array(5e7).fill(1);', /^crashed its sandbox process/],
  ])('a module that %s in the middle of a batch is disqualified as one by one, the matches before it kept', async (_, fault, reason) => {
    // Its fourth player plays its second match against a built-in (after two against the other modules): in the middle of a batch of five.
    const [inBatches] = await bothWays(async () => [await counting('counting-c'), await counting('faulty', 4, fault), await counting('counting-d')]);
    expect(inBatches.faults).toBe(1);
    const { disqualified } = inBatches.result as { disqualified: { id: string; reason: string }[] };
    expect(disqualified.map((entry) => entry.id)).toEqual(['faulty']);
    expect(disqualified[0]!.reason).toMatch(reason);
  });
});
