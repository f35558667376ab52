// The sequential revision rules' steps on packed entries (Fermi, death–birth Moran) in WebAssembly
// (AssemblyScript; `npm run build:wasm` compiles it into src/cluster/sequential-kernel-bytes.ts).
// The same loops as src/cluster/packed-steps.ts, which stay the reference: the same draws from the
// revision's Tyche-i stream in the same order, the same doubles (the exponential is V8's, imported),
// the same adoptions, so the same strategies and the same stream afterwards.
//
// Why: a step on a lattice beyond the caches waits for the lines of its firm and neighbours, and
// the fewer instructions a step takes the more steps the processor keeps in flight, so the more of
// those waits overlap (docs/benchmarks.md, "Lattice against C", sixth session).
//
// Memory is laid out by the host (src/cluster/sequential-wasm.ts): the stream's state and the
// neighbourhood here, the payoffs, the pair table, the strategies' moves and the entries past the heap base.

/** V8's Math.exp, imported so that every probability and weight is the JavaScript loop's to the bit. */
declare function hostExp(x: f64): f64;

/** Bits of a packed entry below its strategy (kernel.ts, PACKED_STRATEGY_SHIFT). */
const SHIFT: i32 = 5;
const LOW_BITS: i32 = (1 << SHIFT) - 1;
/** A packed torus has at most 15 neighbours (its payoff table's stride is at most 16). */
const MOST_NEIGHBOURS = 16;

// Tyche-i state a, b, c, d (StreamState in src/core/random.ts), read at a call's start and written at its end.
const STREAM = memory.data(16);
// The neighbourhood's (dx, dy): MOST_NEIGHBOURS dx, then as many dy.
const OFFSETS = memory.data(MOST_NEIGHBOURS * 8);
const DXS = OFFSETS;
const DYS = OFFSETS + MOST_NEIGHBOURS * 4;
const NEIGHBOURS = memory.data(MOST_NEIGHBOURS * 4);
const WEIGHTS = memory.data(MOST_NEIGHBOURS * 8, 8);

/** Where the host may lay out its data. */
export function heapBase(): usize {
  return __heap_base;
}

export function streamAt(): usize {
  return STREAM;
}

export function offsetsAt(): usize {
  return OFFSETS;
}

export const MOST_DEGREE = MOST_NEIGHBOURS;

// ── The stream ────────────────────────────────────────────────────────────────────────────────
// A step loop keeps a, b, c, d in locals and writes a round of Tyche-i out where it draws (as
// StreamState.next): as globals, each draw loaded and stored all four, and Fermi's step at 100²
// took 49 ns against 35–38 (docs/benchmarks.md, "Lattice against C", sixth session).

/** The uniform number of a round whose a is `a`: (a >>> 0) / 2³², as StreamState.uniform. */
function toUniform(a: i32): f64 {
  return <f64>(<u32>a) / 4294967296.0;
}

function closeStream(a: i32, b: i32, c: i32, d: i32): void {
  store<i32>(STREAM, a);
  store<i32>(STREAM, b, 4);
  store<i32>(STREAM, c, 8);
  store<i32>(STREAM, d, 12);
}

// ── The lattice ───────────────────────────────────────────────────────────────────────────────

let width: i32 = 0;
let height: i32 = 0;
let degree: i32 = 0;
let entries: usize = 0;
let cooperates: usize = 0;

function neighbourOf(x: i32, y: i32, k: i32): i32 {
  let nx = x + load<i32>(DXS + ((<usize>k) << 2));
  let ny = y + load<i32>(DYS + ((<usize>k) << 2));
  if (nx < 0) nx += width;
  else if (nx >= width) nx -= width;
  if (ny < 0) ny += height;
  else if (ny >= height) ny -= height;
  return ny * width + nx;
}

/** adoptPackedEntry (kernel.ts): the firm's strategy, and its neighbours' counts if its move changes. */
function adopt<T>(firm: i32, strategy: i32): void {
  const at = entries + ((<usize>firm) << alignof<T>());
  const old = <i32>load<T>(at);
  store<T>(at, <T>((strategy << SHIFT) | (old & LOW_BITS)));
  const change = <i32>load<u8>(cooperates + <usize>strategy) - <i32>load<u8>(cooperates + <usize>(old >> SHIFT));
  if (change === 0) return;
  const x = firm % width;
  const y = firm / width;
  for (let k = 0; k < degree; k++) {
    const neighbour = entries + ((<usize>neighbourOf(x, y, k)) << alignof<T>());
    store<T>(neighbour, <T>(<i32>load<T>(neighbour) + change));
  }
}

/** The pair table's NaNs (step-tables.ts, pairTable): each call starts with none worked out, as the JavaScript loops do. */
function clearTable(table: usize, span: i32): void {
  if (table === 0) return;
  const end = table + ((<usize>(span * span)) << 3);
  for (let at = table; at < end; at += 8) store<f64>(at, NaN);
}

