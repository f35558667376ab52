import { compileMachine, type CompiledMachine } from '../core/machine.js';
import { resolveParameters, type ParameterValues, type Strategy } from '../core/strategy.js';
import { buildActivityTable, type ActivityTable } from './activities.js';
import { funded } from './maintenance.js';
import { WINDOW } from './relationships.js';
import { kernelPaysOff, ONE_THREAD, restartSplit, restartSplittable } from './split-play.js';
import type { ClusterState } from './state.js';

/** How each pool strategy plays: one compiled machine per activity, or through move(). */
export interface PoolEntry {
  readonly strategy: Strategy;
  readonly parameters: ParameterValues;
  /** Per activity; undefined when the strategy must go through the general path. */
  readonly machines: readonly CompiledMachine[] | undefined;
  /** Outcomes to replay when a firm takes the strategy over a relationship with a past. */
  readonly replayDepth: number;
}

export function poolEntry(strategy: Strategy, table: ActivityTable): PoolEntry {
  const parameters = resolveParameters(strategy);
  const depth = strategy.classifier.memoryDepth;
  const replayDepth = Number.isFinite(depth) ? Math.min(depth, WINDOW) : WINDOW;
  if (strategy.finiteState === undefined) return { strategy, parameters, machines: undefined, replayDepth };
  const machines = table.games.map((game) => compileMachine(strategy, strategy.finiteState!(parameters, game)));
  const first = machines[0]!;
  // One state per side serves every activity only if the machines share their transitions.
  const shared = machines.every(
    (machine) => machine.initial === first.initial && machine.next.length === first.next.length && machine.next.every((target, i) => target === first.next[i]),
  );
  if (!shared || first.states > 0xffff) return { strategy, parameters, machines: undefined, replayDepth };
  return { strategy, parameters, machines, replayDepth };
}

/** Recompiles what depends on parameters: the activity table and the pool's machines. */
export function refreshTables(state: ClusterState): void {
  const table = buildActivityTable(state.parameters, state.generation, {
    condition: state.maintenance.condition,
    funded: funded(state.parameters, state.maintenance),
  });
  const key = JSON.stringify(table.games);
  state.activities = table;
  if (key === state.activitiesKey && state.entries.length > 0) return;
  state.activitiesKey = key;
  const previous = state.entries;
  state.entries = state.pool.map((strategy) => poolEntry(strategy, table));
  // A strategy that moved between paths must restart its players' state.
  if (previous.length > 0 && previous.some((entry, k) => (entry.machines === undefined) !== (state.entries[k]!.machines === undefined))) {
    state.players.clear();
    restartAll(state);
  }
}

/** Every side of every relationship restarts its strategy. */
export function restartAll(state: ClusterState): void {
  // Relationships not built yet start with every machine in state 0 (model.ts), which is what a
  // restart gives while no strategy has a machine of several states.
  if (!state.relationshipsBuilt && state.entries.every((entry) => entry.machines === undefined || entry.machines[0]!.states === 1)) return;
  // As if every firm had changed strategy (no pool index is 255): each side belongs to one firm.
  if (state.entries.length < 255 && state.players.size === 0) {
    restartChanged(state, new Uint8Array(state.strategyOf.length).fill(255));
    return;
  }
  for (let edge = 0; edge < state.graph.count; edge++) {
    restartSide(state, edge, 0);
    restartSide(state, edge, 1);
  }
}

/** A side's strategy (re)starts: its private state is rebuilt from the relationship's past. */
export function restartSide(state: ClusterState, edge: number, side: number): void {
  const firm = side === 0 ? state.graph.firmA[edge]! : state.graph.firmB[edge]!;
  const slot = edge * 2 + side;
  if (state.players.size > 0) state.players.delete(slot);
  const entry = state.entries[state.strategyOf[firm]!]!;
  if (entry.machines === undefined) return;
  const machine = entry.machines[0]!;
  if (machine.states === 1) {
    state.relationships.machineState[slot] = 0;
    return;
  }
  const { window, rounds } = state.relationships;
  const own = window[slot]!;
  const other = window[edge * 2 + 1 - side]!;
  let machineState = machine.initial;
  for (let back = Math.min(rounds[edge]!, entry.replayDepth) - 1; back >= 0; back--) {
    machineState = machine.next[machineState * 4 + ((own >>> back) & 1) * 2 + ((other >>> back) & 1)]!;
  }
  state.relationships.machineState[slot] = machineState;
}

/** A firm took up another strategy: its side of each of its relationships restarts. */
export function restartFirm(state: ClusterState, firm: number): void {
  const { edgeOffsets, edgeList } = state.graph;
  for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
    const slot = edgeList[k]!;
    const edge = slot >> 1;
    restartSide(state, edge, slot & 1);
    if (state.graph.firmA[edge] === state.graph.firmB[edge]) restartSide(state, edge, 1);
  }
}

/**
 * Every firm whose strategy differs from `before` restarts its sides, as restartFirm would one by
 * one (the order does not matter: a side's state is rebuilt from its relationship's past, which a
 * restart does not change). With every strategy on the fast path it runs as one loop over the
 * firms with the machines at hand (a million-firm revision changes hundreds of thousands): the
 * split kernel's, in parts over the run's threads or on this one for a large run
 * (split-play-kernel.ts), or the loop here for a small run and while firms choose their partners
 * (the relationships change under the kernel's arrays).
 */
export function restartChanged(state: ClusterState, before: Uint8Array): void {
  const { strategyOf, entries } = state;
  const size = strategyOf.length;
  if (restartSplittable(state) && kernelPaysOff(state)) {
    restartSplit(state, state.threads ?? ONE_THREAD, before);
    return;
  }
  if (state.players.size > 0 || entries.some((entry) => entry.machines === undefined)) {
    for (let firm = 0; firm < size; firm++) if (strategyOf[firm] !== before[firm]) restartFirm(state, firm);
    return;
  }
  const { edgeOffsets, edgeList, firmA, firmB } = state.graph;
  const { window, rounds, machineState } = state.relationships;
  for (let firm = 0; firm < size; firm++) {
    const strategy = strategyOf[firm]!;
    if (strategy === before[firm]) continue;
    const entry = entries[strategy]!;
    const machine = entry.machines![0]!;
    const { next, initial } = machine;
    const single = machine.states === 1;
    const depth = entry.replayDepth;
    for (let k = edgeOffsets[firm]!; k < edgeOffsets[firm + 1]!; k++) {
      const slot = edgeList[k]!;
      const edge = slot >> 1;
      const self = firmA[edge] === firmB[edge];
      // A firm's relationship with itself is listed once: it restarts both sides.
      for (let side = self ? edge * 2 : slot; side <= (self ? edge * 2 + 1 : slot); side++) {
        if (single) {
          machineState[side] = 0;
          continue;
        }
        const own = window[side]!;
        const other = window[side ^ 1]!;
        let current = initial;
        for (let back = Math.min(rounds[edge]!, depth) - 1; back >= 0; back--) current = next[current * 4 + ((own >>> back) & 1) * 2 + ((other >>> back) & 1)]!;
        machineState[side] = current;
      }
    }
  }
}
