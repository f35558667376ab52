import { describe, expect, it } from 'vitest';
import { CLASS_SHIFT, classifyPayoffs, copyProbabilities, MOST_CLASSES, MOST_TABLED, STRATEGY_MASK } from '../../src/cluster/payoff-classes.js';

describe('payoff classes (the Fermi revision on the generation payoffs)', () => {
  it("give each firm an entry of its payoff's class and its strategy, and each class the payoff's own double", () => {
    const payoff = Float64Array.from([0.1 + 0.2, 3, 0.30000000000000004, -0, 0, 3, 0.3, -2.5]);
    const strategyOf = Uint8Array.from([0, 1, 2, 3, 0, 1, 2, 3]);
    const entry = new Uint16Array(payoff.length);
    const values = new Float64Array(MOST_CLASSES);
    const classes = classifyPayoffs(payoff, strategyOf, entry, values);
    // 0.1 + 0.2 and 0.3 are two doubles; ±0 may share a class (a difference with either is the same).
    expect(classes).toBeGreaterThanOrEqual(5);
    expect(classes).toBeLessThanOrEqual(6);
    for (let firm = 0; firm < payoff.length; firm++) {
      expect(entry[firm]! & STRATEGY_MASK).toBe(strategyOf[firm]);
      // ===: a class of ±0 holds either zero.
      expect(values[entry[firm]! >> CLASS_SHIFT] === payoff[firm]).toBe(true);
    }
    expect(entry[0]! >> CLASS_SHIFT).toBe(entry[2]! >> CLASS_SHIFT);
    expect(entry[0]! >> CLASS_SHIFT).not.toBe(entry[6]! >> CLASS_SHIFT);
  });

  it('give up beyond the most classes an entry holds, and on a NaN payoff', () => {
    const size = MOST_CLASSES + 1;
    const strategyOf = new Uint8Array(size);
    const entry = new Uint16Array(size);
    const values = new Float64Array(MOST_CLASSES);
    expect(
      classifyPayoffs(
        Float64Array.from({ length: size }, (_, k) => k / 7),
        strategyOf,
        entry,
        values,
      ),
    ).toBe(-1);
    expect(
      classifyPayoffs(
        Float64Array.from({ length: size }, (_, k) => k % MOST_CLASSES),
        strategyOf,
        entry,
        values,
      ),
    ).toBe(MOST_CLASSES);
    expect(classifyPayoffs(Float64Array.from([1, Number.NaN]), Uint8Array.of(0, 0), new Uint16Array(2), values)).toBe(-1);
    expect(copyProbabilities(values, MOST_TABLED + 1, 1, 1e9)).toBeUndefined();
    // A table dearer than the steps it serves: 3 × 3 cells for 32 steps is not worth it, for 36 it is.
    expect(copyProbabilities(values, 3, 1, 32)).toBeUndefined();
    expect(copyProbabilities(values, 3, 1, 36)).toBeDefined();
  });

  it("tabulate fermi's probability by pair of classes with fermi's expression", () => {
    const values = Float64Array.from([0.3, -1.7, 2]);
    const table = copyProbabilities(values, 3, 1 / 0.1, 1e9)!;
    for (let own = 0; own < 3; own++)
      for (let other = 0; other < 3; other++) expect(table[own * 3 + other]).toBe(1 / (1 + Math.exp((values[own]! - values[other]!) * (1 / 0.1))));
  });
});
