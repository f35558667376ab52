import { CONTEXTS } from '../core/machine.js';
import type { ActivityTable } from './activities.js';
import type { PlayTally } from './metrics.js';
import { organisersWork } from './organiser-parameters.js';
import type { PoolEntry } from './pool.js';
import { partnerChoiceOn, type ClusterParameters } from './parameters.js';
import { buyerBonus, chooseActivity, machineContext, neighbourhoodPayoff, NO_ACTIVITY, sanctionsOn, settledPayoff } from './round-rules.js';
import { countNeighbours } from './lattice-sweep.js';
import { torusPassesFor, type TorusArrays, type TorusPasses } from './torus-passes.js';
import { Lattice, type Space } from './space.js';

/**
 * The memory-less kernel: when every strategy in the pool is a single-state deterministic
 * machine (unconditional co-operators and defectors, or rules of the context alone) and no
 * mechanism needs per-round draws or per-relationship state, a generation's payoffs follow
 * from counting co-operating neighbours, as in Nowak & May's own computation. It gives the
 * same payoffs and metrics as playing every relationship (tests/cluster/model.test.ts,
 * metrics.test.ts and nowak-may.test.ts run both paths) and is
 * what makes a million-firm Nowak & May lattice run at tens of millions of firm-updates per
 * second. Relationship histories are not written while it runs: no strategy it accepts reads them.
 */
export function memorylessEligible(parameters: ClusterParameters, entries: readonly PoolEntry[], trustUniform: boolean): boolean {
  if (!trustUniform || parameters.noise > 0 || parameters.trust.gain > 0 || parameters.trust.loss > 0 || parameters.trust.decay > 0) return false;
  if (sanctionsOn(parameters.sanctions.detection, parameters.sanctions.fine)) return false;
  if (parameters.exit.threshold !== null) return false;
  if (organisersWork(parameters)) return false;
  // Counting co-operating neighbours assumes the lattice's fixed ties.
  if (partnerChoiceOn(parameters)) return false;
  // Standing and announcements come from every round's acts, which the kernel does not play one by one.
  if (parameters.reputation?.enabled || parameters.communication?.enabled) return false;
  // Empty sites play no rounds, and market profits join the payoffs: the general path plays both.
  if (parameters.market?.enabled) return false;
  return entries.every((entry) => entry.machines?.every((machine) => machine.states === 1 && !machine.stochastic));
}

/** What a memory-less pool plays: one move per strategy towards neighbours (at the initial trust) and one towards itself (full trust). */
interface MemorylessMoves {
  /** The activity neighbours play, or -1 if none is enabled. */
  readonly neighbourActivity: number;
  readonly selfActivity: number;
  /** Per pool strategy: its move (0 = C, 1 = D). */
  readonly neighbourMove: Uint8Array;
  readonly selfMove: Uint8Array;
  /** Whether firms play themselves this generation. */
  readonly self: boolean;
}

function memorylessMoves(parameters: ClusterParameters, table: ActivityTable, entries: readonly PoolEntry[]): MemorylessMoves {
  const neighbourActivity = chooseActivity(table, parameters.trust.initial);
  const selfActivity = chooseActivity(table, 1);
  const moveOf = (activity: number, trust: number): Uint8Array =>
    Uint8Array.from(entries, (entry) => {
      if (activity < 0) return 1;
      const machine = entry.machines![activity]!;
      return machine.cooperate[machine.initial * CONTEXTS + machineContext(table, activity, trust, machine.trustThreshold)]! >= 1 ? 0 : 1;
    });
  const neighbourMove = moveOf(neighbourActivity, parameters.trust.initial);
  const selfMove = selfActivity < 0 ? neighbourMove : moveOf(selfActivity, 1);
  return { neighbourActivity, selfActivity, neighbourMove, selfMove, self: parameters.selfInteraction && selfActivity >= 0 };
}

