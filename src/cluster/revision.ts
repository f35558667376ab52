import { fermi, imitateBest, moran, type Revision } from './evolution.js';
import { restartFirm } from './pool.js';
import { streamOf, type ClusterState } from './state.js';

/** Firms revise their strategies by the update rule; those that changed restart their relationships' strategy state. */
export function revise(state: ClusterState): void {
  const { update, mutation } = state.parameters;
  const { space, strategyOf } = state;
  const revision: Revision = {
    space,
    strategyOf,
    payoff: state.payoff,
    poolSize: state.pool.length,
    share: update.share,
    mutation,
    random: streamOf(state, 'evolution'),
    scratch: (state.scratch ??= new Uint8Array(space.size)),
  };
  // Only strategies with private state per relationship need it rebuilt after a change.
  const stateful = state.players.size > 0 || state.entries.some((entry) => entry.machines === undefined || entry.machines[0]!.states > 1);
  const before = stateful ? strategyOf.slice() : undefined;
  if (update.rule === 'imitate-best') imitateBest(revision);
  else if (update.rule === 'fermi') fermi(revision, update.K);
  else moran(revision);
  if (before === undefined) return;
  for (let firm = 0; firm < space.size; firm++) if (strategyOf[firm] !== before[firm]) restartFirm(state, firm);
}
