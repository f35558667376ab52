import type { RandomSource, StreamState } from '../core/random.js';
import type { PackedTorus } from './kernel.js';
import { DynamicNetwork } from './network.js';
import { bestOfNeighbourhood } from './lattice-sweep.js';
import { fermiOnPackedTorus, moranOnPackedTorus, type PackedSteps } from './packed-steps.js';
import { Lattice, type Space } from './space.js';
import { drawStaleSteps, type StaleDraws } from './stale-draws.js';
import { CLASS_SHIFT, classifyPayoffs, copyProbabilities, MOST_CLASSES, STRATEGIES, STRATEGY_MASK } from './payoff-classes.js';

/**
 * The payoffs of the configuration as it stands, kept up to date as firms change strategy
 * (kernel.ts, CurrentPayoffs, for memory-less play).
 */
export interface CurrentPayoffView {
  /** A firm's payoff for a generation against its neighbours' current strategies. */
  payoffOf(firm: number): number;
  /** Gives a firm a strategy (writes strategyOf). */
  adopt(firm: number, strategy: number): void;
  /** On a torus: the packed entries (kernel.ts), which adopt keeps up to date. */
  readonly packed?: PackedTorus | undefined;
}

/**
 * Strategy revision. Each rule reads payoffs and writes the strategies for the next generation
 * into strategyOf; the model then restarts the relationships of the firms whose strategy
 * differs (once, however often a firm changed back and forth during the revision). The
 * synchronous rule reads this generation's payoffs; the sequential rules read the current
 * configuration's when `current` is given, and this generation's otherwise.
 */
export interface Revision {
  readonly space: Space;
  readonly strategyOf: Uint8Array;
  readonly payoff: Float64Array;
  readonly poolSize: number;
  /** Share of firms (synchronous) or of N elementary steps (sequential) that revise. */
  readonly share: number;
  readonly mutation: number;
  readonly random: RandomSource;
  /** The generator behind `random` when the caller holds it (`() => stream.uniform()`): the WebAssembly steps continue it (sequential-wasm.ts), and fermi's step draws on a torus call its method (staleDrawsOf). */
  readonly stream?: StreamState | undefined;
  /** A buffer of one byte per firm that a synchronous rule may use (saves an allocation a generation). */
  readonly scratch?: Uint8Array | undefined;
  /** Payoffs of the current configuration, for the sequential rules (memory-less play). */
  readonly current?: CurrentPayoffView | undefined;
  /**
   * Imitate-best worked out by the memory-less kernel from what it wrote beside payoff
   * (torus-passes.ts): each firm's imitated strategy, or undefined where it has none.
   */
  readonly imitated?: (() => Uint8Array | undefined) | undefined;
  /**
   * fermi on the generation's payoffs on a torus: where its steps' draws come from when not from
   * `random` here (another thread draws them from the same stream, split-revision.ts).
   */
  readonly drawn?: StepSource | undefined;
}

/**
 * Where fermi's steps on the generation's payoffs come from, a block at a time: next(count) makes
 * the next `count` steps' firms, others and coins (as drawStaleSteps draws them) readable from `at`
 * on, and STALE_AHEAD more entries past them readable too (whatever they hold: they are only read ahead).
 */
export interface StepSource {
  readonly firms: Int32Array;
  readonly others: Int32Array;
  readonly coins: Float64Array;
  readonly at: number;
  next(count: number): void;
}

/** Steps drawn here from the revision's stream, into arrays of a block. */
class StepsDrawnHere implements StepSource {
  readonly firms = new Int32Array(STALE_BLOCK + STALE_AHEAD);
  // The neighbour, or −1 − the strategy a mutant takes.
  readonly others = new Int32Array(STALE_BLOCK + STALE_AHEAD);
  readonly coins = new Float64Array(STALE_BLOCK);
  readonly at = 0;
  constructor(private readonly draws: StaleDraws) {}
  next(count: number): void {
    drawStaleSteps(this.draws, this.firms, this.others, this.coins, 0, count);
    // Past the block's end the read-ahead reads firm 0 (never a step).
    this.firms.fill(0, count);
    this.others.fill(0, count);
  }
}

