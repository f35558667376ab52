import type { RandomSource } from '../core/random.js';
import type { Lattice, RelationshipGraph, Space } from './space.js';

/**
 * The ties of a cluster whose firms choose their partners (partner-choice.ts): a graph that
 * starts as the lattice's relationships and changes between generations, behind the same Space
 * ("neighbours of i") and RelationshipGraph ("relationships of i") interfaces the rest of the
 * model reads.
 *
 * Storage is typed arrays of fixed size, so a million firms fit: each firm has a fixed number of
 * adjacency slots (its bounded ties, plus itself when firms play themselves), and the edges are
 * kept dense in 0..count−1 — a cut edge's place is taken by the last edge, so every loop over
 * `count` edges sees live ties only. The compact lists of the two interfaces are rebuilt from the
 * slots after the ties change, before anyone reads them.
 */
export class DynamicNetwork implements Space, RelationshipGraph {
  readonly size: number;
  readonly firmA: Int32Array;
  readonly firmB: Int32Array;
  /** Per firm: how many ties (besides itself) it may hold. */
  readonly maxTies: number;
  /** Per firm: entries in its slots, its self-relationship included. */
  readonly entries: Uint16Array;
  /** Per edge: the generation it was formed (−1: a lattice tie from the start). */
  readonly bornAt: Int32Array;
  /** The lattice the network started from: the firms' places, and the distance a search covers. */
  readonly lattice: Lattice;
  readonly selfInteraction: boolean;
  readonly #slotsPerFirm: number;
  /** Firm f's entries are slots[f * slotsPerFirm ..], each edge * 2 + side. */
  readonly #slots: Int32Array;
  /**
   * Per firm, its number of entries and then, entry by entry in the order of #slots, the firm at
   * the other end (the firm itself for its self-relationship), #othersStride apart. Reading a
   * firm's partners — a search, Fermi revision's random neighbour, rebuilding the compact lists —
   * then reads the firm's own cache line, not the edges' firm arrays (which lose their lattice
   * order as ties are cut and formed) nor two separate lists.
   */
  readonly #others: Int32Array;
  readonly #othersStride: number;
  /** Per edge side: its index in #slots (−1 for side 1 of a self-relationship, which has one entry). */
  readonly #where: Int32Array;
  #count: number;
  #stale = true;
  readonly edgeOffsets: Int32Array;
  readonly edgeList: Int32Array;
  readonly neighbourOffsets: Int32Array;
  readonly neighbourList: Int32Array;

  constructor(lattice: Lattice, start: RelationshipGraph, selfInteraction: boolean, maxTies: number) {
    const size = lattice.size;
    this.size = size;
    this.lattice = lattice;
    this.selfInteraction = selfInteraction;
    let latticeDegree = 0;
    for (let firm = 0; firm < size; firm++) latticeDegree = Math.max(latticeDegree, lattice.neighbourOffsets[firm + 1]! - lattice.neighbourOffsets[firm]!);
    this.maxTies = maxTies;
    // Room for the lattice's ties too when they are more than the bound: a firm above it forms no new tie until it is below.
    const tieSlots = Math.max(maxTies, latticeDegree);
    this.#slotsPerFirm = tieSlots + (selfInteraction ? 1 : 0);
    const capacity = (selfInteraction ? size : 0) + Math.floor((size * tieSlots) / 2);
    this.firmA = new Int32Array(capacity);
    this.firmB = new Int32Array(capacity);
    this.bornAt = new Int32Array(capacity).fill(-1);
    this.entries = new Uint16Array(size);
    this.#slots = new Int32Array(size * this.#slotsPerFirm);
    // 16 entries are 64 bytes, a cache line: the count and any partner are read in one.
    this.#othersStride = this.#slotsPerFirm < 16 ? 16 : this.#slotsPerFirm + 1;
    this.#others = new Int32Array(size * this.#othersStride);
    this.#where = new Int32Array(capacity * 2).fill(-1);
    this.edgeOffsets = new Int32Array(size + 1);
    this.edgeList = new Int32Array(capacity * 2);
    this.neighbourOffsets = new Int32Array(size + 1);
    this.neighbourList = new Int32Array(capacity * 2);
    this.#count = 0;
    // The lattice's relationships in their order, so that edge e is the same relationship in both.
    for (let edge = 0; edge < start.count; edge++) this.#append(start.firmA[edge]!, start.firmB[edge]!);
    this.refresh();
  }

  /** Edges that may exist at once: the length of per-edge state arrays. */
  get capacity(): number {
    return this.firmA.length;
  }

  get count(): number {
    return this.#count;
  }

  /** A firm's ties to other firms. */
  ties(firm: number): number {
    return this.#others[firm * this.#othersStride]! - (this.selfInteraction ? 1 : 0);
  }

  /** A firm's entries, its self-relationship included (as `entries`, read from the firm's cache line). */
  entryCount(firm: number): number {
    return this.#others[firm * this.#othersStride]!;
  }

  /** The other firm of a firm's k-th entry (itself for its self-relationship). */
  partnerAt(firm: number, k: number): number {
    return this.#others[firm * this.#othersStride + 1 + k]!;
  }

