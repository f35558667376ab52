import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { History } from '../../src/core/history.js';
import type { ClusterContext, MoveView, Strategy } from '../../src/core/strategy.js';
import { disposeSandboxes, type SandboxLimits } from '../../src/modules/sandbox.js';
import { firms } from '../support/cluster.js';
import { bundle, sandboxed } from './zoo.js';

// Sandboxed modules may speak (pre-play communication): announce() is asked like a move, inside
// the sandbox, under the same budgets, and a bad announcement disqualifies with a clear reason.
const LIMITS: SandboxLimits = { memoryMb: 16, moveMs: 50, matchMs: 1000 };
const TALK = { communication: { enabled: true }, roundsPerGeneration: 3, noise: 0.05 } as const;

const scratch = mkdtempSync(join(tmpdir(), 'cooplab-announce-test-'));
afterAll(() => {
  disposeSandboxes();
  rmSync(scratch, { recursive: true, force: true });
});

/** The same module run in-process, as --trusted does. */
async function trusted(fixture: string): Promise<Strategy> {
  const file = join(scratch, `${fixture.replace(/\W/g, '-')}.mjs`);
  writeFileSync(file, await bundle(fixture, 'esm'));
  return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: Strategy }).default;
}

function view(cluster: Partial<ClusterContext>): MoveView {
  return {
    own: new History(),
    opponent: new History(),
    round: 1,
    game: CLASSIC_GAME,
    turns: undefined,
    random: () => 0.5,
    cluster: {
      activity: { name: 'deal', lowRisk: false, cost: 0 },
      trust: 1,
      sanctions: { detection: 0, fine: 0, compensate: false },
      generation: 0,
      ...cluster,
    },
  };
}

/** A 4 × 2 row of firms with communication on: the module beside promise keepers, false promisers and a defector. */
function talkingCluster(module: Strategy) {
  return firms([module, 'promise-keeper', 'false-promiser', module, 'defector', module, 'promise-keeper', module], TALK, { width: 4, seed: 5 });
}

describe('a sandboxed module that speaks', () => {
  it('announces through the sandbox and hears the partner: the same announcements and moves as the module run trusted', async () => {
    const talker = await sandboxed('talking/talker.ts', LIMITS);
    const player = talker.create({});
    expect(typeof player.announce).toBe('function');
    // It sees the partner's broken words when it speaks, and the partner's announcement when it moves.
    expect(player.announce!(view({ promisesBroken: 1 }))).toBe('C');
    expect(player.move(view({ announcement: 'D', promisesBroken: 1 }))).toBe('D');
    expect(player.announce!(view({ promisesBroken: 2 }))).toBe('D');
    expect(player.move(view({ announcement: 'C', promisesBroken: 2 }))).toBe('D');
    expect(player.announce!(view({ promisesBroken: 0 }))).toBe('C');
    expect(player.move(view({ announcement: 'C', promisesBroken: 0 }))).toBe('C');
    // On the lattice, generation by generation, exactly as in-process.
    const inSandbox = talkingCluster(talker);
    const inProcess = talkingCluster(await trusted('talking/talker.ts'));
    for (let generation = 0; generation < 4; generation++) expect(inSandbox.step()).toEqual(inProcess.step());
    expect(inSandbox.log.filter((entry) => /disqualified/.test(entry.label))).toEqual([]);
    talker.dispose();
  });

  it('a module without announce() stays silent: it decides first and announces its move', async () => {
    const titForTat = await sandboxed('honest/tit-for-tat.ts', LIMITS);
    expect(titForTat.create({}).announce).toBeUndefined();
    titForTat.dispose();
  });

  it.each([
    ['talking/announce-junk.js', "announce() returned 'maybe' on round 2, expected 'C' or 'D'"],
    ['talking/announce-loop.js', 'announce() threw on round 2: exceeded its time budget of 50 ms per move'],
  ])('%s is disqualified with the reason', async (fixture, reason) => {
    const module = await sandboxed(fixture, LIMITS);
    const model = talkingCluster(module);
    model.step();
    const disqualified = model.log.filter((entry) => /disqualified/.test(entry.label)).map((entry) => entry.label);
    expect(disqualified).toEqual([`strategy ${module.id} disqualified (its firms defect from now on): ${reason}`]);
    module.dispose();
  });
});
