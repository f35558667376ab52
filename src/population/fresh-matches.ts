import { OUTCOME_SCORE, OUTCOME_SIZE, playMatchInto, prepareContestant, type Contestant } from '../core/match.js';
import { StrategyFault } from '../core/errors.js';
import { KEY_SEPARATOR, streamFromKey } from '../core/random.js';
import type { Strategy } from '../core/strategy.js';
import type { MoranFitness, PopulationSettings } from './dynamics.js';

/**
 * Whether two strategies can score differently from one match to the next: with noise, a
 * probabilistic end, or a strategy that uses its random stream. Only then does a Moran
 * process need fresh matches; deterministic matches always give the cached matrix's payoffs.
 */
export function matchesAreRandom(strategies: readonly Strategy[], settings: PopulationSettings): boolean {
  if (settings.noise > 0 || settings.probEnd !== undefined) return true;
  return strategies.some((strategy) => strategy.classifier.stochastic || prepareContestant(strategy, settings.game).machine?.stochastic === true);
}

/**
 * Moran fitness from matches played afresh at every step, as Axelrod-Python's MoranProcess does
 * (axelrod/moran.py, `score_all`: every step each pair of interacting players plays a new Match
 * with its own seed; only deterministic matches come from its cache). An individual's fitness is
 * its mean payoff per match against its partners: everyone else (complete graph) or its two
 * neighbours (cycle). Each pair plays at most one match a step, played only when a fitness that
 * needs it is read, from streams keyed by (seed, run, step, the pair, purpose): a run gives the
 * same result whatever else is computed and in whatever order.
 */
export function freshMatchFitness(
  strategies: readonly Strategy[],
  settings: PopulationSettings,
  size: number,
  graph: 'complete' | 'cycle',
  runSeed: number,
): MoranFitness {
  const contestants: Contestant[] = strategies.map((strategy) => prepareContestant(strategy, settings.game));
  // Per ordered pair (low index first): the scores of this step's match, valid when playedAt holds step + 1.
  const lowScore = new Float64Array(size * size);
  const highScore = new Float64Array(size * size);
  const playedAt = new Float64Array(size * size);
  const outcome = new Float64Array(OUTCOME_SIZE);
  // Types disqualified for breaking the rules: from their first fault on, their matches are forfeited (0 to both), as in a tournament.
  const disqualified = new Set<number>();
  let step = 0;
  const runKey = [settings.seed, 'moran', runSeed, 'match', ''].join(KEY_SEPARATOR);
  let stepKey = `${runKey}0${KEY_SEPARATOR}`;
  /** The payoff of `individual` in this step's match with `partner`. */
  const payoff = (individual: number, partner: number, population: Uint8Array): number => {
    const low = Math.min(individual, partner);
    const high = Math.max(individual, partner);
    const cell = low * size + high;
    if (playedAt[cell] !== step + 1) {
      // The key deriveStream(seed, 'moran', run, 'match', step, low, high, purpose) would build, joined by hand: this is the hot path.
      const pairKey = `${stepKey}${low}${KEY_SEPARATOR}${high}${KEY_SEPARATOR}`;
      const lowType = population[low]!;
      const highType = population[high]!;
      lowScore[cell] = 0;
      highScore[cell] = 0;
      if (!disqualified.has(lowType) && !disqualified.has(highType)) {
        try {
          playMatchInto(contestants[lowType]!, contestants[highType]!, settings, (purpose) => streamFromKey(pairKey + purpose), outcome, 0);
          lowScore[cell] = outcome[OUTCOME_SCORE]!;
          highScore[cell] = outcome[OUTCOME_SCORE + 1]!;
        } catch (error) {
          if (!(error instanceof StrategyFault)) throw error;
          disqualified.add(error.strategyId === contestants[lowType]!.strategy.id ? lowType : highType);
        }
      }
      playedAt[cell] = step + 1;
    }
    return individual === low ? lowScore[cell]! : highScore[cell]!;
  };
  return {
    newStep: (next) => {
      step = next;
      stepKey = `${runKey}${next}${KEY_SEPARATOR}`;
    },
    ofIndividual:
      graph === 'cycle'
        ? (individual, population) =>
            (payoff(individual, (individual + size - 1) % size, population) + payoff(individual, (individual + 1) % size, population)) / 2
        : (individual, population) => {
            let sum = 0;
            for (let partner = 0; partner < size; partner++) if (partner !== individual) sum += payoff(individual, partner, population);
            return sum / (size - 1);
          },
  };
}
