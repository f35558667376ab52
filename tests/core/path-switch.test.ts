import { describe, expect, it } from 'vitest';
import { PathSwitch } from '../../src/core/path-switch.js';

describe('PathSwitch', () => {
  it('is off inside without() and on again after it, nested or not', () => {
    const path = new PathSwitch();
    const seen = path.without(() => [path.on, path.without(() => path.on), path.on]);
    expect(seen).toEqual([false, false, false]);
    expect(path.on).toBe(true);
  });

  it('is on again after a body that throws', () => {
    const path = new PathSwitch();
    expect(() =>
      path.without(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(path.on).toBe(true);
  });
});
