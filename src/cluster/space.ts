/**
 * Where firms sit and who their neighbours are. The model only ever asks a Space for
 * "the neighbours of firm i", so other interaction graphs can replace the lattice.
 */
export interface Space {
  /** Number of firms. */
  readonly size: number;
  /** Neighbours of firm i are neighbourList[neighbourOffsets[i] .. neighbourOffsets[i + 1]). */
  readonly neighbourOffsets: Int32Array;
  readonly neighbourList: Int32Array;
  /** A short description, e.g. "200×70 torus, Moore neighbourhood". */
  describe(): string;
}

export type Neighbourhood = 'moore' | 'von-neumann';
export type Boundary = 'torus' | 'fixed';

const MOORE: readonly (readonly [number, number])[] = [
  [-1, -1],
  [0, -1],
  [1, -1],
  [-1, 0],
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
];
const VON_NEUMANN: readonly (readonly [number, number])[] = [
  [0, -1],
  [-1, 0],
  [1, 0],
  [0, 1],
];

/** A width × height grid, firm i at (i mod width, ⌊i / width⌋), row by row. */
export class Lattice implements Space {
  readonly size: number;
  readonly neighbourOffsets: Int32Array;
  /** A torus's lists, built when first read: the kernels work out a torus's neighbours by arithmetic (36 MB at 1000², Moore). */
  #neighbourList: Int32Array | undefined;
  /** The (dx, dy) of each neighbour, in neighbourhood order. */
  readonly offsets: readonly (readonly [number, number])[];
  /**
   * Index differences of the neighbours of a firm away from the edges (dy × width + dx), in
   * neighbourhood order: hot loops use them instead of the neighbour lists in the interior,
   * where torus and fixed boundaries agree.
   */
  readonly deltas: Int32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly neighbourhood: Neighbourhood,
    readonly boundary: Boundary,
  ) {
    this.size = width * height;
    const offsets = neighbourhood === 'moore' ? MOORE : VON_NEUMANN;
    this.offsets = offsets;
    this.deltas = Int32Array.from(offsets, ([dx, dy]) => dy * width + dx);
    this.neighbourOffsets = new Int32Array(this.size + 1);
    if (boundary === 'torus') for (let firm = 0; firm <= this.size; firm++) this.neighbourOffsets[firm] = firm * offsets.length;
    else this.#neighbourList = fixedNeighbours(width, height, offsets, this.neighbourOffsets);
  }

  get neighbourList(): Int32Array {
    this.#neighbourList ??= torusNeighbours(this.width, this.height, this.offsets);
    return this.#neighbourList;
  }

  /** Whether all of a firm's neighbours are at firm + deltas[k] (it is not on the edge). */
  isInterior(firm: number): boolean {
    const x = firm % this.width;
    const y = (firm - x) / this.width;
    return x > 0 && y > 0 && x < this.width - 1 && y < this.height - 1;
  }

  describe(): string {
    return `${this.width}×${this.height} ${this.boundary === 'torus' ? 'torus' : 'lattice with fixed edges'}, ${this.neighbourhood === 'moore' ? 'Moore' : 'von Neumann'} neighbourhood`;
  }

  /** The firm nearest the centre. */
  centre(): number {
    return Math.floor(this.height / 2) * this.width + Math.floor(this.width / 2);
  }
}

/** A torus's neighbour lists: every firm has all its neighbours, in neighbourhood order, row by row in bulk. */
function torusNeighbours(width: number, height: number, offsets: readonly (readonly [number, number])[]): Int32Array {
  const degree = offsets.length;
  const dxs = Int32Array.from(offsets, ([dx]) => dx);
  const dys = Int32Array.from(offsets, ([, dy]) => dy);
  const list = new Int32Array(width * height * degree);
  const rowOf = new Int32Array(degree);
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < degree; k++) rowOf[k] = ((y + dys[k]! + height) % height) * width;
    for (let x = 0, at = y * width * degree; x < width; x++) {
      for (let k = 0; k < degree; k++, at++) {
        let nx = x + dxs[k]!;
        if (nx < 0) nx += width;
        else if (nx >= width) nx -= width;
        list[at] = rowOf[k]! + nx;
      }
    }
  }
  return list;
}

/** The neighbour lists with fixed edges (a neighbour off the grid is left out); writes the offsets. */
function fixedNeighbours(width: number, height: number, offsets: readonly (readonly [number, number])[], neighbourOffsets: Int32Array): Int32Array {
  const list = new Int32Array(width * height * offsets.length);
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      neighbourOffsets[y * width + x] = count;
      for (const [dx, dy] of offsets) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        list[count++] = ny * width + nx;
      }
    }
  }
  neighbourOffsets[width * height] = count;
  return count === list.length ? list : list.slice(0, count);
}

