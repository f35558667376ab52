import type { Game } from '../core/game.js';
import { playMatch, prepareContestant, type Contestant, type MatchSettings } from '../core/match.js';
import { deriveStream, type RandomSource } from '../core/random.js';
import { runTournament } from '../core/tournament.js';
import type { Strategy } from '../strategies/api.js';

/**
 * Well-mixed population dynamics: Axelrod's ecological tournament, the Moran process and the
 * "cull the worst, clone the best" generations of teaching tools. No I/O: each returns the
 * share of every strategy per generation.
 */
export interface PopulationSettings extends MatchSettings {
  readonly seed: number;
}

export interface PopulationRun {
  /** shares[g][k]: share of strategy k in generation g (row 0: the start). */
  readonly shares: number[][];
  /** The strategy that took over the whole population, if one did. */
  readonly fixated: number | undefined;
}

/**
 * Axelrod (1984, ch. 2): each generation a strategy's share grows in proportion to its average
 * score against the current mix, from a tournament's score matrix.
 */
export function ecological(strategies: readonly Strategy[], counts: readonly number[], settings: PopulationSettings, generations: number, repetitions = 5): PopulationRun {
  const tournament = runTournament(strategies, { ...settings, repetitions, selfPlay: true });
  const matrix = tournament.matrix.map((row) => row.map((value) => value ?? 0));
  const total = counts.reduce((sum, count) => sum + count, 0);
  let shares = counts.map((count) => count / total);
  const series = [shares];
  for (let generation = 0; generation < generations; generation++) {
    const fitness = shares.map((_, i) => shares.reduce((sum, share, j) => sum + matrix[i]![j]! * share, 0));
    const mean = shares.reduce((sum, share, i) => sum + share * fitness[i]!, 0);
    // Shares below one in a billion die out, as in Axelrod's runs.
    shares = shares.map((share, i) => (mean > 0 ? (share * fitness[i]!) / mean : share)).map((share) => (share < 1e-9 ? 0 : share));
    const sum = shares.reduce((a, b) => a + b, 0);
    shares = shares.map((share) => share / sum);
    series.push(shares);
  }
  const survivors = shares.flatMap((share, i) => (share > 1 - 1e-9 ? [i] : []));
  return { shares: series, fixated: survivors[0] };
}

export interface MoranOptions {
  /** 'birth-death' (default): reproduce ∝ fitness, replace a random individual; 'death-birth': the reverse. */
  readonly order?: 'birth-death' | 'death-birth';
  readonly mutation?: number;
  /** 'complete' (default) or 'cycle': who interacts with and replaces whom. */
  readonly graph?: 'complete' | 'cycle';
  /** Keep going after fixation (useful with mutation). */
  readonly untilGenerations?: boolean;
}

/**
 * The Moran process on N individuals (Moran 1958; Nowak et al. 2004): each step one individual
 * reproduces in proportion to fitness and its offspring replaces one chosen at random (or the
 * reverse). A generation is N steps. Fitness comes from `fitnessOf(type, population, index)`.
 */
export function moranProcess(
  types: readonly number[],
  typeCount: number,
  fitnessOf: (individual: number, population: Uint8Array) => number,
  random: RandomSource,
  generations: number,
  options: MoranOptions = {},
): PopulationRun {
  const population = Uint8Array.from(types);
  const size = population.length;
  const neighbours = (individual: number): number[] =>
    options.graph === 'cycle' ? [(individual + size - 1) % size, (individual + 1) % size] : [];
  const pickOther = (individual: number): number => {
    if (options.graph === 'cycle') return neighbours(individual)[Math.floor(random() * 2)]!;
    let other = Math.floor(random() * (size - 1));
    if (other >= individual) other++;
    return other;
  };
  const proportional = (candidates: readonly number[]): number => {
    const weights = candidates.map((individual) => Math.max(0, fitnessOf(individual, population)));
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) return candidates[Math.floor(random() * candidates.length)]!;
    let target = random() * total;
    for (let k = 0; k < candidates.length; k++) {
      target -= weights[k]!;
      if (target < 0) return candidates[k]!;
    }
    return candidates[candidates.length - 1]!;
  };
  const shares = (): number[] => {
    const counts = new Array<number>(typeCount).fill(0);
    for (const type of population) counts[type]!++;
    return counts.map((count) => count / size);
  };
  const everyone = Array.from({ length: size }, (_, i) => i);
  const series = [shares()];
  const mutation = options.mutation ?? 0;
  const fixated = () => population.every((type) => type === population[0]);
  for (let generation = 0; generation < generations; generation++) {
    if (fixated() && mutation === 0 && options.untilGenerations !== true) break;
    for (let step = 0; step < size; step++) {
      let parent: number;
      let dying: number;
      if (options.order === 'death-birth') {
        dying = Math.floor(random() * size);
        parent = proportional(options.graph === 'cycle' ? neighbours(dying) : everyone.filter((individual) => individual !== dying));
      } else {
        parent = proportional(everyone);
        dying = options.graph === 'cycle' ? pickOther(parent) : Math.floor(random() * size);
      }
      population[dying] = mutation > 0 && random() < mutation ? Math.floor(random() * typeCount) : population[parent]!;
    }
    series.push(shares());
  }
  return { shares: series, fixated: fixated() ? population[0] : undefined };
}