/** A revising firm mutates with probability μ: it takes a strategy from the pool at random. */
function mutate(revision: Revision): number {
  if (revision.mutation > 0 && revision.random() < revision.mutation) {
    return Math.floor(revision.random() * revision.poolSize);
  }
  return -1;
}

function adopt(revision: Revision, firm: number, strategy: number): void {
  if (revision.current === undefined) revision.strategyOf[firm] = strategy;
  else revision.current.adopt(firm, strategy);
}

/** A firm's payoff as a sequential rule sees it: the current configuration's if known, else the generation's. */
function payoffNow(revision: Revision, firm: number): number {
  return revision.current === undefined ? revision.payoff[firm]! : revision.current.payoffOf(firm);
}

function packedSteps(revision: Revision, K: number, packed: PackedTorus): PackedSteps {
  const { random, mutation, poolSize, stream } = revision;
  return { packed, steps: Math.round(revision.share * revision.space.size), random, mutation, poolSize, K, stream };
}

/**
 * Nowak & May (1992): every firm at once adopts the strategy of the highest-payoff firm
 * among its neighbours and itself. Ties keep the own strategy; among neighbours that tie
 * for best, the first in neighbourhood order wins.
 */
export function imitateBest(revision: Revision): void {
  const { space, strategyOf, payoff, share } = revision;
  const size = space.size;
  let next = revision.imitated?.();
  if (next === undefined) {
    next = revision.scratch?.length === size ? revision.scratch : new Uint8Array(size);
    bestOfNeighbourhood(space, payoff, strategyOf, next);
  }
  if (share >= 1 && revision.mutation === 0) {
    strategyOf.set(next);
    return;
  }
  for (let firm = 0; firm < size; firm++) {
    if (share < 1 && revision.random() >= share) continue;
    const mutant = mutate(revision);
    adopt(revision, firm, mutant >= 0 ? mutant : next[firm]!);
  }
}

/**
 * Pairwise comparison (Szabó & Tőke 1998; Traulsen et al. 2006): random sequential; a firm
 * x picks a random neighbour y and adopts its strategy with probability
 * 1 / (1 + exp((P_x − P_y) / K)). One generation is share × N elementary updates. With
 * current payoffs, P_x and P_y are those of the configuration at the step, and a step whose
 * two firms hold the same strategy changes nothing and draws no coin (as in Szabó's own code).
 */
export function fermi(revision: Revision, K: number): void {
  const packed = revision.current?.packed;
  if (packed !== undefined) {
    fermiOnPackedTorus(packedSteps(revision, K, packed));
    return;
  }
  const { space, strategyOf, random, mutation, poolSize, current } = revision;
  const { neighbourOffsets, neighbourList, size } = space;
  const steps = Math.round(revision.share * size);
  // On a torus a neighbour's index is arithmetic: no lookups in the neighbour lists, whose
  // random access dominates a million-firm sequential update.
  const torus = space instanceof Lattice && space.boundary === 'torus' ? space : undefined;
  const stale = staleTorusOf(revision);
  if (stale !== undefined) {
    fermiOnTorusStale(revision, K, stale);
    return;
  }
  const width = torus?.width ?? 1;
  const height = torus?.height ?? 1;
  const dxs = Int32Array.from(torus?.offsets ?? [], ([dx]) => dx);
  const dys = Int32Array.from(torus?.offsets ?? [], ([, dy]) => dy);
  const degreeOnTorus = dxs.length;
  // With partner choice, a firm's count and partners sit on one cache line (network.ts): one memory read, not two lists.
  const network = space instanceof DynamicNetwork ? space : undefined;
  const inverseK = 1 / K;
  for (let step = 0; step < steps; step++) {
    const firm = Math.floor(random() * size);
    if (mutation > 0 && random() < mutation) {
      adopt(revision, firm, Math.floor(random() * poolSize));
      continue;
    }
    let neighbour: number;
    if (torus !== undefined) {
      const k = Math.floor(random() * degreeOnTorus);
      const x = firm % width;
      const y = (firm - x) / width;
      let nx = x + dxs[k]!;
      let ny = y + dys[k]!;
      if (nx < 0) nx += width;
      else if (nx >= width) nx -= width;
      if (ny < 0) ny += height;
      else if (ny >= height) ny -= height;
      neighbour = ny * width + nx;
    } else if (network !== undefined) {
      neighbour = network.randomNeighbour(firm, random);
      if (neighbour < 0) continue;
    } else {
      const degree = neighbourOffsets[firm + 1]! - neighbourOffsets[firm]!;
      if (degree === 0) continue;
      neighbour = neighbourList[neighbourOffsets[firm]! + Math.floor(random() * degree)]!;
    }
    const model = strategyOf[neighbour]!;
    if (current !== undefined && model === strategyOf[firm]) continue;
    const probability = 1 / (1 + Math.exp((payoffNow(revision, firm) - payoffNow(revision, neighbour)) * inverseK));
    if (random() < probability) adopt(revision, firm, model);
  }
}

