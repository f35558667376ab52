import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME, type Game } from '../../src/core/game.js';
import { compileMachine } from '../../src/core/machine.js';
import { machineKernelHostLogCalls, playMachineMatches, withoutMachineKernel } from '../../src/core/machine-wasm.js';
import type { Contestant } from '../../src/core/match.js';
import { KEY_SEPARATOR, streamFromKey } from '../../src/core/random.js';
import type { ClusterContext, FiniteStateMachine, Strategy } from '../../src/core/strategy.js';
import { MatchTable, playMatches, prepareContestants, type TournamentSettings } from '../../src/core/tournament.js';
import { classicStrategies, findStrategy } from '../../strategies/registry.js';

/** Plays the whole table twice, in WebAssembly and in the JavaScript loop, and returns both outcome arrays. */
function bothWays(contestants: readonly Contestant[], settings: TournamentSettings): [Float64Array, Float64Array] {
  const inWasm = new MatchTable(contestants.length, settings.repetitions, settings.selfPlay);
  const inJs = new MatchTable(contestants.length, settings.repetitions, settings.selfPlay);
  playMatches(inWasm, contestants, settings);
  withoutMachineKernel(() => playMatches(inJs, contestants, settings));
  return [inWasm.outcomes, inJs.outcomes];
}

/** Element by element with Object.is, so that -0 and NaN count; the first difference named. */
function expectIdentical(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  const first = actual.findIndex((value, index) => !Object.is(value, expected[index]));
  expect(first === -1 ? 'identical' : `outcome number ${first}: ${actual[first]} instead of ${expected[first]}`).toBe('identical');
}

const machineArbitrary: fc.Arbitrary<FiniteStateMachine> = fc.integer({ min: 1, max: 6 }).chain((states) =>
  fc.record({
    initial: fc.integer({ min: 0, max: states - 1 }),
    cooperate: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: states, maxLength: states }),
    next: fc.array(fc.tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 0, max: states - 1 }))) as fc.Arbitrary<[number, number, number, number]>, {
      minLength: states,
      maxLength: states,
    }),
    trustThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

const payoffArbitrary = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constant(-0), fc.double({ min: -10, max: 10, noNaN: true }));

const gameArbitrary: fc.Arbitrary<Game> = fc.record({ R: payoffArbitrary, S: payoffArbitrary, T: payoffArbitrary, P: payoffArbitrary }) as fc.Arbitrary<Game>;

const clusterArbitrary = fc.option(
  fc.record({
    lowRisk: fc.boolean(),
    trust: fc.double({ min: 0, max: 1, noNaN: true }),
    detection: fc.double({ min: 0, max: 1, noNaN: true }),
    fine: fc.integer({ min: 0, max: 9 }),
  }),
  { nil: undefined },
);

describe('the WebAssembly match loop', () => {
  it('gives the outcomes of the JavaScript loop on random machines, ids, payoffs, noise, lengths and seeds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 4, unit: 'binary' }), machineArbitrary), { minLength: 1, maxLength: 4 }),
        gameArbitrary,
        fc.record({
          turns: fc.integer({ min: 0, max: 80 }),
          probEnd: fc.option(fc.oneof(fc.double({ min: 0.02, max: 1, noNaN: true }), fc.constant(1)), { nil: undefined }),
          noise: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
          repetitions: fc.integer({ min: 1, max: 3 }),
          selfPlay: fc.boolean(),
          seed: fc.oneof(fc.integer(), fc.double({ noNaN: true })),
        }),
        clusterArbitrary,
        (players, game, match, cluster) => {
          const contestants: Contestant[] = players.map(([id, machine]) => {
            const strategy = { id } as Strategy;
            return { strategy, parameters: {}, machine: compileMachine(strategy, machine) };
          });
          const settings: TournamentSettings = {
            game,
            ...match,
            cluster:
              cluster === undefined
                ? undefined
                : ({
                    activity: { lowRisk: cluster.lowRisk },
                    trust: cluster.trust,
                    sanctions: { detection: cluster.detection, fine: cluster.fine },
                    generation: 0,
                  } as unknown as ClusterContext),
          };
          const [inWasm, inJs] = bothWays(contestants, settings);
          expectIdentical(inWasm, inJs);
        },
      ),
      { numRuns: 150, seed: 18 },
    );
  });

  it('gives the outcomes of the JavaScript loop for the built-in machines, tullock and joss among them', () => {
    const strategies = [...classicStrategies, ...['tullock', 'joss', 'random', 'generous-tit-for-tat'].map((id) => findStrategy(id)!)];
    for (const noise of [0, 0.05]) {
      const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 60, probEnd: undefined, noise, repetitions: 2, selfPlay: true, seed: 3 };
      const contestants = prepareContestants(strategies, CLASSIC_GAME);
      expect(contestants.every((contestant) => contestant.machine !== undefined)).toBe(true);
      const [inWasm, inJs] = bothWays(contestants, settings);
      expectIdentical(inWasm, inJs);
    }
  });

  it("asks V8's Math.log when its own logarithm could floor to another gap, and still agrees", () => {
    // Noise chosen so that the first gap's log(u) / log1p(-noise) is within rounding of 3.
    const machine = compileMachine({ id: 'c' }, { initial: 0, cooperate: [1], next: [[0, 0, 0, 0]] });
    const contestants: Contestant[] = ['a', 'b'].map((id) => ({ strategy: { id } as Strategy, parameters: {}, machine }));
    const key = ['5', 'a', 'b', '0', 'noise'].join(KEY_SEPARATOR);
    const u = 1 - streamFromKey(key)();
    const noise = -Math.expm1(Math.log(u) / 3);
    const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 10, probEnd: undefined, noise, repetitions: 1, selfPlay: false, seed: 5 };
    const before = machineKernelHostLogCalls();
    const [inWasm, inJs] = bothWays(contestants, settings);
    expect(machineKernelHostLogCalls()).toBeGreaterThan(before);
    expectIdentical(inWasm, inJs);
  });

  it('leaves a table with a disqualified strategy, or a strategy without a machine, to the JavaScript loop', () => {
    const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 10, probEnd: undefined, noise: 0, repetitions: 1, selfPlay: true, seed: 1 };
    const table = new MatchTable(2, 1, true);
    const machines = prepareContestants(classicStrategies.slice(0, 2), CLASSIC_GAME);
    table.disqualified.set(0, 'broke a rule');
    expect(playMachineMatches(table, machines, settings, 0, table.size)).toBe(0);
    const clean = new MatchTable(2, 1, true);
    expect(playMachineMatches(clean, machines, settings, 0, clean.size)).toBe(clean.size);
    const withoutMachine = machines.map((contestant, index) => (index === 0 ? { ...contestant, machine: undefined } : contestant));
    expect(playMachineMatches(clean, withoutMachine, settings, 0, clean.size)).toBe(0);
  });

  it('hands a drawn length it cannot play back to the JavaScript loop at that match', () => {
    // probEnd 0: every length is infinite in both loops; a tiny probEnd draws lengths beyond the kernel's bound.
    const contestants = prepareContestants(classicStrategies.slice(0, 2), CLASSIC_GAME);
    const table = new MatchTable(2, 1, true);
    const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 10, probEnd: 1e-300, noise: 0, repetitions: 1, selfPlay: true, seed: 1 };
    expect(playMachineMatches(table, contestants, settings, 1, table.size)).toBe(1);
  });
});