/** Mean payoff per match of strategy i against j (both seats averaged), from a short tournament. */
export function payoffMatrix(strategies: readonly Strategy[], settings: PopulationSettings, repetitions = 5): number[][] {
  const { matrix } = runTournament(strategies, { ...settings, repetitions, selfPlay: true });
  return matrix.map((row) => row.map((value) => value ?? 0));
}

/** The Moran process with game payoffs: an individual's fitness is its mean payoff against its interaction partners. */
export function moranGame(strategies: readonly Strategy[], counts: readonly number[], settings: PopulationSettings, generations: number, options: MoranOptions = {}, runSeed = 0): PopulationRun {
  const matrix = payoffMatrix(strategies, settings);
  const types = counts.flatMap((count, type) => new Array<number>(count).fill(type));
  const size = types.length;
  const fitnessOf = (individual: number, population: Uint8Array): number => {
    const own = population[individual]!;
    if (options.graph === 'cycle') {
      return (matrix[own]![population[(individual + size - 1) % size]!]! + matrix[own]![population[(individual + 1) % size]!]!) / 2;
    }
    let sum = 0;
    for (let other = 0; other < size; other++) if (other !== individual) sum += matrix[own]![population[other]!]!;
    return sum / (size - 1);
  };
  return moranProcess(types, strategies.length, fitnessOf, deriveStream(settings.seed, 'moran', runSeed), generations, options);
}

/**
 * "The Evolution of Trust" (Case 2017): each generation every pair of individuals plays a
 * match; the `cull` lowest scorers are removed and the `cull` highest cloned. Ties are broken
 * by the seeded stream.
 */
export function generational(strategies: readonly Strategy[], counts: readonly number[], settings: PopulationSettings, generations: number, cull: number): PopulationRun {
  const contestants: Contestant[] = strategies.map((strategy) => prepareContestant(strategy, settings.game));
  let population = counts.flatMap((count, type) => new Array<number>(count).fill(type));
  const shares = (): number[] => strategies.map((_, type) => population.filter((member) => member === type).length / population.length);
  const series = [shares()];
  for (let generation = 0; generation < generations; generation++) {
    if (population.every((type) => type === population[0])) break;
    const scores = new Float64Array(population.length);
    for (let i = 0; i < population.length; i++) {
      for (let j = i + 1; j < population.length; j++) {
        const result = playMatch(contestants[population[i]!]!, contestants[population[j]!]!, settings, (purpose) => deriveStream(settings.seed, 'generational', generation, i, j, purpose));
        scores[i]! += result.scores[0];
        scores[j]! += result.scores[1];
      }
    }
    const tie = deriveStream(settings.seed, 'generational', generation, 'ties');
    const order = population.map((_, index) => ({ index, score: scores[index]!, tieBreak: tie() })).sort((a, b) => a.score - b.score || a.tieBreak - b.tieBreak);
    const removed = new Set(order.slice(0, cull).map((entry) => entry.index));
    const cloned = order.slice(-cull).map((entry) => population[entry.index]!);
    population = [...population.filter((_, index) => !removed.has(index)), ...cloned];
    series.push(shares());
  }
  const first = population[0]!;
  return { shares: series, fixated: population.every((type) => type === first) ? first : undefined };
}

export type { Game };
