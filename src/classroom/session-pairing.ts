import type { Lattice } from '../cluster/space.js';

/** Who plays whom in a round: pairs of seats, the lower seat first. */
export type Pairs = readonly (readonly [number, number])[];

/** The most nearly square grid for n firms, wider than tall. */
export function gridFor(count: number): { width: number; height: number } {
  const width = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { width, height: Math.max(1, Math.ceil(count / width)) };
}

/**
 * Pairwise: the circle method over the seats, so partners change every round and, over
 * n − 1 rounds, everyone meets everyone (with an odd count one firm sits each round out).
 * Lattice: every neighbouring pair, every round.
 */
export function pairsFor(round: number, count: number, lattice: Lattice | undefined): (readonly [number, number])[] {
  if (lattice !== undefined) {
    const pairs: (readonly [number, number])[] = [];
    for (let firm = 0; firm < count; firm++) {
      for (let k = lattice.neighbourOffsets[firm]!; k < lattice.neighbourOffsets[firm + 1]!; k++) {
        const neighbour = lattice.neighbourList[k]!;
        if (neighbour > firm && neighbour < count) pairs.push([firm, neighbour]);
      }
    }
    return dedupe(pairs);
  }
  const circle: number[] = Array.from({ length: count }, (_, index) => index);
  if (count % 2 === 1) circle.push(-1);
  const size = circle.length;
  if (size < 2) return [];
  const turn = (round - 1) % (size - 1);
  const rotated = [circle[0]!, ...circle.slice(1).map((_, index) => circle[1 + ((index + turn) % (size - 1))]!)];
  const pairs: (readonly [number, number])[] = [];
  for (let k = 0; k < size / 2; k++) {
    const a = rotated[k]!;
    const b = rotated[size - 1 - k]!;
    if (a >= 0 && b >= 0) pairs.push(a < b ? [a, b] : [b, a]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** Whether a seat plays in a round. */
export function plays(seat: number, pairs: Pairs): boolean {
  return pairs.some(([a, b]) => a === seat || b === seat);
}

/** A seat's partners in a round, in pair order. */
export function partnersOf(seat: number, pairs: Pairs): number[] {
  const partners: number[] = [];
  for (const [a, b] of pairs) {
    if (a === seat) partners.push(b);
    else if (b === seat) partners.push(a);
  }
  return partners;
}

function dedupe(pairs: (readonly [number, number])[]): (readonly [number, number])[] {
  const seen = new Set<number>();
  return pairs.filter(([a, b]) => {
    const key = a * 65_536 + b;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
