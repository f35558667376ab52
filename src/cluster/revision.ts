import { classifyAhead, fermi, forgetClassesAhead, imitateBest, moran, staleTorusOf, type Revision } from './evolution.js';
import { CurrentPayoffs, memorylessEligible, imitateBestFromKernel } from './kernel.js';
import { restartChanged } from './pool.js';
import { Lattice } from './space.js';
import { startNextFlipsBeside } from './split-play.js';
import { drawStepsOnThread, dropStepDrawsEarly, startStepDrawsEarly } from './split-revision.js';
import { streamWithState, type ClusterState } from './state.js';
import { startTrustSumBeside } from './trust-beside.js';

/** One CurrentPayoffs per run, so that its per-firm buffers are reused from one revision to the next. */
const currentPayoffs = new WeakMap<ClusterState, CurrentPayoffs>();

/**
 * The payoffs a sequential rule reads. In memory-less play a firm's payoff is a function of its
 * neighbours' strategies, so an elementary step can use the current configuration's, as Szabó &
 * Tőke (1998) and Ohtsuki et al. (2006) do. Otherwise (strategies with memory, trust that moves,
 * several rounds of a relationship with a past) a payoff is what a generation of a relationship's
 * rounds paid, and those rounds cannot be replayed per step: the rule reads the generation's
 * (docs/model.md, "Evolution"). This depends on the population and the rules, not on whether the
 * kernel is switched on, so that `kernel: false` gives the same run.
 */
function currentPayoffsFor(state: ClusterState): CurrentPayoffs | undefined {
  if (!memorylessEligible(state.parameters, state.entries, state.trustUniform)) return undefined;
  let current = currentPayoffs.get(state);
  if (current === undefined) currentPayoffs.set(state, (current = new CurrentPayoffs()));
  return current.reset(state, state.parameters, state.activities, state.entries);
}

/** Per run: a copy of strategyOf from before the revision, kept from one revision to the next (a 2000² run copied 4 MB anew every generation). */
const beforeOf = new WeakMap<ClusterState, Uint8Array>();

function strategiesBefore(state: ClusterState): Uint8Array {
  const { strategyOf } = state;
  let before = beforeOf.get(state);
  if (before?.length !== strategyOf.length) beforeOf.set(state, (before = new Uint8Array(strategyOf.length)));
  before.set(strategyOf);
  return before;
}

/** fermi, its steps drawn on a play thread where it takes them on the generation's payoffs on a torus and the run has one to spare (split-revision.ts). */
function fermiDrawnBeside(state: ClusterState, revision: Revision, K: number): void {
  const torus = staleTorusOf(revision);
  const drawing = torus === undefined ? undefined : drawStepsOnThread(state, revision, torus);
  if (drawing === undefined) {
    fermi(revision, K);
    return;
  }
  fermi({ ...revision, drawn: drawing.drawn }, K);
  drawing.finish();
}

/**
 * Once a generation's play is over, gives a play thread what it can do beside the command's thread
 * before the revision: the mean trust's sum (trust-beside.ts), then, when this generation revises by
 * fermi on the generation's payoffs on a torus, the revision's draws (split-revision.ts), then the
 * next generation's noise flips (split-play.ts). The command's thread meanwhile records the
 * generation and takes the steps. Nothing is started for a run without threads.
 */
export function startRevisionBeside(state: ClusterState): void {
  if (state.threads?.drawSteps === undefined) return;
  startTrustSumBeside(state);
  const { update, mutation } = state.parameters;
  const space = state.neighbours;
  const revising = (state.generation + 1) % update.every === 0 && update.rule === 'fermi';
  const torus = space instanceof Lattice && space.boundary === 'torus' ? space : undefined;
  // The steps on current payoffs (memory-less play) draw as they go.
  const staleFermi = revising && torus !== undefined && !memorylessEligible(state.parameters, state.entries, state.trustUniform);
  if (staleFermi) startStepDrawsEarly(state, { torus, share: update.share, mutation, poolSize: state.pool.length });
  // Then the next generation's flips, while the command's thread takes the steps.
  startNextFlipsBeside(state);
  // Meanwhile this thread classifies the payoffs for the steps, where nothing changes payoffs or strategies before the revision (exits, organisers' fees, a market).
  if (staleFermi && state.parameters.exit.threshold === null && state.organisers === undefined && state.market === undefined && state.partners === undefined)
    classifyAhead(state.strategyOf, state.payoff, state.pool.length);
}

/** Firms revise their strategies by the update rule; those that changed restart their relationships' strategy state. */
export function revise(state: ClusterState): void {
  const { update, mutation } = state.parameters;
  const { neighbours: space, strategyOf } = state;
  const revision: Revision = {
    space,
    strategyOf,
    payoff: state.payoff,
    poolSize: state.pool.length,
    share: update.share,
    mutation,
    ...streamWithState(state, 'evolution'),
    scratch: (state.scratch ??= new Uint8Array(space.size)),
    current: update.rule === 'imitate-best' ? undefined : currentPayoffsFor(state),
    imitated: update.rule === 'imitate-best' ? () => imitateBestFromKernel(space, state.payoff) : undefined,
  };
  // Only strategies with private state per relationship need it rebuilt after a change.
  const stateful = state.players.size > 0 || state.entries.some((entry) => entry.machines === undefined || entry.machines[0]!.states > 1);
  const before = stateful ? strategiesBefore(state) : undefined;
  if (update.rule === 'imitate-best') imitateBest(revision);
  else if (update.rule === 'fermi') fermiDrawnBeside(state, revision, update.K);
  else moran(revision, update.K);
  // Draws started early for a revision that turned out otherwise: ended before anything else runs on the thread.
  dropStepDrawsEarly(state);
  forgetClassesAhead(strategyOf);
  if (before === undefined) return;
  restartChanged(state, before);
}
