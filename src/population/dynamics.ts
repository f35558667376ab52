import type { Game } from '../core/game.js';
import { InputError } from '../core/errors.js';
import { playMatch, prepareContestant, type Contestant, type MatchSettings } from '../core/match.js';
import { deriveStream, type RandomSource } from '../core/random.js';
import { runTournament } from '../core/tournament.js';
import type { Strategy } from '../core/strategy.js';
import { freshMatchFitness, matchesAreRandom } from './fresh-matches.js';

/**
 * Well-mixed population dynamics: Axelrod's ecological tournament, the Moran process and the
 * "cull the worst, clone the best" generations of teaching tools. No I/O: each returns the
 * share of every strategy per generation.
 */
export interface PopulationSettings extends MatchSettings {
  readonly seed: number;
}

/** The shares of every strategy per generation, and the strategy that fixated, if any. */
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
export function ecological(
  strategies: readonly Strategy[],
  counts: readonly number[],
  settings: PopulationSettings,
  generations: number,
  repetitions = 5,
): PopulationRun {
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

/** Options of the Moran process: the order of birth and death, mutation, and the graph. */
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
 * Fitness in a Moran process: by type in a well-mixed population whose payoffs are fixed, or by
 * individual (on a graph, or well mixed when every step plays fresh matches).
 */
export interface MoranFitness {
  /** Well mixed: the fitness of an individual of `type` when the population holds `counts`. Used when given. */
  readonly ofType?: (type: number, counts: Int32Array) => number;
  /** The fitness of one individual at the current step. */
  readonly ofIndividual?: (individual: number, population: Uint8Array) => number;
  /** Called before each elementary step (numbered from 0 over the whole run): fitness drawn afresh each step starts anew. */
  readonly newStep?: (step: number) => void;
}

/**
 * The Moran process on N individuals (Moran 1958; Nowak et al. 2004): each step one individual
 * reproduces in proportion to fitness and its offspring replaces one chosen at random (or the
 * reverse). A generation is N steps. Well mixed, selection works on type counts (O(types) a step).
 */
export function moranProcess(
  types: readonly number[],
  typeCount: number,
  fitness: MoranFitness,
  random: RandomSource,
  generations: number,
  options: MoranOptions = {},
): PopulationRun {
  const population = Uint8Array.from(types);
  const size = population.length;
  const counts = new Int32Array(typeCount);
  for (const type of population) counts[type]!++;
  const cycle = options.graph === 'cycle';
  if (cycle && fitness.ofIndividual === undefined) throw new Error('moranProcess: a cycle needs fitness by individual');
  if (fitness.ofType === undefined && fitness.ofIndividual === undefined) throw new Error('moranProcess: fitness by type or by individual is needed');
  const byType = !cycle && fitness.ofType !== undefined;
  const weights = new Float64Array(typeCount);
  /** A type chosen in proportion to count × fitness, leaving out one individual of type `excluded`. */
  const chooseType = (excluded: number): number => {
    let total = 0;
    for (let type = 0; type < typeCount; type++) {
      const members = counts[type]! - (type === excluded ? 1 : 0);
      weights[type] = members > 0 ? members * Math.max(0, fitness.ofType!(type, counts)) : 0;
      total += weights[type]!;
    }
    if (total <= 0) {
      // No one has positive fitness: choose uniformly among the individuals.
      let target = Math.floor(random() * (size - (excluded >= 0 ? 1 : 0)));
      for (let type = 0; type < typeCount; type++) {
        target -= counts[type]! - (type === excluded ? 1 : 0);
        if (target < 0) return type;
      }
      return typeCount - 1;
    }
    let target = random() * total;
    for (let type = 0; type < typeCount; type++) {
      target -= weights[type]!;
      if (target < 0 && weights[type]! > 0) return type;
    }
    return typeCount - 1;
  };
  const individual = new Float64Array(size);
  /** An individual chosen in proportion to fitness, leaving out `excluded` (-1: no one); uniformly if no one has positive fitness. */
  const chooseIndividual = (excluded: number): number => {
    let total = 0;
    for (let k = 0; k < size; k++) total += individual[k] = k === excluded ? 0 : Math.max(0, fitness.ofIndividual!(k, population));
    if (total <= 0) {
      const pick = Math.floor(random() * (size - (excluded >= 0 ? 1 : 0)));
      return excluded >= 0 && pick >= excluded ? pick + 1 : pick;
    }
    let target = random() * total;
    let parent = size - 1;
    for (let k = 0; k < size; k++) {
      target -= individual[k]!;
      if (target < 0 && individual[k]! > 0) {
        parent = k;
        break;
      }
    }
    return parent;
  };
  const neighbourBirth = (dying: number): number => {
    const left = (dying + size - 1) % size;
    const right = (dying + 1) % size;
    const a = Math.max(0, fitness.ofIndividual!(left, population));
    const b = Math.max(0, fitness.ofIndividual!(right, population));
    return a + b <= 0 ? (random() < 0.5 ? left : right) : random() * (a + b) < a ? left : right;
  };
  const shares = (): number[] => Array.from(counts, (count) => count / size);
  const series = [shares()];
  const mutation = options.mutation ?? 0;
  const fixated = () => counts.some((count) => count === size);
  const replace = (dying: number, type: number) => {
    counts[population[dying]!]!--;
    population[dying] = type;
    counts[type]!++;
  };
  for (let generation = 0; generation < generations; generation++) {
    if (fixated() && mutation === 0 && options.untilGenerations !== true) break;
    for (let step = 0; step < size; step++) {
      // Without mutation nothing changes after fixation: the rest of the generation is skipped (no draw it makes could matter).
      if (mutation === 0 && fixated()) break;
      fitness.newStep?.(generation * size + step);
      const mutant = mutation > 0 && random() < mutation ? Math.floor(random() * typeCount) : -1;
      if (!cycle && !byType) {
        // Well mixed with fitness by individual (fresh matches): the same rules, on individuals.
        if (options.order === 'death-birth') {
          const dying = Math.floor(random() * size);
          replace(dying, mutant >= 0 ? mutant : population[chooseIndividual(dying)]!);
        } else {
          const parent = chooseIndividual(-1);
          replace(Math.floor(random() * size), mutant >= 0 ? mutant : population[parent]!);
        }
        continue;
      }
      if (cycle) {
        if (options.order === 'death-birth') {
          const dying = Math.floor(random() * size);
          const parent = neighbourBirth(dying);
          replace(dying, mutant >= 0 ? mutant : population[parent]!);
        } else {
          let total = 0;
          for (let k = 0; k < size; k++) total += individual[k] = Math.max(0, fitness.ofIndividual!(k, population));
          let target = random() * total;
          let parent = size - 1;
          for (let k = 0; k < size; k++) {
            target -= individual[k]!;
            if (target < 0) {
              parent = k;
              break;
            }
          }
          const dying = random() < 0.5 ? (parent + size - 1) % size : (parent + 1) % size;
          replace(dying, mutant >= 0 ? mutant : population[parent]!);
        }
        continue;
      }
      // Well mixed: individuals of a type are interchangeable, so choose by type.
      if (options.order === 'death-birth') {
        const dying = Math.floor(random() * size);
        const type = chooseType(population[dying]!);
        replace(dying, mutant >= 0 ? mutant : type);
      } else {
        const type = chooseType(-1);
        replace(Math.floor(random() * size), mutant >= 0 ? mutant : type);
      }
    }
    series.push(shares());
  }
  return { shares: series, fixated: fixated() ? counts.indexOf(size) : undefined };
}

/** Mean payoff per match of strategy i against j (both seats averaged), from a short tournament. */
export function payoffMatrix(strategies: readonly Strategy[], settings: PopulationSettings, repetitions = 5): number[][] {
  const { matrix } = runTournament(strategies, { ...settings, repetitions, selfPlay: true });
  return matrix.map((row) => row.map((value) => value ?? 0));
}

/**
 * The Moran process with game payoffs: an individual's fitness is its mean payoff per match against its
 * interaction partners (everyone else, or its two neighbours on the cycle). When matches are deterministic
 * (no noise, fixed length, no stochastic strategy) every payoff comes from one cached matrix; otherwise
 * each step plays fresh matches (see fresh-matches.ts), as Axelrod-Python's MoranProcess does, so that
 * the fixation shares over many runs carry no hidden error from one sampled matrix.
 */
export function moranGame(
  strategies: readonly Strategy[],
  counts: readonly number[],
  settings: PopulationSettings,
  generations: number,
  options: MoranOptions = {},
  runSeed = 0,
): PopulationRun {
  const types = counts.flatMap((count, type) => new Array<number>(count).fill(type));
  const random = deriveStream(settings.seed, 'moran', runSeed);
  const graph = options.graph ?? 'complete';
  if (matchesAreRandom(strategies, settings)) {
    const fitness = freshMatchFitness(strategies, settings, types.length, graph, runSeed);
    return moranProcess(types, strategies.length, fitness, random, generations, options);
  }
  const matrix = payoffMatrix(strategies, settings);
  const size = types.length;
  const fitness: MoranFitness = {
    // Mean payoff against everyone else.
    ofType: (type, population) => {
      let sum = -matrix[type]![type]!;
      for (let other = 0; other < population.length; other++) sum += matrix[type]![other]! * population[other]!;
      return sum / (size - 1);
    },
    // Mean payoff against the two neighbours on the cycle.
    ofIndividual: (individual, population) => {
      const own = population[individual]!;
      return (matrix[own]![population[(individual + size - 1) % size]!]! + matrix[own]![population[(individual + 1) % size]!]!) / 2;
    },
  };
  return moranProcess(types, strategies.length, fitness, random, generations, options);
}

/**
 * "The Evolution of Trust" (Case 2017): each generation every pair of individuals plays a
 * match; the `cull` lowest scorers are removed and the `cull` highest cloned. Ties are broken
 * by the seeded stream.
 */
export function generational(
  strategies: readonly Strategy[],
  counts: readonly number[],
  settings: PopulationSettings,
  generations: number,
  cull: number,
): PopulationRun {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (!Number.isInteger(cull) || cull < 0 || cull > total / 2)
    throw new InputError(`invalid --cull ${cull}: expected a whole number from 0 to half the population (${Math.floor(total / 2)})`);
  const contestants: Contestant[] = strategies.map((strategy) => prepareContestant(strategy, settings.game));
  let population = counts.flatMap((count, type) => new Array<number>(count).fill(type));
  const shares = (): number[] => strategies.map((_, type) => population.filter((member) => member === type).length / population.length);
  const series = [shares()];
  for (let generation = 0; generation < generations; generation++) {
    if (population.every((type) => type === population[0])) break;
    const scores = new Float64Array(population.length);
    for (let i = 0; i < population.length; i++) {
      for (let j = i + 1; j < population.length; j++) {
        const result = playMatch(contestants[population[i]!]!, contestants[population[j]!]!, settings, (purpose) =>
          deriveStream(settings.seed, 'generational', generation, i, j, purpose),
        );
        scores[i]! += result.scores[0];
        scores[j]! += result.scores[1];
      }
    }
    const tie = deriveStream(settings.seed, 'generational', generation, 'ties');
    const order = population
      .map((_, index) => ({ index, score: scores[index]!, tieBreak: tie() }))
      .sort((a, b) => a.score - b.score || a.tieBreak - b.tieBreak);
    const removed = new Set(order.slice(0, cull).map((entry) => entry.index));
    const cloned = order.slice(order.length - cull).map((entry) => population[entry.index]!);
    population = [...population.filter((_, index) => !removed.has(index)), ...cloned];
    series.push(shares());
  }
  const first = population[0]!;
  return { shares: series, fixated: population.every((type) => type === first) ? first : undefined };
}

export type { Game };
