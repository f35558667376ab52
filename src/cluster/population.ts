import { InputError } from '../core/errors.js';
import { restartAll } from './pool.js';
import { seedRivalry } from './rivalry.js';
import { streamOf, type ClusterState } from './state.js';

/**
 * The starting population: each firm's strategy (drawn by weight, a share of co-operators, or
 * one defector in a resident population), the firms tied to external buyers, and each
 * relationship's starting trust and rivalry history.
 */
export function populate(state: ClusterState): void {
  const { parameters, strategyOf, space } = state;
  const size = space.size;
  const ids = Object.keys(parameters.strategies);
  const weights = Object.values(parameters.strategies);
  const random = streamOf(state, 'init', 0);
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
    const others = ids.map((_, index) => index).filter((index) => !useShare || index !== cooperator);
    const total = others.reduce((sum, index) => sum + weights[index]!, 0);
    for (let firm = 0; firm < size; firm++) {
      if (useShare && random() < parameters.cooperators!) {
        strategyOf[firm] = cooperator;
        continue;
      }
      let target = random() * total;
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
  const buyers = streamOf(state, 'buyers', 0);
  if (parameters.externalBuyers.share > 0) {
    for (let firm = 0; firm < size; firm++) state.buyerTied[firm] = buyers() < parameters.externalBuyers.share ? 1 : 0;
  }
  // Each relationship's starting trust is written when the relationships are built (model.ts, startingTrust).
  seedRivalry(state);
  state.trustUniform = true;
  restartAll(state);
}
