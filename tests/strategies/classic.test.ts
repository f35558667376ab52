import { describe, expect, it } from 'vitest';
import { classicStrategies } from '../../strategies/registry.js';
import { cycle, movesOf } from '../support/play.js';

// Fixed opponents: each row pins the exact first moves of a classic strategy against them.
const ALL_C = cycle('C');
const ALL_D = cycle('D');
const ALTERNATE = cycle('CD');
const PROBE = cycle('CCDDD'); // a few co-operations, then a run of defections

describe('the classic dozen', () => {
  it('has exactly the twelve ids, in the documented order', () => {
    expect(classicStrategies.map((strategy) => strategy.id)).toEqual([
      'cooperator',
      'defector',
      'tit-for-tat',
      'grudger',
      'tit-for-two-tats',
      'win-stay-lose-shift',
      'alternator',
      'suspicious-tit-for-tat',
      'prober',
      'two-tits-for-tat',
      'bully',
      'appeaser',
    ]);
  });

  const pinned: Record<string, [opponent: ReturnType<typeof cycle>, expected: string][]> = {
    cooperator: [
      [ALL_D, 'CCCCCCCCCC'],
      [ALTERNATE, 'CCCCCCCCCC'],
    ],
    defector: [
      [ALL_C, 'DDDDDDDDDD'],
      [ALTERNATE, 'DDDDDDDDDD'],
    ],
    'tit-for-tat': [
      [ALL_C, 'CCCCCCCCCC'],
      [ALL_D, 'CDDDDDDDDD'],
      [ALTERNATE, 'CCDCDCDCDC'],
      [PROBE, 'CCCDDDCCDD'],
    ],
    grudger: [
      [ALL_C, 'CCCCCCCCCC'],
      [ALTERNATE, 'CCDDDDDDDD'],
      [PROBE, 'CCCDDDDDDD'],
    ],
    'tit-for-two-tats': [
      [ALL_D, 'CCDDDDDDDD'],
      [ALTERNATE, 'CCCCCCCCCC'],
      [PROBE, 'CCCCDDCCCD'],
    ],
    'win-stay-lose-shift': [
      [ALL_C, 'CCCCCCCCCC'],
      [ALL_D, 'CDCDCDCDCD'],
      [ALTERNATE, 'CCDDCCDDCC'],
      [PROBE, 'CCCDCDDDCD'],
    ],
    alternator: [
      [ALL_C, 'CDCDCDCDCD'],
      [ALL_D, 'CDCDCDCDCD'],
    ],
    'suspicious-tit-for-tat': [
      [ALL_C, 'DCCCCCCCCC'],
      [ALL_D, 'DDDDDDDDDD'],
      [ALTERNATE, 'DCDCDCDCDC'],
    ],
    prober: [
      [ALL_C, 'DCCDDDDDDD'],
      [ALL_D, 'DCCDDDDDDD'],
      [ALTERNATE, 'DCCCDCDCDC'],
      [cycle('CDC'), 'DCCCCDCCDC'],
    ],
    'two-tits-for-tat': [
      [ALL_D, 'CDDDDDDDDD'],
      [ALTERNATE, 'CCDDDDDDDD'],
      [PROBE, 'CCCDDDDCDD'],
    ],
    bully: [
      [ALL_C, 'DDDDDDDDDD'],
      [ALL_D, 'DCCCCCCCCC'],
      [ALTERNATE, 'DDCDCDCDCD'],
    ],
    appeaser: [
      [ALL_C, 'CCCCCCCCCC'],
      [ALL_D, 'CDCDCDCDCD'],
      [ALTERNATE, 'CCDDCCDDCC'],
    ],
  };

  for (const [id, cases] of Object.entries(pinned)) {
    describe(id, () => {
      for (const [opponent, expected] of cases) {
        it(`plays ${expected} against ${opponent.name}`, () => {
          expect(movesOf(id, opponent)).toBe(expected);
        });
      }
    });
  }
});
