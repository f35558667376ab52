import { describe, expect, it } from 'vitest';
import { appendMove, COOPERATE, DEFECT, History } from '../../src/core/history.js';

describe('History', () => {
  it('reads moves from either end and counts them', () => {
    const history = new History(2);
    for (const code of [COOPERATE, DEFECT, DEFECT, COOPERATE, DEFECT]) appendMove(history, code);
    expect(history.length).toBe(5);
    expect(history.toArray().join('')).toBe('CDDCD');
    expect(history.at(0)).toBe('C');
    expect(history.at(-1)).toBe('D');
    expect(history.at(-2)).toBe('C');
    expect(history.at(5)).toBeUndefined();
    expect(history.at(-6)).toBeUndefined();
    expect(history.last).toBe('D');
    expect(history.cooperations).toBe(2);
    expect(history.defections).toBe(3);
    expect(history.defectionsInLast(3)).toBe(2);
    expect(history.defectionsInLast(100)).toBe(3);
  });

  it('cannot be changed through anything a strategy receives', () => {
    const history = new History();
    appendMove(history, COOPERATE);
    const copy = history.toArray();
    copy.push('D');
    expect(history.length).toBe(1);
    expect(Object.keys(history)).toEqual([]);
    expect(() => Object.assign(history, { length: 7 })).toThrow(TypeError);
    expect(history.length).toBe(1);
  });
});
