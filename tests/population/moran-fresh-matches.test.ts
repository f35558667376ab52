import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { deriveStream } from '../../src/core/random.js';
import { type MoranFitness, moranGame, moranProcess, type PopulationSettings, payoffMatrix } from '../../src/population/dynamics.js';
import { matchesAreRandom } from '../../src/population/fresh-matches.js';
import { defineStrategy } from '../../src/authoring/define.js';
import { builtin } from '../support/play.js';

const tftAndDefector = [builtin('tit-for-tat'), builtin('defector')];
const threeAndThree = [3, 3];

/** The Moran process as moranGame ran it before fresh matches: every fitness from one matrix of 5 repetitions. */
function moranOnCachedMatrix(settings: PopulationSettings, run: number): number | undefined {
  const matrix = payoffMatrix(tftAndDefector, settings);
  const size = 6;
  const fitness: MoranFitness = {
    ofType: (type, counts) => {
      let sum = -matrix[type]![type]!;
      for (let other = 0; other < counts.length; other++) sum += matrix[type]![other]! * counts[other]!;
      return sum / (size - 1);
    },
  };
  return moranProcess([0, 0, 0, 1, 1, 1], 2, fitness, deriveStream(settings.seed, 'moran', run), 10_000).fixated;
}

/** Share of runs in which tit-for-tat (type 0) fixed, for each seed. */
function fixationShares(seeds: number, runs: number, fixedType: (seed: number, run: number) => number | undefined): number[] {
  return Array.from({ length: seeds }, (_, k) => {
    let fixed = 0;
    for (let run = 0; run < runs; run++) if (fixedType(k + 1, run) === 0) fixed++;
    return fixed / runs;
  });
}

/** Variance of the shares across seeds over the binomial variance p(1 − p)/runs that a reported interval assumes. */
function dispersion(shares: readonly number[], runs: number): number {
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const variance = shares.reduce((sum, share) => sum + (share - mean) ** 2, 0) / (shares.length - 1);
  return variance / ((mean * (1 - mean)) / runs);
}

describe('the Moran process with random match outcomes', () => {
  it('plays fresh matches exactly when noise, a probabilistic end or a stochastic strategy makes outcomes random', () => {
    const plain = { game: CLASSIC_GAME, turns: 50, noise: 0, seed: 1 };
    expect(matchesAreRandom(tftAndDefector, plain)).toBe(false);
    expect(matchesAreRandom(tftAndDefector, { ...plain, noise: 0.01 })).toBe(true);
    expect(matchesAreRandom(tftAndDefector, { ...plain, probEnd: 0.1 })).toBe(true);
    expect(matchesAreRandom([builtin('tit-for-tat'), builtin('generous-tit-for-tat')], plain)).toBe(true);
  });

  it('keeps the cached matrix for deterministic matches: the same run as before, step for step', () => {
    const settings = { game: CLASSIC_GAME, turns: 20, noise: 0, seed: 4 };
    const matrix = payoffMatrix(tftAndDefector, settings);
    for (let run = 0; run < 20; run++) {
      const cached = moranProcess(
        [0, 0, 0, 1, 1, 1],
        2,
        { ofType: (type, counts) => (matrix[type]![0]! * counts[0]! + matrix[type]![1]! * counts[1]! - matrix[type]![type]!) / 5 },
        deriveStream(4, 'moran', run),
        1000,
      );
      expect(moranGame(tftAndDefector, threeAndThree, settings, 1000, {}, run)).toEqual(cached);
    }
  });

  it('gives the same run for the same seed and run, and plays new matches for another run', () => {
    const settings = { game: CLASSIC_GAME, turns: 30, noise: 0.05, seed: 9 };
    for (const options of [{}, { order: 'death-birth' as const }, { graph: 'cycle' as const }, { graph: 'cycle' as const, order: 'death-birth' as const }]) {
      const runs = Array.from({ length: 12 }, (_, run) => moranGame(tftAndDefector, threeAndThree, settings, 200, options, run));
      expect(runs.map((_, run) => moranGame(tftAndDefector, threeAndThree, settings, 200, options, run))).toEqual(runs);
      expect(new Set(runs.map((run) => JSON.stringify(run.shares))).size).toBeGreaterThan(1);
      for (const run of runs) expect(run.fixated).toBeDefined();
    }
  });

  it('spreads across seeds no more than the binomial interval it reports (the cached matrix spread far more)', () => {
    // 2 rounds a match, so that one matrix of 5 repetitions is far from the mean payoffs and its error shows (and runs are cheap).
    // With the cached matrix the dispersion is 4.7 for seeds 1–16 and 7.8–14 for the next four sets of 16 seeds.
    const settings = (seed: number): PopulationSettings => ({ game: CLASSIC_GAME, turns: 2, noise: 0.05, seed });
    const seeds = 16;
    const runs = 300;
    // Under the binomial model (seeds − 1) × dispersion follows χ² with seeds − 1 degrees of freedom; its 99.9% point is 37.70.
    const limit = 37.7 / (seeds - 1);
    const fresh = dispersion(
      fixationShares(seeds, runs, (seed, run) => moranGame(tftAndDefector, threeAndThree, settings(seed), 10_000, {}, run).fixated),
      runs,
    );
    const cached = dispersion(
      fixationShares(seeds, runs, (seed, run) => moranOnCachedMatrix(settings(seed), run)),
      runs,
    );
    expect(fresh).toBeLessThan(limit);
    expect(cached).toBeGreaterThan(limit);
  });

  it("agrees with Axelrod-Python's MoranProcess: 3 Tit for Tat + 3 Defector, 200 turns, noise 0.05 fix on Tit for Tat in 0.627 ± 0.018", () => {
    const runs = 400;
    let fixed = 0;
    for (let run = 0; run < runs; run++) {
      if (moranGame(tftAndDefector, threeAndThree, { game: CLASSIC_GAME, turns: 200, noise: 0.05, seed: 1 }, 10_000, {}, run).fixated === 0) fixed++;
    }
    const share = fixed / runs;
    const standardError = Math.hypot(Math.sqrt((share * (1 - share)) / runs), 0.018 / 1.96);
    expect(Math.abs(share - 0.627)).toBeLessThan(1.96 * standardError);
  });
});

describe('a strategy that breaks the rules during fresh matches', () => {
  it('is disqualified as in a tournament: its matches are forfeited and the run goes on', () => {
    const throwsOnFifth = defineStrategy(
      {
        id: 'throws-on-fifth',
        name: 'Throws on the fifth move',
        description: 'Co-operates, then throws.',
        provenance: 'test fixture',
        classifier: { memoryDepth: 0, stochastic: false },
      },
      () => ({
        move: (view) => {
          if (view.round === 5) throw new Error('boom');
          return 'C';
        },
      }),
    );
    const settings = { game: CLASSIC_GAME, turns: 10, noise: 0.05, seed: 2 };
    for (let run = 0; run < 5; run++) expect(moranGame([builtin('tit-for-tat'), throwsOnFifth], [3, 3], settings, 1000, {}, run).fixated).toBe(0);
  });
});
