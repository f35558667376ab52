import { CONTEXTS } from '../core/machine.js';
import type { ActivityTable } from './activities.js';
import type { PlayTally } from './metrics.js';
import type { PoolEntry } from './pool.js';
import type { ClusterParameters } from './parameters.js';
import { buyerBonus, chooseActivity, machineContext, neighbourhoodPayoff, NO_ACTIVITY, sanctionsOn, settledPayoff } from './round-rules.js';
import { Lattice, type Space } from './space.js';

/**
 * The memory-less kernel: when every strategy in the pool is a single-state deterministic
 * machine (unconditional co-operators and defectors, or rules of the context alone) and no
 * mechanism needs per-round draws or per-relationship state, a generation's payoffs follow
 * from counting co-operating neighbours, as in Nowak & May's own computation. It gives the
 * same payoffs and metrics as playing every relationship (tests/cluster/kernel.test.ts) and is
 * what makes a million-firm Nowak & May lattice run at tens of millions of firm-updates per
 * second. Relationship histories are not written while it runs: no strategy it accepts reads them.
 */
export function memorylessEligible(parameters: ClusterParameters, entries: readonly PoolEntry[], trustUniform: boolean): boolean {
  if (!trustUniform || parameters.noise > 0 || parameters.trust.gain > 0 || parameters.trust.loss > 0 || parameters.trust.decay > 0) return false;
  if (sanctionsOn(parameters.sanctions.detection, parameters.sanctions.fine)) return false;
  if (parameters.exit.threshold !== null) return false;
  return entries.every((entry) => entry.machines?.every((machine) => machine.states === 1 && !machine.stochastic));
}

export interface MemorylessTarget {
  readonly space: Space;
  readonly strategyOf: Uint8Array;
  readonly payoff: Float64Array;
  readonly buyerTied: Uint8Array;
  readonly cooperationShare: Float32Array;
  readonly activityOf: Uint8Array;
}

export function playMemoryless(
  target: MemorylessTarget,
  parameters: ClusterParameters,
  table: ActivityTable,
  entries: readonly PoolEntry[],
  relationshipCount: number,
  observe = true,
): PlayTally {
  const { space, strategyOf, payoff, buyerTied, cooperationShare, activityOf } = target;
  const { size, neighbourOffsets, neighbourList } = space;
  const activityRounds = new Float64Array(table.count);
  payoff.fill(0);
  const neighbourActivity = chooseActivity(table, parameters.trust.initial);
  const selfActivity = chooseActivity(table, 1);
  if (neighbourActivity < 0) {
    cooperationShare.fill(0);
    activityOf.fill(NO_ACTIVITY);
    return { cooperations: 0, moves: 0, mutual: 0, rounds: 0, fines: 0, activityRounds };
  }
  // Each strategy's one move, towards neighbours (trust as set) and towards itself (full trust).
  const moveOf = (activity: number, trust: number): Uint8Array =>
    Uint8Array.from(entries, (entry) => {
      const machine = entry.machines![activity]!;
      return machine.cooperate[machine.initial * CONTEXTS + machineContext(table, activity, trust, machine.trustThreshold)]! >= 1 ? 0 : 1;
    });
  const neighbourMove = moveOf(neighbourActivity, parameters.trust.initial);
  const selfMove = selfActivity < 0 ? neighbourMove : moveOf(selfActivity, 1);
  const self = parameters.selfInteraction && selfActivity >= 0;
  const rounds = parameters.roundsPerGeneration;
  const bonus = parameters.externalBuyers.bonus;
  const moves = new Uint8Array(size);
  for (let firm = 0; firm < size; firm++) moves[firm] = neighbourMove[strategyOf[firm]!]!;
  let cooperations = 0;
  let mutualTwice = 0;
  let selfCooperations = 0;
  let neighbourSides = 0;
  const lattice = space instanceof Lattice ? space : undefined;
  const deltas = lattice?.deltas ?? new Int32Array(0);
  const width = lattice?.width ?? 0;
  const deltaCount = deltas.length;
  const [d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0] = deltas;
  for (let firm = 0, column = 0; firm < size; firm++, column = column + 1 === width ? 0 : column + 1) {
    const from = neighbourOffsets[firm]!;
    const to = neighbourOffsets[firm + 1]!;
    let cooperating = 0;
    if (lattice !== undefined && column > 0 && column < width - 1 && firm >= width && firm < size - width) {
      if (deltaCount === 8) {
        // Moore, unrolled: the count of co-operating neighbours is Nowak & May's payoff.
        cooperating =
          8 -
          (moves[firm + d0]! +
            moves[firm + d1]! +
            moves[firm + d2]! +
            moves[firm + d3]! +
            moves[firm + d4]! +
            moves[firm + d5]! +
            moves[firm + d6]! +
            moves[firm + d7]!);
      } else {
        for (let k = 0; k < deltaCount; k++) cooperating += moves[firm + deltas[k]!]!;
        cooperating = deltaCount - cooperating;
      }
    } else {
      for (let k = from; k < to; k++) cooperating += 1 - moves[neighbourList[k]!]!;
    }
    const degree = to - from;
    const move = moves[firm]!;
    const tied = buyerTied[firm]!;
    let value = neighbourhoodPayoff(table, neighbourActivity, move, cooperating, degree, buyerBonus(move, tied, bonus));
    let cooperated = (1 - move) * degree;
    let played = degree;
    if (self) {
      const own = selfMove[strategyOf[firm]!]!;
      // A firm's move against itself: the two sides agree, so nobody is ever caught.
      value += settledPayoff(table, selfActivity, own, own, buyerBonus(own, tied, bonus), 0);
      cooperated += 1 - own;
      played += 1;
      selfCooperations += 1 - own;
    }
    payoff[firm] = value * rounds;
    if (observe) cooperationShare[firm] = played > 0 ? cooperated / played : 0;
    cooperations += (1 - move) * degree;
    mutualTwice += (1 - move) * cooperating;
    neighbourSides += degree;
  }
  const neighbourRounds = (neighbourSides / 2) * rounds;
  const selfRounds = self ? size * rounds : 0;
  activityRounds[neighbourActivity]! += neighbourRounds;
  if (self) activityRounds[selfActivity]! += selfRounds;
  activityOf.fill(self && table.threshold[selfActivity]! > table.threshold[neighbourActivity]! ? selfActivity : neighbourActivity);
  const totalRounds = neighbourRounds + selfRounds;
  if (totalRounds !== relationshipCount * rounds) throw new Error('memoryless kernel: relationship count mismatch');
  return {
    cooperations: (cooperations + 2 * selfCooperations) * rounds,
    moves: totalRounds * 2,
    mutual: (mutualTwice / 2 + selfCooperations) * rounds,
    rounds: totalRounds,
    fines: 0,
    activityRounds,
  };
}