/**
 * The relationships of a space: one per neighbouring pair (i < j), plus one per firm with
 * itself when firms also play themselves. For each firm, the relationships it is part of
 * and which side of each it plays.
 */
export interface RelationshipGraph {
  readonly count: number;
  /** Firm on side 0 and side 1 of each relationship (the same firm for a self-relationship). */
  readonly firmA: Int32Array;
  readonly firmB: Int32Array;
  /** Relationships of firm i: edgeList[edgeOffsets[i] .. edgeOffsets[i + 1]), each as edge * 2 + side. */
  readonly edgeOffsets: Int32Array;
  readonly edgeList: Int32Array;
}

/** relationshipsOf(space, selfInteraction).count, without building the relationships. */
export function relationshipCountOf(space: Space, selfInteraction: boolean): number {
  const { size, neighbourOffsets } = space;
  let count = selfInteraction ? size : 0;
  // A lattice's neighbour lists are symmetric and hold each neighbour once: every pair is listed twice.
  if (space instanceof Lattice) return count + neighbourOffsets[size]! / 2;
  const neighbourList = space.neighbourList;
  for (let i = 0; i < size; i++) {
    for (let k = neighbourOffsets[i]!; k < neighbourOffsets[i + 1]!; k++) if (neighbourList[k]! > i) count++;
  }
  return count;
}

/** A plain Int32Array: the graph's arrays when one thread plays. */
export const plainInt32 = (length: number): Int32Array => new Int32Array(length);

/**
 * `allocate` makes the graph's big arrays (SharedArrayBuffer-backed ones when threads share the play: split-play.ts).
 * Each loop is a function of its own and the graph a class instance: a sweep builds a graph per
 * task, and V8 kept entering the first task's on-stack code for a loop, compiled before the code
 * after it had run, and leaving it for the interpreter (docs/benchmarks.md, the sweep's fifth session).
 */
export function relationshipsOf(space: Space, selfInteraction: boolean, allocate: (length: number) => Int32Array = plainInt32): RelationshipGraph {
  const size = space.size;
  const count = pairCount(space, selfInteraction);
  const firmA = allocate(count);
  const firmB = allocate(count);
  const degree = new Int32Array(size);
  listPairs(space, selfInteraction, firmA, firmB, degree);
  const edgeOffsets = allocate(size + 1);
  sumOffsets(edgeOffsets, degree, size);
  const edgeList = allocate(edgeOffsets[size]!);
  listSides(edgeList, edgeOffsets.slice(0, size), firmA, firmB, count);
  return new LatticeGraph(count, firmA, firmB, edgeOffsets, edgeList);
}

class LatticeGraph implements RelationshipGraph {
  constructor(
    readonly count: number,
    readonly firmA: Int32Array,
    readonly firmB: Int32Array,
    readonly edgeOffsets: Int32Array,
    readonly edgeList: Int32Array,
  ) {}
}

function pairCount(space: Space, selfInteraction: boolean): number {
  const { size, neighbourOffsets, neighbourList } = space;
  let count = selfInteraction ? size : 0;
  for (let i = 0; i < size; i++) {
    for (let k = neighbourOffsets[i]!; k < neighbourOffsets[i + 1]!; k++) if (neighbourList[k]! > i) count++;
  }
  return count;
}

function listPairs(space: Space, selfInteraction: boolean, firmA: Int32Array, firmB: Int32Array, degree: Int32Array): void {
  const { size, neighbourOffsets, neighbourList } = space;
  let edge = 0;
  for (let i = 0; i < size; i++) {
    if (selfInteraction) {
      firmA[edge] = i;
      firmB[edge] = i;
      degree[i]!++;
      edge++;
    }
    for (let k = neighbourOffsets[i]!; k < neighbourOffsets[i + 1]!; k++) {
      const j = neighbourList[k]!;
      if (j <= i) continue;
      firmA[edge] = i;
      firmB[edge] = j;
      degree[i]!++;
      degree[j]!++;
      edge++;
    }
  }
}

function sumOffsets(edgeOffsets: Int32Array, degree: Int32Array, size: number): void {
  for (let i = 0; i < size; i++) edgeOffsets[i + 1] = edgeOffsets[i]! + degree[i]!;
}

function listSides(edgeList: Int32Array, fill: Int32Array, firmA: Int32Array, firmB: Int32Array, count: number): void {
  for (let e = 0; e < count; e++) {
    const a = firmA[e]!;
    const b = firmB[e]!;
    edgeList[fill[a]!++] = e * 2;
    if (b !== a) edgeList[fill[b]!++] = e * 2 + 1;
  }
}
