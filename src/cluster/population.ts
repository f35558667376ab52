import { InputError } from '../core/errors.js';
import { restartAll } from './pool.js';
import { seedRivalry } from './rivalry.js';
import type { StreamState } from '../core/random.js';
import { generatorOf, streamOf, type ClusterState } from './state.js';

/**
 * The starting population: each firm's strategy (drawn by weight, a share of co-operators, or
 * one defector in a resident population), the firms tied to external buyers, and each
 * relationship's starting trust and rivalry history.
 */
export function populate(state: ClusterState): void {
  const { parameters, strategyOf, space } = state;
  const ids = Object.keys(parameters.strategies);
  const weights = Object.values(parameters.strategies);
  const random = generatorOf(state, 'init', 0);
  const defector = ids.indexOf('defector');
  if (parameters.init === 'single-defector') {
    if (defector < 0) throw new InputError("init 'single-defector' needs 'defector' in parameters.strategies");
    let resident = -1;
    ids.forEach((_, index) => {
      if (index !== defector && (resident < 0 || weights[index]! > weights[resident]!)) resident = index;
    });
    if (resident < 0) throw new InputError("init 'single-defector' needs a strategy other than 'defector' in parameters.strategies");
    strategyOf.fill(resident);
    strategyOf[space.centre()] = defector;
  } else {
    const cooperator = ids.indexOf('cooperator');
    const useShare = parameters.cooperators !== null;
    if (useShare && cooperator < 0) throw new InputError("parameters.cooperators needs 'cooperator' in parameters.strategies");
    // Plain loops, not map/filter/reduce: V8's compiled copies of those made arrays of another
    // kind than the interpreter's, so the next run's populate left its compiled code (a sweep runs one a task).
    const others: number[] = [];
    for (let index = 0; index < ids.length; index++) if (!useShare || index !== cooperator) others.push(index);
    let total = 0;
    for (const index of others) total += weights[index]!;
    drawStrategies(strategyOf, random, useShare ? parameters.cooperators! : -1, cooperator, others, weights, total);
  }
  const buyers = streamOf(state, 'buyers', 0);
  if (parameters.externalBuyers.share > 0) tieBuyers(state.buyerTied, buyers, parameters.externalBuyers.share);
  // Each relationship's starting trust is written when the relationships are built (model-state.ts, startingTrust).
  seedRivalry(state);
  state.trustUniform = true;
  restartAll(state);
}

// The loops over the firms are functions of their own: V8 compiles a loop while it runs, and a
// sweep's next run entered that code again and left it where the code after the loop had not yet run.

/**
 * Each firm's strategy: a co-operator with probability `share` (none when it is −1), else one of `others` by weight.
 * Draws from the generator's method, not a closure: each run's closure would be a new call target to its compiled loop.
 */
function drawStrategies(
  strategyOf: Uint8Array,
  random: StreamState,
  share: number,
  cooperator: number,
  others: readonly number[],
  weights: readonly number[],
  total: number,
): void {
  for (let firm = 0; firm < strategyOf.length; firm++) {
    if (share >= 0 && random.uniform() < share) {
      strategyOf[firm] = cooperator;
      continue;
    }
    let target = random.uniform() * total;
    let chosen = others[others.length - 1]!;
    for (const index of others) {
      target -= weights[index]!;
      if (target < 0 && weights[index]! > 0) {
        chosen = index;
        break;
      }
    }
    strategyOf[firm] = chosen;
  }
}

/** Each firm is tied to an external buyer with probability `share`. */
function tieBuyers(buyerTied: Uint8Array, buyers: () => number, share: number): void {
  for (let firm = 0; firm < buyerTied.length; firm++) buyerTied[firm] = buyers() < share ? 1 : 0;
}
