/**
 * The generation's payoffs as distinct values. A firm's payoff in the full model is a sum of what
 * its relationships' rounds paid, and those take few values (some twenty in training-first's first
 * generations at a million firms, a few hundred once trust has spread), so the Fermi revision on
 * the generation's payoffs (evolution.ts) can read one two-byte entry per firm, its payoff's class
 * and its strategy, instead of its strategy and its payoff (one and eight bytes, scattered), and
 * with few classes take a step's probability from a table by pair of classes, worked out with
 * fermi's own expression on the classes' values: the same doubles, so the same decisions.
 */

/** The most classes an entry holds (its high twelve bits). */
export const MOST_CLASSES = 4095;

/** An entry's strategy is its low four bits (a pool of up to STRATEGIES), its payoff's class the rest. */
export const CLASS_SHIFT = 4;
export const STRATEGY_MASK = 0xf;
export const STRATEGIES = 16;

/** Up to this many classes the probabilities are tabled (classes² cells, 512 kB at most); beyond, a step works its own out from the classes' values. */
export const MOST_TABLED = 256;

/** Slots of the hash table that finds a payoff's class: a power of two, four times MOST_CLASSES so that a probe seldom goes on. */
const SLOTS = 1 << 14;

/**
 * Writes each firm's entry (class << CLASS_SHIFT | strategy) and each class's value, and returns
 * how many classes there are, or −1 when there are more than MOST_CLASSES (or a payoff is NaN,
 * which equals no class). Classes are numbered as they first come up; any numbering gives the same table.
 */
export function classifyPayoffs(payoff: Float64Array, strategyOf: Uint8Array, entry: Uint16Array, values: Float64Array): number {
  // The payoff's two 32-bit halves make its hash.
  const words = new Int32Array(payoff.buffer, payoff.byteOffset, payoff.length * 2);
  return classifyInto(payoff, words, new Int16Array(SLOTS).fill(-1), strategyOf, entry, values);
}

/**
 * classifyPayoffs' loop, a function of its own that starts with the loop: the engine compiles the
 * loop while the first call runs it, before the code ahead of it has a record of its run (a
 * function called once a generation gets one only then).
 */
function classifyInto(payoff: Float64Array, words: Int32Array, slots: Int16Array, strategyOf: Uint8Array, entry: Uint16Array, values: Float64Array): number {
  const size = payoff.length;
  let classes = 0;
  let last = Number.NaN;
  let lastClass = -1;
  for (let firm = 0; firm < size; firm++) {
    const value = payoff[firm]!;
    // Neighbouring firms often earn the same.
    if (value !== last) {
      let slot = (Math.imul(words[firm * 2]!, 0x9e3779b1) ^ Math.imul(words[firm * 2 + 1]!, 0x85ebca77)) >>> 18;
      for (;;) {
        const found = slots[slot]!;
        // Worked out on every probe: the first collision, some generations in, would otherwise be a sum the compiled loop has never run.
        const next = (slot + 1) & (SLOTS - 1);
        if (found < 0) {
          if (classes === MOST_CLASSES || Number.isNaN(value)) return -1;
          slots[slot] = classes;
          values[classes] = value;
          lastClass = classes++;
          break;
        }
        if (values[found] === value) {
          lastClass = found;
          break;
        }
        slot = next;
      }
      last = value;
    }
    entry[firm] = (lastClass << CLASS_SHIFT) | strategyOf[firm]!;
  }
  return classes;
}

/**
 * A table's cells per step of the revision, at most: a cell costs an exponential, and a step needs
 * one only when its two firms differ (about half of them), so on a small lattice with many
 * classes (100², a few hundred classes) a table would cost more than it saves.
 */
const CELLS_PER_STEP = 1 / 4;

/**
 * Per pair of classes (firm's × classes + neighbour's): the probability that the firm copies its
 * neighbour, fermi's expression on the classes' values; undefined beyond MOST_TABLED classes, or
 * when the table would have more cells than CELLS_PER_STEP × `steps`.
 */
export function copyProbabilities(values: Float64Array, classes: number, inverseK: number, steps: number): Float64Array | undefined {
  if (classes > MOST_TABLED || classes * classes > CELLS_PER_STEP * steps) return undefined;
  const table = new Float64Array(classes * classes);
  for (let own = 0; own < classes; own++) {
    for (let other = 0; other < classes; other++) table[own * classes + other] = 1 / (1 + Math.exp((values[own]! - values[other]!) * inverseK));
  }
  return table;
}