/**
 * A firm's payoff for a generation and the share of its moves that were C, per (strategy, tie to
 * an external buyer, degree, co-operating neighbours): in memory-less play these few numbers decide
 * both, so the kernel looks them up instead of working them out per firm. Each entry is computed
 * by the same expressions, in the same order, as a firm's own computation would be, so a looked-up
 * payoff is the computed one to the bit.
 */
interface PayoffTable {
  /** Index: ((strategy * 2 + tied) * stride + degree) * stride + cooperating. */
  readonly value: Float64Array;
  readonly share: Float64Array;
  /** The largest degree + 1. */
  readonly stride: number;
  /**
   * Per entry: its rank among the table's distinct values, shifted left by RANK_SHIFT, so that
   * ranks compare as the payoffs do; undefined when there are too many values to rank.
   */
  readonly rankOf: Uint32Array | undefined;
}

function payoffTable(moves: MemorylessMoves, parameters: ClusterParameters, table: ActivityTable, poolSize: number, maxDegree: number): PayoffTable {
  const { neighbourActivity, selfActivity, neighbourMove, selfMove, self } = moves;
  const stride = maxDegree + 1;
  const bonus = parameters.externalBuyers.bonus;
  const rounds = parameters.roundsPerGeneration;
  const value = new Float64Array(poolSize * 2 * stride * stride);
  const share = new Float64Array(value.length);
  for (let strategy = 0; strategy < poolSize; strategy++) {
    const move = neighbourMove[strategy]!;
    for (let tied = 0; tied < 2; tied++) {
      for (let degree = 0; degree <= maxDegree; degree++) {
        for (let cooperating = 0; cooperating <= degree; cooperating++) {
          let payoff = neighbourhoodPayoff(table, neighbourActivity, move, cooperating, degree, buyerBonus(move, tied, bonus));
          let cooperated = (1 - move) * degree;
          let played = degree;
          if (self) {
            const own = selfMove[strategy]!;
            // A firm's move against itself: the two sides agree, so nobody is ever caught.
            payoff += settledPayoff(table, selfActivity, own, own, buyerBonus(own, tied, bonus), 0);
            cooperated += 1 - own;
            played += 1;
          }
          const index = ((strategy * 2 + tied) * stride + degree) * stride + cooperating;
          value[index] = payoff * rounds;
          share[index] = played > 0 ? cooperated / played : 0;
        }
      }
    }
  }
  return { value, share, stride, rankOf: ranksOf(value) };
}

/** Bits below a rank: 8 for the strategy, 4 for the neighbourhood position (torus-passes.ts). */
const RANK_SHIFT = 12;
/** The most distinct payoffs whose ranks fit beside a strategy and a position in a small integer. */
const MOST_RANKS = 1 << 18;

/** Each value's rank among the distinct values (equal values, 0 and −0 included, share a rank), shifted left by RANK_SHIFT. */
function ranksOf(value: Float64Array): Uint32Array | undefined {
  if (value.some(Number.isNaN)) return undefined;
  const distinct = [...new Set(value)].sort((a, b) => a - b);
  if (distinct.length > MOST_RANKS) return undefined;
  const rank = new Map(distinct.map((entry, index) => [entry, index << RANK_SHIFT]));
  return Uint32Array.from(value, (entry) => rank.get(entry)!);
}

/** The largest number of neighbours a firm has. */
function maxDegreeOf(space: Space): number {
  if (space instanceof Lattice && space.boundary === 'torus') return space.deltas.length;
  const offsets = space.neighbourOffsets;
  let most = 0;
  for (let firm = 0; firm < space.size; firm++) most = Math.max(most, offsets[firm + 1]! - offsets[firm]!);
  return most;
}

/** Whether every firm has the same number of neighbours (a torus): the kernel then need not read the offsets. */
function uniformDegree(space: Space): boolean {
  return space instanceof Lattice && space.boundary === 'torus';
}

/**
 * Per space, reused from one generation to the next: a firm's co-operation towards neighbours and
 * its count of co-operating neighbours; on a torus, the one-pass kernel over the model's arrays
 * (torus-passes.ts) and the payoff array whose ranks it wrote for imitate-best, until revision takes them.
 */