function setLattice(entriesAt: usize, cooperatesAt: usize, latticeWidth: i32, latticeHeight: i32, latticeDegree: i32): void {
  entries = entriesAt;
  cooperates = cooperatesAt;
  width = latticeWidth;
  height = latticeHeight;
  degree = latticeDegree;
}

// ── Fermi ─────────────────────────────────────────────────────────────────────────────────────

function fermiSteps<T>(steps: i32, mutation: f64, poolSize: i32, value: usize, table: usize, span: i32, inverseK: f64): void {
  const w = width;
  const base = entries;
  const size = <f64>(w * height);
  const sides = <f64>degree;
  const pool = <f64>poolSize;
  let a = load<i32>(STREAM);
  let b = load<i32>(STREAM, 4);
  let c = load<i32>(STREAM, 8);
  let d = load<i32>(STREAM, 12);
  for (let step = 0; step < steps; step++) {
    b = rotl<i32>(b, 25) ^ c;
    c = c - d;
    d = rotl<i32>(d, 24) ^ a;
    a = a - b;
    b = rotl<i32>(b, 20) ^ c;
    c = c - d;
    d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
    a = a - b;
    // ⌊u · n⌋ by truncation, as `(random() * n) | 0`.
    const firm = <i32>(toUniform(a) * size);
    if (mutation > 0) {
      b = rotl<i32>(b, 25) ^ c;
      c = c - d;
      d = rotl<i32>(d, 24) ^ a;
      a = a - b;
      b = rotl<i32>(b, 20) ^ c;
      c = c - d;
      d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
      a = a - b;
      if (toUniform(a) < mutation) {
        b = rotl<i32>(b, 25) ^ c;
        c = c - d;
        d = rotl<i32>(d, 24) ^ a;
        a = a - b;
        b = rotl<i32>(b, 20) ^ c;
        c = c - d;
        d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
        a = a - b;
        adopt<T>(firm, <i32>(toUniform(a) * pool));
        continue;
      }
    }
    const own = <i32>load<T>(base + ((<usize>firm) << alignof<T>()));
    b = rotl<i32>(b, 25) ^ c;
    c = c - d;
    d = rotl<i32>(d, 24) ^ a;
    a = a - b;
    b = rotl<i32>(b, 20) ^ c;
    c = c - d;
    d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
    a = a - b;
    const other = <i32>load<T>(base + ((<usize>neighbourOf(firm % w, firm / w, <i32>(toUniform(a) * sides))) << alignof<T>()));
    // Two firms of one strategy: nothing changes and no coin is drawn.
    if ((own ^ other) >> SHIFT === 0) continue;
    b = rotl<i32>(b, 25) ^ c;
    c = c - d;
    d = rotl<i32>(d, 24) ^ a;
    a = a - b;
    b = rotl<i32>(b, 20) ^ c;
    c = c - d;
    d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
    a = a - b;
    const coin = toUniform(a);
    let probability: f64;
    if (table === 0) probability = 1 / (1 + hostExp((load<f64>(value + ((<usize>own) << 3)) - load<f64>(value + ((<usize>other) << 3))) * inverseK));
    else {
      const pair = table + ((<usize>(own * span + other)) << 3);
      probability = load<f64>(pair);
      if (Number.isNaN(probability)) {
        probability = 1 / (1 + hostExp((load<f64>(value + ((<usize>own) << 3)) - load<f64>(value + ((<usize>other) << 3))) * inverseK));
        store<f64>(pair, probability);
      }
    }
    if (coin < probability) adopt<T>(firm, other >> SHIFT);
  }
  closeStream(a, b, c, d);
}

// ── Moran ─────────────────────────────────────────────────────────────────────────────────────

function neighbourAt(k: i32): i32 {
  return load<i32>(NEIGHBOURS + ((<usize>k) << 2));
}