  /**
   * A random partner of a firm, as Fermi revision picks one: the k-th of its neighbour list (its
   * entries in order, itself left out) for k drawn uniformly below its degree, one draw; −1 and
   * no draw when it has no partner.
   */
  randomNeighbour(firm: number, random: RandomSource): number {
    const others = this.#others;
    const base = firm * this.#othersStride;
    const count = others[base]!;
    if (!this.selfInteraction) return count === 0 ? -1 : others[base + 1 + Math.floor(random() * count)]!;
    // Its self-relationship is never cut: one of the entries is the firm itself.
    if (count <= 1) return -1;
    let index = Math.floor(random() * (count - 1));
    for (let where = base + 1; ; where++) {
      const other = others[where]!;
      if (other !== firm && index-- === 0) return other;
    }
  }

  /** The k-th entry of a firm, as edge * 2 + side. */
  slotAt(firm: number, k: number): number {
    return this.#slots[firm * this.#slotsPerFirm + k]!;
  }

  /** Whether two different firms are tied. */
  tied(a: number, b: number): boolean {
    const others = this.#others;
    const base = a * this.#othersStride;
    const end = base + 1 + others[base]!;
    for (let where = base + 1; where < end; where++) if (others[where] === b) return true;
    return false;
  }

  /** Ties a and b (different firms with room for a tie); returns the new edge. */
  connect(a: number, b: number, generation: number): number {
    const edge = this.#append(a, b);
    this.bornAt[edge] = generation;
    return edge;
  }

  /**
   * Cuts an edge. The last edge moves into its place; returns that edge's old index (the caller
   * moves its per-edge state along), or −1 if the cut edge was the last.
   */
  cut(edge: number): number {
    this.#detach(edge * 2);
    if (this.firmA[edge] !== this.firmB[edge]) this.#detach(edge * 2 + 1);
    const last = --this.#count;
    this.#stale = true;
    if (edge === last) return -1;
    this.firmA[edge] = this.firmA[last]!;
    this.firmB[edge] = this.firmB[last]!;
    this.bornAt[edge] = this.bornAt[last]!;
    for (let side = 0; side < 2; side++) {
      const where = this.#where[last * 2 + side]!;
      this.#where[edge * 2 + side] = where;
      this.#where[last * 2 + side] = -1;
      if (where >= 0) this.#slots[where] = edge * 2 + side;
    }
    return last;
  }

  /** Mean ties per firm (a firm's tie to itself not counted). */
  meanDegree(): number {
    const selfEdges = this.selfInteraction ? this.size : 0;
    return this.size > 0 ? (2 * (this.#count - selfEdges)) / this.size : 0;
  }

  describe(): string {
    return `network of ${this.size} firms that choose their partners, starting from a ${this.lattice.describe()}`;
  }

  #append(a: number, b: number): number {
    const edge = this.#count++;
    this.firmA[edge] = a;
    this.firmB[edge] = b;
    this.#attach(a, edge * 2, b);
    if (b !== a) this.#attach(b, edge * 2 + 1, a);
    this.#stale = true;
    return edge;
  }

  #attach(firm: number, slot: number, other: number): void {
    const k = this.entries[firm]!++;
    const where = firm * this.#slotsPerFirm + k;
    this.#slots[where] = slot;
    const base = firm * this.#othersStride;
    this.#others[base + 1 + k] = other;
    this.#others[base] = k + 1;
    this.#where[slot] = where;
  }

  /** Removes a side's entry from its firm's slots: the firm's last entry takes its place. */
  #detach(slot: number): void {
    const edge = slot >> 1;
    const firm = (slot & 1) === 0 ? this.firmA[edge]! : this.firmB[edge]!;
    const where = this.#where[slot]!;
    const last = --this.entries[firm]!;
    const lastWhere = firm * this.#slotsPerFirm + last;
    const moved = this.#slots[lastWhere]!;
    this.#slots[where] = moved;
    const base = firm * this.#othersStride;
    this.#others[base + 1 + where - firm * this.#slotsPerFirm] = this.#others[base + 1 + last]!;
    this.#others[base] = last;
    this.#where[moved] = where;
    this.#where[slot] = -1;
  }

  /** Rebuilds the compact lists (edgeOffsets, edgeList, neighbourOffsets, neighbourList) from the slots if the ties changed. */
  refresh(): void {
    if (!this.#stale) return;
    this.#stale = false;
    const perFirm = this.#slotsPerFirm;
    const stride = this.#othersStride;
    const slots = this.#slots;
    const others = this.#others;
    const { edgeOffsets, edgeList, neighbourOffsets, neighbourList, entries } = this;
    let edges = 0;
    let neighbours = 0;
    for (let firm = 0; firm < this.size; firm++) {
      edgeOffsets[firm] = edges;
      neighbourOffsets[firm] = neighbours;
      const count = entries[firm]!;
      const slotBase = firm * perFirm;
      for (let k = 0; k < count; k++) edgeList[edges++] = slots[slotBase + k]!;
      const end = firm * stride + 1 + count;
      for (let where = firm * stride + 1; where < end; where++) {
        const other = others[where]!;
        if (other !== firm) neighbourList[neighbours++] = other;
      }
    }
    edgeOffsets[this.size] = edges;
    neighbourOffsets[this.size] = neighbours;
  }
}
