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
    return this.entries[firm]! - (this.selfInteraction ? 1 : 0);
  }

  /** The other firm of a firm's k-th entry (itself for its self-relationship). */
  partnerAt(firm: number, k: number): number {
    const slot = this.#slots[firm * this.#slotsPerFirm + k]!;
    const edge = slot >> 1;
    return (slot & 1) === 0 ? this.firmB[edge]! : this.firmA[edge]!;
  }

  /** The k-th entry of a firm, as edge * 2 + side. */
  slotAt(firm: number, k: number): number {
    return this.#slots[firm * this.#slotsPerFirm + k]!;
  }

  /** Whether two different firms are tied. */
  tied(a: number, b: number): boolean {
    const base = a * this.#slotsPerFirm;
    for (let k = 0; k < this.entries[a]!; k++) {
      const slot = this.#slots[base + k]!;
      const edge = slot >> 1;
      if (((slot & 1) === 0 ? this.firmB[edge]! : this.firmA[edge]!) === b) return true;
    }
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
    this.#attach(a, edge * 2);
    if (b !== a) this.#attach(b, edge * 2 + 1);
    this.#stale = true;
    return edge;
  }

  #attach(firm: number, slot: number): void {
    const where = firm * this.#slotsPerFirm + this.entries[firm]!++;
    this.#slots[where] = slot;
    this.#where[slot] = where;
  }

  /** Removes a side's entry from its firm's slots: the firm's last entry takes its place. */
  #detach(slot: number): void {
    const edge = slot >> 1;
    const firm = (slot & 1) === 0 ? this.firmA[edge]! : this.firmB[edge]!;
    const where = this.#where[slot]!;
    const lastWhere = firm * this.#slotsPerFirm + --this.entries[firm]!;
    const moved = this.#slots[lastWhere]!;
    this.#slots[where] = moved;
    this.#where[moved] = where;
    this.#where[slot] = -1;
  }

  /** Rebuilds the compact lists (edgeOffsets, edgeList, neighbourOffsets, neighbourList) from the slots if the ties changed. */
  refresh(): void {
    if (!this.#stale) return;
    this.#stale = false;
    const perFirm = this.#slotsPerFirm;
    const slots = this.#slots;
    let edges = 0;
    let neighbours = 0;
    for (let firm = 0; firm < this.size; firm++) {
      this.edgeOffsets[firm] = edges;
      this.neighbourOffsets[firm] = neighbours;
      const base = firm * perFirm;
      for (let k = 0; k < this.entries[firm]!; k++) {
        const slot = slots[base + k]!;
        this.edgeList[edges++] = slot;
        const edge = slot >> 1;
        const other = (slot & 1) === 0 ? this.firmB[edge]! : this.firmA[edge]!;
        if (other !== firm) this.neighbourList[neighbours++] = other;
      }
    }
    this.edgeOffsets[this.size] = edges;
    this.neighbourOffsets[this.size] = neighbours;
  }
}
