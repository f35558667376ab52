import { CLASSIC_GAME } from '../core/game.js';
import { playMatch, prepareContestant, type MatchResult } from '../core/match.js';
import { StrategyFault } from '../core/errors.js';
import { deriveStream } from '../core/random.js';
import type { Strategy } from '../core/strategy.js';
import { builtinStrategies, classicStrategies } from '../../strategies/registry.js';

export interface ValidationCheck {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

const TURNS = 60;

function match(strategy: Strategy, opponent: Strategy, seed: number, noise = 0): MatchResult {
  return playMatch(
    prepareContestant(strategy, CLASSIC_GAME),
    prepareContestant(opponent, CLASSIC_GAME),
    { game: CLASSIC_GAME, turns: TURNS, noise },
    (purpose) => deriveStream(seed, 'validate', opponent.id, purpose),
    true,
  );
}

/** The provenance `cooplab new-strategy` writes, for the author to replace. */
export const TEMPLATE_PROVENANCE = 'Replace with who proposed it and where.';

/** A strategy says where it comes from: not the template's placeholder, not a word or two. */
function provenanceCheck(provenance: string): ValidationCheck {
  const text = provenance.trim();
  if (text === TEMPLATE_PROVENANCE)
    return { name: 'provenance', passed: false, detail: 'still the template\'s placeholder: say who proposed it and where, or "my own, <date>"' };
  if (text.length < 8) return { name: 'provenance', passed: false, detail: `'${text}' is too short: say who proposed it and where, or "my own, <date>"` };
  return { name: 'provenance', passed: true, detail: 'says where it comes from' };
}

/**
 * Plays a strategy against a battery of opponents and checks its behaviour against what it
 * declares: it plays without faults, it is reproducible, a deterministic one does not depend
 * on its random stream, and a finite memory depth is not exceeded.
 */
export function validateStrategy(strategy: Strategy): ValidationCheck[] {
  const checks: ValidationCheck[] = [provenanceCheck(strategy.provenance)];
  const battery = [...classicStrategies, builtinStrategies.find((candidate) => candidate.id === 'random')!];
  const runs: { opponent: Strategy; first: MatchResult; again: MatchResult; otherSeed: MatchResult; noisy: MatchResult }[] = [];
  try {
    for (const opponent of battery) {
      runs.push({
        opponent,
        first: match(strategy, opponent, 1),
        again: match(strategy, opponent, 1),
        otherSeed: match(strategy, opponent, 2),
        noisy: match(strategy, opponent, 3, 0.1),
      });
    }
    checks.push({ name: 'plays', passed: true, detail: `played ${TURNS} rounds against ${battery.length} opponents, with and without noise` });
  } catch (error) {
    const reason = error instanceof StrategyFault ? error.reason : error instanceof Error ? error.message : String(error);
    checks.push({ name: 'plays', passed: false, detail: reason });
    return checks;
  }
  const moves = (result: MatchResult) => result.moves![0].join('');
  const unreproducible = runs.find((run) => moves(run.first) !== moves(run.again));
  checks.push({
    name: 'reproducible',
    passed: unreproducible === undefined,
    detail:
      unreproducible === undefined
        ? 'the same seed gives the same moves'
        : `moved differently against ${unreproducible.opponent.id} with the same seed: randomness other than view.random()?`,
  });
  if (!strategy.classifier.stochastic) {
    const deterministicOpponents = runs.filter((run) => !run.opponent.classifier.stochastic);
    const varies = deterministicOpponents.find((run) => moves(run.first) !== moves(run.otherSeed));
    checks.push({
      name: 'deterministic',
      passed: varies === undefined,
      detail:
        varies === undefined
          ? 'declared deterministic, and moves do not depend on the seed'
          : `declared deterministic, but moved differently against ${varies.opponent.id} with another seed`,
    });
  }
  const depth = strategy.classifier.memoryDepth;
  if (Number.isFinite(depth) && !strategy.classifier.stochastic) {
    // Same last `depth` rounds (and past the opening), same move: otherwise it looks further back.
    const seen = new Map<string, string>();
    let conflict: string | undefined;
    for (const run of runs) {
      // Noise-free matches only: with noise a played move may not be the one chosen.
      for (const result of [run.first, run.otherSeed]) {
        const [own, other] = result.moves!;
        for (let round = depth; round < own.length && conflict === undefined; round++) {
          const key = `${own.slice(round - depth, round).join('')}|${other.slice(round - depth, round).join('')}`;
          const previous = seen.get(key);
          if (previous !== undefined && previous !== own[round])
            conflict = `after the same last ${depth} round(s) (${key.replace('|', ' vs ')}) it played both C and D`;
          else seen.set(key, own[round]!);
        }
      }
    }
    checks.push({
      name: 'memory depth',
      passed: conflict === undefined,
      detail: conflict === undefined ? `declared memory depth ${depth}: consistent with every match played` : `declared memory depth ${depth}, but ${conflict}`,
    });
  }
  return checks;
}