interface KernelBuffers {
  readonly flag: Uint8Array;
  readonly counts: Uint8Array;
  torus: { readonly arrays: TorusArrays; readonly passes: TorusPasses } | undefined;
  rankedFor: Float64Array | undefined;
}

const kernelBuffers = new WeakMap<Space, KernelBuffers>();

function buffersOf(space: Space): KernelBuffers {
  let buffers = kernelBuffers.get(space);
  if (buffers === undefined)
    kernelBuffers.set(space, (buffers = { flag: new Uint8Array(space.size), counts: new Uint8Array(space.size), torus: undefined, rankedFor: undefined }));
  return buffers;
}

/**
 * Imitate-best from the ranked payoffs the kernel wrote beside payoff in the generation just
 * played (torus-passes.ts), once: returns each firm's imitated strategy, or undefined (the next
 * call, or after a generation played another way).
 */
export function imitateBestFromKernel(space: Space, payoff: Float64Array): Uint8Array | undefined {
  const buffers = kernelBuffers.get(space);
  const torus = buffers?.torus;
  if (buffers === undefined || torus === undefined || buffers.rankedFor !== payoff) return undefined;
  buffers.rankedFor = undefined;
  torus.passes.imitateBest();
  return torus.arrays.next;
}

// The per-firm passes are functions of their own so that V8 optimises each whole: inside one
// function, a loop optimised on entry loses its code at the first line after it not yet run.

/**
 * Per firm: 1 if its move towards neighbours is C, into flag. Returns the generation's whole-number
 * totals that follow from the moves alone, added up in registers (a per-entry tally in memory cost
 * as much as the rest of the pass): C sides towards neighbours, and firms that co-operate with themselves.
 */
function flagCooperators(space: Space, strategyOf: Uint8Array, moves: MemorylessMoves, flag: Uint8Array): { cooperations: number; selfCooperations: number } {
  const cooperates = Uint8Array.from(moves.neighbourMove, (move) => 1 - move);
  const selfCooperates = Uint8Array.from(moves.selfMove, (move) => (moves.self ? 1 - move : 0));
  let cooperators = 0;
  let selfCooperations = 0;
  for (let firm = 0; firm < strategyOf.length; firm++) {
    const strategy = strategyOf[firm]!;
    const cooperating = cooperates[strategy]!;
    flag[firm] = cooperating;
    cooperators += cooperating;
    selfCooperations += selfCooperates[strategy]!;
  }
  if (uniformDegree(space)) return { cooperations: cooperators * (space.neighbourOffsets[1]! - space.neighbourOffsets[0]!), selfCooperations };
  const offsets = space.neighbourOffsets;
  let cooperations = 0;
  for (let firm = 0; firm < strategyOf.length; firm++) cooperations += flag[firm]! * (offsets[firm + 1]! - offsets[firm]!);
  return { cooperations, selfCooperations };
}

/** Writes each firm's payoff from the table. */
function lookUpPayoffs(target: MemorylessTarget, counts: Uint8Array, payoffs: PayoffTable): void {
  const { space, strategyOf, buyerTied, payoff } = target;
  const { value, stride } = payoffs;
  const size = space.size;
  if (uniformDegree(space)) {
    const degreeRow = (stride - 1) * stride;
    for (let firm = 0; firm < size; firm++) payoff[firm] = value[(strategyOf[firm]! * 2 + buyerTied[firm]!) * stride * stride + degreeRow + counts[firm]!]!;
    return;
  }
  const offsets = space.neighbourOffsets;
  for (let firm = 0; firm < size; firm++) {
    const degree = offsets[firm + 1]! - offsets[firm]!;
    payoff[firm] = value[((strategyOf[firm]! * 2 + buyerTied[firm]!) * stride + degree) * stride + counts[firm]!]!;
  }
}