/** Steps whose draws are taken at a time on the generation's payoffs, and how far ahead of its step a step's firms are read. */
export const STALE_BLOCK = 1024;
export const STALE_AHEAD = 12;

/**
 * Whether fermi takes its steps on the generation's payoffs on a torus (the full model), and on
 * which torus: then every step's draws are independent of the configuration (fermiOnTorusStale).
 */
export function staleTorusOf(revision: Revision): Lattice | undefined {
  const space = revision.space;
  if (revision.current !== undefined || !(space instanceof Lattice) || space.boundary !== 'torus') return undefined;
  return space;
}

export function staleDrawsOf(revision: Revision, torus: Lattice): StaleDraws {
  const { random, stream, mutation, poolSize } = revision;
  const { width, height, size } = torus;
  return {
    random: stream ?? { uniform: random },
    width,
    height,
    size,
    dxs: Int32Array.from(torus.offsets, ([dx]) => dx),
    dys: Int32Array.from(torus.offsets, ([, dy]) => dy),
    mutation,
    poolSize,
  };
}

/**
 * fermi on the generation's payoffs on a torus (the full model: strategies with memory). A
 * step's draws do not depend on the configuration (its firm, the mutation coin, its neighbour and
 * its coin are always drawn), so the steps are taken in blocks: first every step's firm, neighbour
 * (or mutant strategy) and coin from the stream (here, or on a play thread: split-revision.ts),
 * then the steps in order. With up to MOST_CLASSES payoff classes the steps read one entry of class
 * and strategy per firm (stepsOnTable, stepsOnValues); beyond, they read strategies and payoffs, each step
 * reading ahead those of the step STALE_AHEAD on. A step whose two firms hold one strategy, which
 * would copy what the firm already holds, needs neither the exponential nor the payoffs. The same
 * draws and results as the plain loop.
 */
function fermiOnTorusStale(revision: Revision, K: number, torus: Lattice): void {
  const { strategyOf, payoff } = revision;
  const draws = staleDrawsOf(revision, torus);
  const drawn: StepSource = revision.drawn ?? new StepsDrawnHere(draws);
  const steps = Math.round(revision.share * torus.size);
  const inverseK = 1 / K;
  const entry = entriesFor(strategyOf);
  const prepared = classesOf.get(strategyOf);
  classesOf.delete(strategyOf);
  const values = prepared?.payoff === payoff ? prepared.values : new Float64Array(MOST_CLASSES);
  const classes = prepared?.payoff === payoff ? prepared.classes : revision.poolSize <= STRATEGIES ? classifyPayoffs(payoff, strategyOf, entry, values) : -1;
  if (classes > 0) {
    const probability = copyProbabilities(values, classes, inverseK, steps);
    staleReads.strategies =
      probability === undefined
        ? stepsOnValues(drawn, steps, entry, strategyOf, values, inverseK)
        : stepsOnTable(drawn, steps, entry, strategyOf, probability, classes);
    return;
  }
  let read = 0;
  let readPayoff = 0;
  for (let first = 0; first < steps; first += STALE_BLOCK) {
    const count = Math.min(STALE_BLOCK, steps - first);
    drawn.next(count);
    const { firms, others, coins, at } = drawn;
    for (let i = at; i < at + count; i++) {
      const aheadFirm = firms[i + STALE_AHEAD]!;
      const aheadOther = others[i + STALE_AHEAD]!;
      // a mutant's negative code reads firm 0
      const aheadNeighbour = aheadOther & ~(aheadOther >> 31);
      read ^= strategyOf[aheadFirm]! ^ strategyOf[aheadNeighbour]!;
      readPayoff += payoff[aheadFirm]! + payoff[aheadNeighbour]!;
      const firm = firms[i]!;
      const neighbour = others[i]!;
      if (neighbour < 0) {
        strategyOf[firm] = -1 - neighbour;
        continue;
      }
      const model = strategyOf[neighbour]!;
      if (model !== strategyOf[firm] && coins[i]! < 1 / (1 + Math.exp((payoff[firm]! - payoff[neighbour]!) * inverseK))) strategyOf[firm] = model;
    }
  }
  staleReads.strategies = read;
  staleReads.payoffs = readPayoff;
}

