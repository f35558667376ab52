import { describe, expect, it } from 'vitest';
import type { ClusterContext, ReputationView, Strategy } from '../../src/core/strategy.js';
import { builtinStrategies, reputationStrategies } from '../../strategies/index.js';
import { builtin, cycle, movesOf } from '../support/play.js';

// Every expected sequence was worked out by hand from the rule in the strategy's header. The
// standing is fixed for the whole match, as it is within one generation on the lattice.

function context(reputation: ReputationView | undefined): ClusterContext {
  return {
    activity: { name: 'deal', lowRisk: false, cost: 0 },
    trust: 1,
    sanctions: { detection: 0, fine: 0, compensate: false },
    generation: 3,
    reputation,
  };
}

const CONTEXTS = {
  tournament: undefined,
  'reputation layer off': context(undefined),
  'partner good (0.9), own good': context({ partner: 0.9, own: 1, good: 0.5 }),
  'partner exactly at good (0.5)': context({ partner: 0.5, own: 1, good: 0.5 }),
  'partner bad (0.2), own good': context({ partner: 0.2, own: 1, good: 0.5 }),
  'partner 0.6 under a strict norm (good 0.7)': context({ partner: 0.6, own: 1, good: 0.7 }),
  'partner 0.3 under a lax norm (good 0.25)': context({ partner: 0.3, own: 0.1, good: 0.25 }),
} satisfies Record<string, ClusterContext | undefined>;
type ContextName = keyof typeof CONTEXTS;

const C10 = 'CCCCCCCCCC';
const D10 = 'DDDDDDDDDD';

const pinned: Record<string, [ContextName, string, string][]> = {
  // C iff partner >= good; C without standing.
  'good-standing': [
    ['tournament', 'D', C10],
    ['reputation layer off', 'CD', C10],
    ['partner good (0.9), own good', 'D', C10],
    ['partner exactly at good (0.5)', 'D', C10],
    ['partner bad (0.2), own good', 'C', D10],
    ['partner 0.6 under a strict norm (good 0.7)', 'C', D10],
    ['partner 0.3 under a lax norm (good 0.25)', 'D', C10],
  ],
  // C iff partner >= k (0.5), whatever the model's good; C without standing.
  'image-scorer': [
    ['tournament', 'D', C10],
    ['reputation layer off', 'D', C10],
    ['partner good (0.9), own good', 'CD', C10],
    ['partner bad (0.2), own good', 'C', D10],
    ['partner 0.6 under a strict norm (good 0.7)', 'C', C10],
    ['partner 0.3 under a lax norm (good 0.25)', 'C', D10],
  ],
  // C iff partner >= good; without standing, tit-for-tat.
  discriminator: [
    ['tournament', 'CD', 'CCDCDCDCDC'],
    ['reputation layer off', 'D', 'CDDDDDDDDD'],
    ['partner good (0.9), own good', 'D', C10],
    ['partner bad (0.2), own good', 'C', D10],
    ['partner 0.6 under a strict norm (good 0.7)', 'CD', D10],
    ['partner 0.3 under a lax norm (good 0.25)', 'D', C10],
  ],
};

describe('reputation strategies', () => {
  it('are registered after the cluster strategies, each with a source', () => {
    expect(reputationStrategies.map((strategy: Strategy) => strategy.id)).toEqual(['good-standing', 'image-scorer', 'discriminator']);
    expect(builtinStrategies.slice(-5, -2)).toEqual(reputationStrategies);
    expect(builtin('image-scorer').provenance).toContain('Nowak, M. A. & Sigmund, K. (1998)');
    expect(builtin('discriminator').provenance).toContain('Ohtsuki, H. & Iwasa, Y. (2004)');
    expect(builtin('good-standing').provenance).toContain('Sonobe, T. & Otsuka, K.');
  });

  for (const [id, cases] of Object.entries(pinned)) {
    describe(id, () => {
      for (const [name, pattern, expected] of cases) {
        it(`plays ${expected} against ${pattern} repeated (${name})`, () => {
          const cluster = CONTEXTS[name];
          expect(movesOf(id, cycle(pattern), { turns: expected.length, ...(cluster === undefined ? {} : { cluster }) })).toBe(expected);
        });
      }
    });
  }

  it('image-scorer honours its threshold k', () => {
    const strict: Strategy = { ...builtin('image-scorer'), parameters: { k: { ...builtin('image-scorer').parameters!.k!, default: 0.95 } } };
    expect(movesOf(strict, cycle('C'), { turns: 4, cluster: CONTEXTS['partner good (0.9), own good'] })).toBe('DDDD');
  });
});