/** Writes each firm's share of C moves from the table (the live view's). */
function lookUpShares(target: MemorylessTarget, counts: Uint8Array, payoffs: PayoffTable): void {
  const { space, strategyOf, buyerTied, cooperationShare } = target;
  const { share, stride } = payoffs;
  const offsets = space.neighbourOffsets;
  for (let firm = 0; firm < space.size; firm++) {
    const degree = offsets[firm + 1]! - offsets[firm]!;
    cooperationShare[firm] = share[((strategyOf[firm]! * 2 + buyerTied[firm]!) * stride + degree) * stride + counts[firm]!]!;
  }
}

export interface MemorylessTarget {
  readonly space: Space;
  /** Per firm: accumulated payoffs (the kernel adds the generation's when it is given `addToWealth`). */
  readonly wealth?: Float64Array | undefined;
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
  addToWealth = false,
): PlayTally {
  const { space, strategyOf, payoff, cooperationShare, activityOf } = target;
  const size = space.size;
  const activityRounds = new Float64Array(table.count);
  const activityCooperations = new Float64Array(table.count);
  const rungPairs = new Float64Array(table.count);
  const pairs = relationshipCount - (parameters.selfInteraction ? size : 0);
  const moves = memorylessMoves(parameters, table, entries);
  const { neighbourActivity, selfActivity, self } = moves;
  if (neighbourActivity < 0) {
    payoff.fill(0);
    cooperationShare.fill(0);
    activityOf.fill(NO_ACTIVITY);
    return { cooperations: 0, moves: 0, mutual: 0, rounds: 0, fines: 0, activityRounds, activityCooperations, rungPairs, pairs };
  }
  // Every pair plays at the initial trust: on its activity's rung if that trust meets the threshold, else on none.
  if (table.threshold[neighbourActivity]! <= parameters.trust.initial) rungPairs[neighbourActivity] = pairs;
  const rounds = parameters.roundsPerGeneration;
  const buffers = buffersOf(space);
  buffers.rankedFor = undefined;
  const payoffs = payoffTable(moves, parameters, table, entries.length, maxDegreeOf(space));
  const fused = playFused(target, moves, payoffs, buffers, observe, addToWealth);
  let cooperations: number;
  let selfCooperations: number;
  let mutualTwice: number;
  let payoffSum: number | undefined;
  if (fused !== undefined) {
    ({ cooperations, selfCooperations, mutualTwice, payoffSum } = fused);
  } else {
    const { flag, counts } = buffers;
    ({ cooperations, selfCooperations } = flagCooperators(space, strategyOf, moves, flag));
    // Whole numbers throughout, so these sums are the firm-by-firm ones exactly, in any order.
    mutualTwice = countNeighbours(space, flag, counts);
    lookUpPayoffs(target, counts, payoffs);
    if (observe) lookUpShares(target, counts, payoffs);
  }
  const neighbourSides = space.neighbourOffsets[size]!;
  const neighbourRounds = (neighbourSides / 2) * rounds;
  const selfRounds = self ? size * rounds : 0;
  activityRounds[neighbourActivity]! += neighbourRounds;
  activityCooperations[neighbourActivity]! += cooperations * rounds;
  if (self) {
    activityRounds[selfActivity]! += selfRounds;
    // Both sides of a self-relationship's round are the firm's own move.
    activityCooperations[selfActivity]! += 2 * selfCooperations * rounds;
  }
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
    activityCooperations,
    rungPairs,
    pairs,
    ...(payoffSum === undefined ? {} : { payoffSum, wealthAdded: true }),
  };
}

/**
 * The generation in one pass (torus-passes.ts) on a torus when nobody needs the per-firm counts
 * (the live view's shares) and the caller lets the pass add payoffs to wealth; undefined (and
 * nothing written) otherwise.
 */