/** Per run (keyed by its strategyOf): the firms' entries of payoff class and strategy (payoff-classes.ts), kept from one revision to the next. */
const entriesOf = new WeakMap<Uint8Array, Uint16Array>();

function entriesFor(strategyOf: Uint8Array): Uint16Array {
  return (entriesOf.get(strategyOf) ?? entriesOf.set(strategyOf, new Uint16Array(strategyOf.length)).get(strategyOf))!;
}

/** Per run: the payoffs classified ahead of the revision (classifyAhead), with what they were classified from. */
const classesOf = new WeakMap<Uint8Array, { readonly payoff: Float64Array; readonly classes: number; readonly values: Float64Array }>();

/**
 * Classifies the generation's payoffs now for the revision to come (fermi on them on a torus), so
 * that the calling thread does it while a play thread adds up the trust (revision.ts,
 * startRevisionBeside). The caller vouches that neither `payoff` nor `strategyOf` changes before
 * the revision, and calls forgetClassesAhead after it.
 */
export function classifyAhead(strategyOf: Uint8Array, payoff: Float64Array, poolSize: number): void {
  if (poolSize > STRATEGIES) return;
  const values = new Float64Array(MOST_CLASSES);
  classesOf.set(strategyOf, { payoff, classes: classifyPayoffs(payoff, strategyOf, entriesFor(strategyOf), values), values });
}

/** Forgets payoffs classified ahead that no revision took. */
export function forgetClassesAhead(strategyOf: Uint8Array): void {
  classesOf.delete(strategyOf);
}

/**
 * fermiOnTorusStale's steps on entries of payoff class and strategy (payoff-classes.ts): a step
 * reads two entries, and a firm that copies writes its entry's strategy; the probability comes from
 * the table by pair of classes. The same draws, order and decisions as the steps on payoffs.
 * Returns what the reads ahead came to. stepsOnValues is the same loop with the probability worked
 * out from the classes' values (too many classes to table): two loops, so that neither holds a
 * branch a run may take only after the engine compiled the loop (it would leave the compiled code
 * at the first such step), and nothing follows either loop but the return.
 */
function stepsOnTable(drawn: StepSource, steps: number, entry: Uint16Array, strategyOf: Uint8Array, probability: Float64Array, classes: number): number {
  let read = 0;
  for (let first = 0; first < steps; first += STALE_BLOCK) {
    const count = Math.min(STALE_BLOCK, steps - first);
    drawn.next(count);
    const { firms, others, coins, at } = drawn;
    for (let i = at; i < at + count; i++) {
      const aheadOther = others[i + STALE_AHEAD]!;
      read ^= entry[firms[i + STALE_AHEAD]!]! ^ entry[aheadOther & ~(aheadOther >> 31)]!;
      const firm = firms[i]!;
      const neighbour = others[i]!;
      const own = entry[firm]!;
      if (neighbour < 0) {
        entry[firm] = (own & ~STRATEGY_MASK) | (-1 - neighbour);
        strategyOf[firm] = -1 - neighbour;
        continue;
      }
      const model = entry[neighbour]!;
      if (((own ^ model) & STRATEGY_MASK) === 0) continue;
      if (coins[i]! < probability[(own >> CLASS_SHIFT) * classes + (model >> CLASS_SHIFT)]!) {
        entry[firm] = (own & ~STRATEGY_MASK) | (model & STRATEGY_MASK);
        strategyOf[firm] = model & STRATEGY_MASK;
      }
    }
  }
  return read;
}