function moranSteps<T>(steps: i32, mutation: f64, poolSize: i32, value: usize, table: usize, span: i32, inverseK: f64): void {
  const w = width;
  const h = height;
  const deg = degree;
  const base = entries;
  const size = <f64>(w * h);
  const pool = <f64>poolSize;
  let a = load<i32>(STREAM);
  let b = load<i32>(STREAM, 4);
  let c = load<i32>(STREAM, 8);
  let d = load<i32>(STREAM, 12);
  for (let step = 0; step < steps; step++) {
    b = rotl<i32>(b, 25) ^ c;
    c = c - d;
    d = rotl<i32>(d, 24) ^ a;
    a = a - b;
    b = rotl<i32>(b, 20) ^ c;
    c = c - d;
    d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
    a = a - b;
    const firm = <i32>(toUniform(a) * size);
    if (mutation > 0) {
      b = rotl<i32>(b, 25) ^ c;
      c = c - d;
      d = rotl<i32>(d, 24) ^ a;
      a = a - b;
      b = rotl<i32>(b, 20) ^ c;
      c = c - d;
      d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
      a = a - b;
      if (toUniform(a) < mutation) {
        b = rotl<i32>(b, 25) ^ c;
        c = c - d;
        d = rotl<i32>(d, 24) ^ a;
        a = a - b;
        b = rotl<i32>(b, 20) ^ c;
        c = c - d;
        d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
        a = a - b;
        adopt<T>(firm, <i32>(toUniform(a) * pool));
        continue;
      }
    }
    const x = firm % w;
    const y = firm / w;
    for (let k = 0; k < deg; k++) {
      let nx = x + load<i32>(DXS + ((<usize>k) << 2));
      let ny = y + load<i32>(DYS + ((<usize>k) << 2));
      if (nx < 0) nx += w;
      else if (nx >= w) nx -= w;
      if (ny < 0) ny += h;
      else if (ny >= h) ny -= h;
      store<i32>(NEIGHBOURS + ((<usize>k) << 2), ny * w + nx);
    }
    const own = <i32>load<T>(base + ((<usize>firm) << alignof<T>())) >> SHIFT;
    const first = <i32>load<T>(base + ((<usize>neighbourAt(0)) << alignof<T>())) >> SHIFT;
    let uniformNeighbourhood = true;
    for (let k = 1; k < deg && uniformNeighbourhood; k++)
      uniformNeighbourhood = <i32>load<T>(base + ((<usize>neighbourAt(k)) << alignof<T>())) >> SHIFT === first;
    if (uniformNeighbourhood) {
      if (first !== own) adopt<T>(firm, first);
      continue;
    }
    let highest = -Infinity;
    let best = 0;
    for (let k = 0; k < deg; k++) {
      const neighbour = <i32>load<T>(base + ((<usize>neighbourAt(k)) << alignof<T>()));
      const payoff = load<f64>(value + ((<usize>neighbour) << 3));
      if (payoff > highest) {
        highest = payoff;
        best = neighbour;
      }
    }
    let total: f64 = 0;
    for (let k = 0; k < deg; k++) {
      const neighbour = <i32>load<T>(base + ((<usize>neighbourAt(k)) << alignof<T>()));
      let weight: f64;
      if (table === 0) weight = hostExp((load<f64>(value + ((<usize>neighbour) << 3)) - highest) * inverseK);
      else {
        const pair = table + ((<usize>(neighbour * span + best)) << 3);
        weight = load<f64>(pair);
        if (Number.isNaN(weight)) {
          weight = hostExp((load<f64>(value + ((<usize>neighbour) << 3)) - highest) * inverseK);
          store<f64>(pair, weight);
        }
      }
      store<f64>(WEIGHTS + ((<usize>k) << 3), weight);
      total += weight;
    }
    let chosen = neighbourAt(deg - 1);
    b = rotl<i32>(b, 25) ^ c;
    c = c - d;
    d = rotl<i32>(d, 24) ^ a;
    a = a - b;
    b = rotl<i32>(b, 20) ^ c;
    c = c - d;
    d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
    a = a - b;
    let target = toUniform(a) * total;
    for (let k = 0; k < deg; k++) {
      target -= load<f64>(WEIGHTS + ((<usize>k) << 3));
      if (target < 0) {
        chosen = neighbourAt(k);
        break;
      }
    }
    const model = <i32>load<T>(base + ((<usize>chosen) << alignof<T>())) >> SHIFT;
    if (model !== own) adopt<T>(firm, model);
  }
  closeStream(a, b, c, d);
}

/**
 * A revision's steps, fermiOnPackedTorus's or (`moran`) moranOnPackedTorus's, on the entries at
 * `entriesAt` (two bytes each when `wide`), from the stream's state at streamAt(), which it leaves
 * there afterwards. `table` is 0 for no pair table.
 */
export function revise(
  moran: bool,
  entriesAt: usize,
  wide: bool,
  cooperatesAt: usize,
  latticeWidth: i32,
  latticeHeight: i32,
  latticeDegree: i32,
  steps: i32,
  mutation: f64,
  poolSize: i32,
  value: usize,
  table: usize,
  span: i32,
  inverseK: f64,
): void {
  setLattice(entriesAt, cooperatesAt, latticeWidth, latticeHeight, latticeDegree);
  clearTable(table, span);
  if (moran) {
    if (wide) moranSteps<u16>(steps, mutation, poolSize, value, table, span, inverseK);
    else moranSteps<u8>(steps, mutation, poolSize, value, table, span, inverseK);
  } else if (wide) fermiSteps<u16>(steps, mutation, poolSize, value, table, span, inverseK);
  else fermiSteps<u8>(steps, mutation, poolSize, value, table, span, inverseK);
}