function playFused(
  target: MemorylessTarget,
  moves: MemorylessMoves,
  payoffs: PayoffTable,
  buffers: KernelBuffers,
  observe: boolean,
  addToWealth: boolean,
): { cooperations: number; selfCooperations: number; mutualTwice: number; payoffSum: number } | undefined {
  const { space, strategyOf, buyerTied, payoff, wealth } = target;
  const rankOf = payoffs.rankOf;
  if (observe || !addToWealth || wealth === undefined || rankOf === undefined || !uniformDegree(space)) return undefined;
  const lattice = space as Lattice;
  let torus = buffers.torus;
  const { arrays } = torus ?? {};
  if (
    torus === undefined ||
    arrays!.strategyOf !== strategyOf ||
    arrays!.buyerTied !== buyerTied ||
    arrays!.payoff !== payoff ||
    arrays!.wealth !== wealth ||
    arrays!.value.length !== payoffs.value.length ||
    arrays!.cooperates.length !== moves.neighbourMove.length
  ) {
    const fresh: TorusArrays = {
      strategyOf,
      buyerTied,
      payoff,
      wealth,
      flag: buffers.flag,
      ranked: new Uint32Array(space.size),
      next: new Uint8Array(space.size),
      cooperates: new Uint8Array(moves.neighbourMove.length),
      selfCooperates: new Uint8Array(moves.neighbourMove.length),
      value: new Float64Array(payoffs.value.length),
      rankOf: new Uint32Array(payoffs.value.length),
      totals: new Float64Array(4),
    };
    buffers.torus = torus = { arrays: fresh, passes: torusPassesFor(lattice.width, lattice.height, lattice.neighbourhood === 'moore', payoffs.stride, fresh) };
  }
  const fixed = torus.arrays;
  // The passes were made over these arrays: this generation's rules go into them in place.
  for (let strategy = 0; strategy < fixed.cooperates.length; strategy++) {
    fixed.cooperates[strategy] = 1 - moves.neighbourMove[strategy]!;
    fixed.selfCooperates[strategy] = moves.self ? 1 - moves.selfMove[strategy]! : 0;
  }
  fixed.value.set(payoffs.value);
  fixed.rankOf.set(rankOf);
  torus.passes.play();
  buffers.rankedFor = payoff;
  const [cooperators, selfCooperations, flaggedPairs, payoffSum] = fixed.totals;
  const degree = space.neighbourOffsets[1]! - space.neighbourOffsets[0]!;
  return { cooperations: cooperators! * degree, selfCooperations: selfCooperations!, mutualTwice: flaggedPairs!, payoffSum: payoffSum! };
}

/**
 * The payoffs of the configuration as it stands, for the sequential revision rules (Fermi,
 * death–birth Moran) in memory-less play: Szabó & Tőke (1998) and Ohtsuki et al. (2006) give
 * the firms involved in an elementary step the payoffs of the current strategies, not those of
 * the last generation. A firm's payoff follows from its move and its count of co-operating
 * neighbours (as in playMemoryless, to the bit), so the counts are kept per firm and updated
 * only when a firm's move changes: a payoff costs O(1), a change O(degree), and nothing is
 * allocated per step. The same bookkeeping as Stollmeier's replication of Ohtsuki et al.
 * (ReScience, pd_graph_lib: adjacent_cooperators).
 */
/**
 * On a torus, each firm's payoff entry packed, strategy << 5 | tied << 4 | co-operating
 * neighbours, so that a sequential step reads one array for a firm's strategy and payoff instead
 * of three scattered ones (strategies, ties to buyers, counts): at 2000² the step is bound by
 * those random reads. One byte a firm for up to 8 strategies (4 MB at 2000², which the caches and
 * the address translation keep far better than 8), 16 bits beyond.
 */
export interface PackedTorus {
  readonly entry: Uint8Array | Uint16Array;
  /** The payoff of each packed entry (the payoff table's, to the bit). */
  readonly value: Float64Array;
  /** Per strategy: 1 if it co-operates with neighbours. */
  readonly cooperates: Uint8Array;
  readonly strategyOf: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly dxs: Int32Array;
  readonly dys: Int32Array;
}

