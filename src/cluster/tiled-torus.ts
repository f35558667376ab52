/**
 * Where a firm's one-byte packed entry lives on a large torus (kernel.ts, PackedTorus): in tiles of
 * 8 × 8 firms, each tile one 64-byte cache line, instead of row after row. A sequential step reads
 * and writes only a firm and its neighbours at radius 1: row after row that is three lines (the
 * rows above, at and below), scattered over up to three pages of a 4 MB lattice; in tiles it is one
 * line for 36 of a tile's 64 firms and two or three for the rest. Only where an entry lives
 * changes: the steps, their order, their draws and their results are the same.
 */

/** log2 of a tile's side. */
const TILE_SHIFT = 3;
const TILE_MASK = (1 << TILE_SHIFT) - 1;
/** log2 of a tile's bytes (one cache line). */
const TILE_BYTES_SHIFT = 2 * TILE_SHIFT;

/** Tiles in a row of tiles: a width that is not a multiple of 8 ends on a part-filled tile. */
export function tilesAcross(width: number): number {
  return (width + TILE_MASK) >> TILE_SHIFT;
}

/** The slot of the firm at (x, y) in tiled entries whose rows hold `across` tiles. */
export function tileSlot(x: number, y: number, across: number): number {
  return (((y >> TILE_SHIFT) * across + (x >> TILE_SHIFT)) << TILE_BYTES_SHIFT) | ((y & TILE_MASK) << TILE_SHIFT) | (x & TILE_MASK);
}

/**
 * Zeroed bytes for the tiles of a width × height torus, starting on a cache line: an ArrayBuffer
 * from the allocator starts 16 bytes into a page when large, which would split every tile over
 * two lines; a WebAssembly memory starts on a page. Falls back to a plain array where no
 * WebAssembly memory can be had (tiles split over two lines are still fewer lines than rows).
 */
export function tiledBytes(width: number, height: number): Uint8Array {
  const length = (tilesAcross(width) * ((height + TILE_MASK) >> TILE_SHIFT)) << TILE_BYTES_SHIFT;
  const api = (globalThis as { WebAssembly?: { Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer } } }).WebAssembly;
  try {
    if (api !== undefined) return new Uint8Array(new api.Memory({ initial: Math.ceil(length / WASM_PAGE) }).buffer, 0, length);
  } catch {
    // No room for another WebAssembly memory: plain bytes.
  }
  return new Uint8Array(length);
}

const WASM_PAGE = 65536;
