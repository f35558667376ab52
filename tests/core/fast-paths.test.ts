import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME, type Game } from '../../src/core/game.js';
import { compiledMachineFor } from '../../src/core/machine.js';
import { playMatch, playMatchGeneral, prepareContestant, type MatchSettings } from '../../src/core/match.js';
import { deriveStream, KEY_SEPARATOR, StreamState, streamAfter, streamFromKey } from '../../src/core/random.js';
import { runTournament, type TournamentSettings } from '../../src/core/tournament.js';
import { finiteStateStrategy } from '../../src/authoring/define.js';
import type { FiniteStateMachine, Strategy } from '../../src/core/strategy.js';
import { builtinStrategies, findStrategy } from '../../strategies/registry.js';

describe('streams continued from a key prefix', () => {
  it('give the numbers of the whole key, whatever the split', () => {
    const key = `7${KEY_SEPARATOR}grudger${KEY_SEPARATOR}tit-for-tat${KEY_SEPARATOR}12${KEY_SEPARATOR}noise`;
    for (let split = 0; split <= key.length; split++) {
      const prefix = new StreamState().absorb(key.slice(0, split));
      const continued = streamAfter(prefix, key.slice(split));
      const whole = streamFromKey(key);
      const reference = seedrandom.tychei(key);
      for (let i = 0; i < 50; i++) {
        const value = continued();
        expect(value).toBe(whole());
        expect(value).toBe(reference());
      }
    }
  });

  it('leave the prefix as it was, so one prefix serves many keys', () => {
    const prefix = new StreamState().absorb('1\u001fa\u001f');
    const first = streamAfter(prefix, 'x');
    first();
    expect(streamAfter(prefix, 'y')()).toBe(streamFromKey('1\u001fa\u001fy')());
    expect(new StreamState().copy(prefix).absorb('x').seal().uniform()).toBe(streamFromKey('1\u001fa\u001fx')());
  });
});

describe("a tournament's matches", () => {
  it('draw from the streams keyed by seed, the ids in sorted order, the repetition and the purpose', () => {
    const ids = ['tullock', 'joss', 'tit-for-tat', 'random'];
    const strategies = ids.map((id) => findStrategy(id)!);
    const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 120, probEnd: undefined, noise: 0.05, repetitions: 3, selfPlay: true, seed: 5 };
    const result = runTournament(strategies, settings);
    for (const record of result.matches) {
      const [a, b] = [ids[record.first]!, ids[record.second]!];
      const [low, high] = a <= b ? [a, b] : [b, a];
      const alone = playMatch(
        prepareContestant(findStrategy(low)!, settings.game),
        prepareContestant(findStrategy(high)!, settings.game),
        settings,
        (purpose) => deriveStream(settings.seed, low, high, record.repetition, purpose),
      );
      const scores = a <= b ? alone.scores : [alone.scores[1], alone.scores[0]];
      expect(record.scores).toEqual(scores);
    }
  });
});

describe('the fast path for machines', () => {
  const machines = builtinStrategies.filter((strategy) => strategy.finiteState !== undefined);
  const games: Game[] = [
    CLASSIC_GAME,
    { R: 4, S: -1, T: 6, P: 0 }, // whole numbers, negative: counted
    { R: 3.1, S: 0.1, T: 5.3, P: 0.7 }, // fractions: summed turn by turn, in play order
    { R: 0.3, S: -0.2, T: 0.5, P: 0 },
  ];

  it('plays like the general path for whole and fractional payoffs, with noise and random choices', () => {
    const settingsFor = (game: Game, noise: number): MatchSettings => ({ game, turns: 80, noise });
    let compared = 0;
    for (const game of games) {
      for (const noise of [0, 0.1]) {
        for (let i = 0; i < machines.length; i += 3) {
          for (let j = 1; j < machines.length; j += 4) {
            const streams = (purpose: string) => deriveStream(i * 100 + j, purpose);
            const first = prepareContestant(machines[i]!, game);
            const second = prepareContestant(machines[j]!, game);
            const fast = playMatch(first, second, settingsFor(game, noise), streams, true);
            const general = playMatchGeneral(first, second, settingsFor(game, noise), streams, true);
            expect(fast).toEqual(general);
            expect(Object.is(fast.scores[0], general.scores[0]) && Object.is(fast.scores[1], general.scores[1])).toBe(true);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('scores +0, not -0, when every payoff played is zero', () => {
    const game = { R: 1, S: -0, T: 2, P: -0 };
    const defector = findStrategy('defector')!;
    const result = playMatch(prepareContestant(defector, game), prepareContestant(defector, game), { game, turns: 10, noise: 0 }, (purpose) =>
      deriveStream(1, purpose),
    );
    expect(Object.is(result.scores[0], 0)).toBe(true);
  });
});

describe('compiled machines', () => {
  function counting(): { strategy: Strategy; builds: () => number } {
    let builds = 0;
    const machine = (parameters: Record<string, number>): FiniteStateMachine => {
      builds++;
      return { initial: 0, cooperate: [parameters.p!, 0], next: [[0, 1, 0, 1] as const, [1, 1, 1, 1] as const] };
    };
    const strategy = finiteStateStrategy(
      {
        id: 'counted',
        name: 'Counted',
        description: '',
        provenance: 'test',
        classifier: { memoryDepth: Infinity, stochastic: true },
        parameters: { p: { default: 1, description: 'first state' } },
      },
      machine,
    );
    return { strategy, builds: () => builds };
  }

  it('are compiled once per strategy, parameters and payoffs, however many matches and players use them', () => {
    const { strategy, builds } = counting();
    const downing = findStrategy('downing')!; // plays move by move: the machine's players compile theirs
    const settings: TournamentSettings = { game: CLASSIC_GAME, turns: 30, probEnd: undefined, noise: 0.05, repetitions: 20, selfPlay: true, seed: 1 };
    runTournament([strategy, downing], settings);
    expect(builds()).toBe(1);
    runTournament([strategy, downing], { ...settings, game: { R: 4, S: 0, T: 5, P: 1 } });
    expect(builds()).toBe(2);
    const half = prepareContestant(strategy, CLASSIC_GAME, { p: 0.5 });
    expect(builds()).toBe(3);
    expect(prepareContestant(strategy, CLASSIC_GAME, { p: 0.5 }).machine).toBe(half.machine);
    expect(prepareContestant(strategy, CLASSIC_GAME).machine).not.toBe(half.machine);
    expect(builds()).toBe(3);
  });

  it('are not kept when they do not compile, so the fault comes back each time', () => {
    const broken = { initial: 3, cooperate: [1], next: [[0, 0, 0, 0] as const] };
    let builds = 0;
    const build = () => {
      builds++;
      return broken;
    };
    for (let k = 0; k < 2; k++) expect(() => compiledMachineFor({ id: 'broken' }, build, {}, CLASSIC_GAME, build)).toThrow(/initial state 3/);
    expect(builds).toBe(2);
  });
});
