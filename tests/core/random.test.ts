import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { deriveStream, geometricTrials, geometricTrialsOn, geometricTrialsWith, StreamState, streamFromKey } from '../../src/core/random.js';

describe('seeded streams', () => {
  it('give the same numbers for the same identity and different ones otherwise', () => {
    const a = deriveStream(1, 'tit-for-tat', 'defector', 0, 'noise');
    const b = deriveStream(1, 'tit-for-tat', 'defector', 0, 'noise');
    const c = deriveStream(1, 'tit-for-tat', 'defector', 1, 'noise');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it("are exactly seedrandom's Tyche-i streams for the same key", () => {
    for (const key of ['', '1', 'tit-for-tat\u001fdefector\u001f3\u001fnoise', 'ü€ long key '.repeat(20)]) {
      const ours = streamFromKey(key);
      const reference = seedrandom.tychei(key);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(reference());
    }
  });

  it('draws geometric lengths with mean 1/p', () => {
    const random = deriveStream(7, 'geometric');
    const p = 0.1;
    const draws = 20_000;
    let total = 0;
    for (let i = 0; i < draws; i++) {
      const k = geometricTrials(p, random);
      expect(k).toBeGreaterThanOrEqual(1);
      total += k;
    }
    // mean 10, standard deviation of one draw sqrt(1-p)/p ≈ 9.49: four standard errors ≈ 0.27
    expect(Math.abs(total / draws - 10)).toBeLessThan(0.27);
    expect(geometricTrials(1, random)).toBe(1);
    expect(geometricTrials(0, random)).toBe(Infinity);
  });

  it('draws the same geometric lengths from a generator itself as through its stream', () => {
    const stream = streamFromKey('flips');
    const generator = new StreamState().absorb('flips').seal();
    for (const p of [0.01, 0.3, 0.9]) {
      for (let i = 0; i < 200; i++) expect(geometricTrialsOn(p, Math.log1p(-p), generator)).toBe(geometricTrialsWith(p, Math.log1p(-p), stream));
    }
    expect(geometricTrialsOn(1, 0, generator)).toBe(1);
    expect(geometricTrialsOn(0, 0, generator)).toBe(Infinity);
    expect(generator.uniform()).toBe(stream());
  });
});