/** Bits of a packed entry below its strategy: the tie to a buyer (bit 4) and the count (bits 0–3). */
export const PACKED_STRATEGY_SHIFT = 5;

export class CurrentPayoffs {
  /** Per firm: 1 if its move towards neighbours is C. */
  #flag: Uint8Array = new Uint8Array(0);
  #cooperating: Uint8Array = new Uint8Array(0);
  #cooperates: Uint8Array = new Uint8Array(0);
  #payoffs: PayoffTable | undefined;
  #playing = false;
  #space: Space | undefined;
  #strategyOf: Uint8Array = new Uint8Array(0);
  #buyerTied: Uint8Array = new Uint8Array(0);
  /** On a torus: the degree, and the neighbours' (dx, dy), for arithmetic neighbours (no reads of the 64 MB lists of a 2000² lattice). */
  #torus: Lattice | undefined;
  #dxs: Int32Array = new Int32Array(0);
  #dys: Int32Array = new Int32Array(0);
  #entry: Uint8Array | Uint16Array = new Uint8Array(0);
  #packed: PackedTorus | undefined;

  /**
   * Reads the configuration and the rules in force (once per revision; the per-firm buffers are
   * kept between revisions of the same size).
   */
  reset(
    target: Pick<MemorylessTarget, 'space' | 'strategyOf' | 'buyerTied'>,
    parameters: ClusterParameters,
    table: ActivityTable,
    entries: readonly PoolEntry[],
  ): this {
    const { space, strategyOf, buyerTied } = target;
    const size = space.size;
    const moves = memorylessMoves(parameters, table, entries);
    this.#space = space;
    this.#strategyOf = strategyOf;
    this.#buyerTied = buyerTied;
    this.#playing = moves.neighbourActivity >= 0;
    this.#payoffs = this.#playing ? payoffTable(moves, parameters, table, entries.length, maxDegreeOf(space)) : undefined;
    this.#cooperates = Uint8Array.from(moves.neighbourMove, (move) => 1 - move);
    this.#torus = uniformDegree(space) ? (space as Lattice) : undefined;
    this.#dxs = Int32Array.from(this.#torus?.offsets ?? [], ([dx]) => dx);
    this.#dys = Int32Array.from(this.#torus?.offsets ?? [], ([, dy]) => dy);
    if (this.#flag.length !== size) {
      this.#flag = new Uint8Array(size);
      this.#cooperating = new Uint8Array(size);
    }
    const flag = this.#flag;
    const cooperates = this.#cooperates;
    for (let firm = 0; firm < size; firm++) flag[firm] = cooperates[strategyOf[firm]!]!;
    countNeighbours(space, flag, this.#cooperating);
    this.#packed = this.#pack();
    return this;
  }

  /** The packed entries when the space is a torus with room for them in 16 bits (at most 15 neighbours, 2047 strategies). */
  #pack(): PackedTorus | undefined {
    const torus = this.#torus;
    const payoffs = this.#payoffs;
    const poolSize = this.#cooperates.length;
    if (torus === undefined || payoffs === undefined || payoffs.stride > 16 || poolSize >= 1 << (16 - PACKED_STRATEGY_SHIFT)) return undefined;
    const { stride } = payoffs;
    const size = torus.size;
    const bytes = poolSize <= 1 << (8 - PACKED_STRATEGY_SHIFT);
    if (this.#entry.length !== size || this.#entry instanceof Uint8Array !== bytes) this.#entry = bytes ? new Uint8Array(size) : new Uint16Array(size);
    const entry = this.#entry;
    const strategyOf = this.#strategyOf;
    const buyerTied = this.#buyerTied;
    const cooperating = this.#cooperating;
    for (let firm = 0; firm < size; firm++) entry[firm] = (strategyOf[firm]! << PACKED_STRATEGY_SHIFT) | (buyerTied[firm]! << 4) | cooperating[firm]!;
    const value = new Float64Array(poolSize << PACKED_STRATEGY_SHIFT);
    for (let strategy = 0; strategy < poolSize; strategy++) {
      for (let tied = 0; tied < 2; tied++) {
        for (let count = 0; count < stride; count++) {
          value[(strategy << PACKED_STRATEGY_SHIFT) | (tied << 4) | count] = payoffs.value[((strategy * 2 + tied) * stride + stride - 1) * stride + count]!;
        }
      }
    }
    return { entry, value, cooperates: this.#cooperates, strategyOf, width: torus.width, height: torus.height, dxs: this.#dxs, dys: this.#dys };
  }

  /** The packed entries (a torus), which adopt keeps up to date; undefined elsewhere. */
  get packed(): PackedTorus | undefined {
    return this.#packed;
  }

  /** A firm's payoff for a generation against its neighbours' current strategies. */
  payoffOf(firm: number): number {
    if (!this.#playing) return 0;
    const packed = this.#packed;
    if (packed !== undefined) return packed.value[packed.entry[firm]!]!;
    const { value, stride } = this.#payoffs!;
    const offsets = this.#space!.neighbourOffsets;
    const degree = this.#torus === undefined ? offsets[firm + 1]! - offsets[firm]! : stride - 1;
    return value[((this.#strategyOf[firm]! * 2 + this.#buyerTied[firm]!) * stride + degree) * stride + this.#cooperating[firm]!]!;
  }

  /** Gives a firm a strategy and, if its move changes, tells its neighbours. */
  adopt(firm: number, strategy: number): void {
    const packed = this.#packed;
    if (packed !== undefined) {
      adoptPacked(packed, firm, strategy);
      return;
    }
    this.#strategyOf[firm] = strategy;
    const flag = this.#cooperates[strategy]!;
    const change = flag - this.#flag[firm]!;
    if (change === 0) return;
    this.#flag[firm] = flag;
    const cooperating = this.#cooperating;
    const torus = this.#torus;
    if (torus !== undefined) {
      const { width, height } = torus;
      const x = firm % width;
      const y = (firm - x) / width;
      for (let k = 0; k < this.#dxs.length; k++) {
        let nx = x + this.#dxs[k]!;
        let ny = y + this.#dys[k]!;
        if (nx < 0) nx += width;
        else if (nx >= width) nx -= width;
        if (ny < 0) ny += height;
        else if (ny >= height) ny -= height;
        cooperating[ny * width + nx]! += change;
      }
      return;
    }
    const { neighbourOffsets, neighbourList } = this.#space!;
    for (let k = neighbourOffsets[firm]!; k < neighbourOffsets[firm + 1]!; k++) cooperating[neighbourList[k]!]! += change;
  }
}

/** CurrentPayoffs.adopt on packed entries: the firm's strategy, and its neighbours' counts if its move changes. */
export function adoptPacked(packed: PackedTorus, firm: number, strategy: number): void {
  packed.strategyOf[firm] = strategy;
  adoptPackedEntry(packed, firm, strategy);
}

/** adoptPacked without writing strategyOf, for loops that copy the strategies from the entries once at the end. */
export function adoptPackedEntry(packed: PackedTorus, firm: number, strategy: number): void {
  const { entry, cooperates, width, height, dxs, dys } = packed;
  const old = entry[firm]!;
  entry[firm] = (strategy << PACKED_STRATEGY_SHIFT) | (old & ((1 << PACKED_STRATEGY_SHIFT) - 1));
  const change = cooperates[strategy]! - cooperates[old >> PACKED_STRATEGY_SHIFT]!;
  if (change === 0) return;
  const x = firm % width;
  const y = (firm - x) / width;
  for (let k = 0; k < dxs.length; k++) {
    let nx = x + dxs[k]!;
    let ny = y + dys[k]!;
    if (nx < 0) nx += width;
    else if (nx >= width) nx -= width;
    if (ny < 0) ny += height;
    else if (ny >= height) ny -= height;
    entry[ny * width + nx]! += change;
  }
}