/** stepsOnTable with fermi's expression on the classes' values in place of the table. */
function stepsOnValues(drawn: StepSource, steps: number, entry: Uint16Array, strategyOf: Uint8Array, values: Float64Array, inverseK: number): number {
  let read = 0;
  for (let first = 0; first < steps; first += STALE_BLOCK) {
    const count = Math.min(STALE_BLOCK, steps - first);
    drawn.next(count);
    const { firms, others, coins, at } = drawn;
    for (let i = at; i < at + count; i++) {
      const aheadOther = others[i + STALE_AHEAD]!;
      read ^= entry[firms[i + STALE_AHEAD]!]! ^ entry[aheadOther & ~(aheadOther >> 31)]!;
      const firm = firms[i]!;
      const neighbour = others[i]!;
      const own = entry[firm]!;
      if (neighbour < 0) {
        entry[firm] = (own & ~STRATEGY_MASK) | (-1 - neighbour);
        strategyOf[firm] = -1 - neighbour;
        continue;
      }
      const model = entry[neighbour]!;
      if (((own ^ model) & STRATEGY_MASK) === 0) continue;
      if (coins[i]! < 1 / (1 + Math.exp((values[own >> CLASS_SHIFT]! - values[model >> CLASS_SHIFT]!) * inverseK))) {
        entry[firm] = (own & ~STRATEGY_MASK) | (model & STRATEGY_MASK);
        strategyOf[firm] = model & STRATEGY_MASK;
      }
    }
  }
  return read;
}

/** What fermiOnTorusStale's reads ahead came to, kept so that they are not optimised away. */
const staleReads = { strategies: 0, payoffs: 0 };

/**
 * Death–birth Moran updating (Ohtsuki et al. 2006): a random firm's strategy is replaced by
 * that of a neighbour chosen in proportion to its fitness exp(P / K), share × N times. The
 * exponential is the Fermi rule's (a neighbour's chance grows with its payoff at the same
 * noise K), positive for negative payoffs, and under weak selection (K large against payoff
 * differences) it is Ohtsuki et al.'s fitness 1 − w + w·P with w = 1/K to first order. With
 * current payoffs, the neighbours' payoffs are those of the configuration at the step, the
 * dying firm's strategy included (as in Stollmeier's replication).
 */
export function moran(revision: Revision, K: number): void {
  const packed = revision.current?.packed;
  if (packed !== undefined) {
    moranOnPackedTorus(packedSteps(revision, K, packed));
    return;
  }
  const { space, strategyOf, random } = revision;
  const { neighbourOffsets, neighbourList, size } = space;
  const steps = Math.round(revision.share * size);
  let maxDegree = 0;
  for (let firm = 0; firm < size; firm++) maxDegree = Math.max(maxDegree, neighbourOffsets[firm + 1]! - neighbourOffsets[firm]!);
  const payoffs = new Float64Array(maxDegree);
  const inverseK = 1 / K;
  for (let step = 0; step < steps; step++) {
    const firm = Math.floor(random() * size);
    const mutant = mutate(revision);
    if (mutant >= 0) {
      adopt(revision, firm, mutant);
      continue;
    }
    const from = neighbourOffsets[firm]!;
    const to = neighbourOffsets[firm + 1]!;
    if (to === from) continue;
    // A neighbourhood of one strategy passes it on whatever the payoffs: no weights, no draw.
    const first = strategyOf[neighbourList[from]!]!;
    let uniform = true;
    for (let k = from + 1; k < to && uniform; k++) uniform = strategyOf[neighbourList[k]!] === first;
    if (uniform) {
      adopt(revision, firm, first);
      continue;
    }
    let highest = -Infinity;
    for (let k = from; k < to; k++) {
      const value = payoffNow(revision, neighbourList[k]!);
      payoffs[k - from] = value;
      if (value > highest) highest = value;
    }
    // Weights relative to the best neighbour's (which weighs 1), so exp cannot overflow.
    let total = 0;
    for (let k = 0; k < to - from; k++) {
      const weight = Math.exp((payoffs[k]! - highest) * inverseK);
      payoffs[k] = weight;
      total += weight;
    }
    let chosen = neighbourList[to - 1]!;
    let target = random() * total;
    for (let k = from; k < to; k++) {
      target -= payoffs[k - from]!;
      if (target < 0) {
        chosen = neighbourList[k]!;
        break;
      }
    }
    adopt(revision, firm, strategyOf[chosen]!);
  }
}
