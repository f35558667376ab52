import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME, type Game } from '../../src/core/game.js';
import { compileMachine } from '../../src/core/machine.js';
import type { ClusterContext, Move, Strategy } from '../../src/core/strategy.js';
import { finiteStateStrategy } from '../../src/authoring/define.js';
import { resolveParameters } from '../../src/core/strategy.js';
import {
  builtinStrategies,
  classicStrategies,
  clusterStrategies,
  communicationStrategies,
  literatureStrategies,
  reputationStrategies,
} from '../../strategies/index.js';
import { builtin, cycle, movesOf, play, type PlayOptions } from '../support/play.js';
import { viewAfter } from '../support/views.js';

// Every expected sequence below was worked out by hand from the rule in the strategy's header.
// The matches are played in the classic game (R=3, S=0, T=5, P=1), so T - R = 2: a firm is
// deterred when detection x fine >= 2. Trust is fixed for the whole match.

const EXPECTED_IDS = [
  'trust-threshold',
  'raise-the-stakes',
  'deterred-rival',
  'opportunist',
  'cautious-pioneer',
  'sanction-aware-tit-for-tat',
  'grudging-rival',
];

const NO_SANCTIONS = { detection: 0, fine: 0, compensate: false } as const;
const TRAINING = { name: 'training', lowRisk: true, cost: 0 } as const;
const TECHNOLOGY = { name: 'technology-exchange', lowRisk: false, cost: 0 } as const;

function context(lowRisk: boolean, trust: number, detection = 0, fine = 0): ClusterContext {
  return {
    activity: lowRisk ? TRAINING : TECHNOLOGY,
    trust,
    sanctions: detection === 0 && fine === 0 ? NO_SANCTIONS : { detection, fine, compensate: false },
    generation: 0,
  };
}

/** The contexts the pinned cases use; `undefined` is a plain tournament (risky, trusted, not deterred). */
const CONTEXTS = {
  tournament: undefined,
  'low-risk, trusted (0.8)': context(true, 0.8),
  'low-risk, distrusted (0.2)': context(true, 0.2),
  'risky, trusted (0.8)': context(false, 0.8),
  'risky, trust 0.6': context(false, 0.6),
  'risky, trust exactly 0.5': context(false, 0.5),
  'risky, distrusted (0.2)': context(false, 0.2),
  // 0.5 x 5 = 2.5 >= 2
  'risky, distrusted, deterred': context(false, 0.2, 0.5, 5),
  // 0.5 x 4 = 2 >= 2: the boundary counts as deterred
  'risky, trusted, just deterred': context(false, 0.8, 0.5, 4),
  // 0.5 x 3.9 = 1.95 < 2
  'risky, trusted, not quite deterred': context(false, 0.8, 0.5, 3.9),
  'low-risk, distrusted, deterred': context(true, 0.2, 0.5, 5),
} satisfies Record<string, ClusterContext | undefined>;
type ContextName = keyof typeof CONTEXTS;

/** A fixed opponent as a finite-state machine, so a pairing with it takes the engine's fast path. */
function machineCycle(pattern: string): Strategy {
  const moves = [...pattern];
  return finiteStateStrategy(
    {
      id: `machine-cycle-${pattern.toLowerCase()}`,
      name: `Machine cycle ${pattern}`,
      description: `Plays ${pattern} repeatedly.`,
      provenance: 'test fixture',
      classifier: { memoryDepth: 0, stochastic: false },
    },
    {
      initial: 0,
      cooperate: moves.map((move) => (move === 'C' ? 1 : 0)),
      next: moves.map((_, i) => {
        const after = (i + 1) % moves.length;
        return [after, after, after, after] as const;
      }),
    },
  );
}

type Pattern = 'C' | 'D' | 'CD' | 'CCDDD' | 'DCCCC';
type Case = [context: ContextName, opponent: Pattern, expected: string];

const C12 = 'CCCCCCCCCCCC';
const D12 = 'DDDDDDDDDDDD';
// Tit-for-tat's answers, used by several strategies below.
const TFT_V_D = 'CDDDDDDDDDDD';
const TFT_V_CD = 'CCDCDCDCDCDC';
const TFT_V_CCDDD = 'CCCDDDCCDDDC'; // CCDDD CCDDD CC shifted by one, opening C
// Hard tit-for-tat (defect while the partner defected in any of its last three moves).
const HARD_V_CD = 'CCDDDDDDDDDD';
const HARD_V_CCDDD = 'CCCDDDDDDDDD'; // CCDDD never shows three C's in a row
const HARD_V_DCCCC = 'CDDDCCDDDCCDDDC';

const pinned: Record<string, Case[]> = {
  // C iff trust >= 0.5, nothing else matters.
  'trust-threshold': [
    ['tournament', 'D', C12],
    ['low-risk, trusted (0.8)', 'D', C12],
    ['risky, trusted (0.8)', 'CCDDD', C12],
    ['risky, trust exactly 0.5', 'CD', C12],
    ['risky, distrusted (0.2)', 'C', D12],
    ['low-risk, distrusted (0.2)', 'C', D12],
    ['risky, distrusted, deterred', 'C', D12],
  ],
  // Always C in low-risk activities; tit-for-tat in risky ones, whatever the trust.
  'raise-the-stakes': [
    ['tournament', 'CCDDD', TFT_V_CCDDD],
    ['low-risk, distrusted (0.2)', 'D', C12],
    ['low-risk, trusted (0.8)', 'CD', C12],
    ['risky, trusted (0.8)', 'CD', TFT_V_CD],
    ['risky, distrusted (0.2)', 'CCDDD', TFT_V_CCDDD],
    ['risky, distrusted, deterred', 'D', TFT_V_D],
  ],
  // C iff detection x fine >= T - R.
  'deterred-rival': [
    ['tournament', 'C', D12],
    ['low-risk, trusted (0.8)', 'C', D12],
    ['risky, trusted, not quite deterred', 'C', D12],
    ['risky, distrusted, deterred', 'D', C12],
    ['risky, trusted, just deterred', 'CCDDD', C12],
    ['low-risk, distrusted, deterred', 'CD', C12],
  ],
  // C iff the activity is low-risk.
  opportunist: [
    ['tournament', 'C', D12],
    ['low-risk, trusted (0.8)', 'D', C12],
    ['low-risk, distrusted (0.2)', 'CD', C12],
    ['risky, trusted (0.8)', 'C', D12],
    ['risky, distrusted, deterred', 'C', D12],
  ],
  // Low-risk: tit-for-tat. Risky: C iff trust >= 0.7 and the partner's last move was C (D on the opening move).
  'cautious-pioneer': [
    ['tournament', 'C', 'DCCCCCCCCCCC'],
    ['tournament', 'CD', 'DCDCDCDCDCDC'],
    ['low-risk, distrusted (0.2)', 'CD', TFT_V_CD],
    ['low-risk, trusted (0.8)', 'CCDDD', TFT_V_CCDDD],
    ['risky, trusted (0.8)', 'C', 'DCCCCCCCCCCC'],
    ['risky, trusted (0.8)', 'CCDDD', 'DCCDDDCCDDDC'],
    ['risky, trust 0.6', 'C', D12],
    ['risky, distrusted (0.2)', 'C', D12],
  ],
  // Tit-for-tat; when deterred, C whatever the partner did.
  'sanction-aware-tit-for-tat': [
    ['tournament', 'CCDDD', TFT_V_CCDDD],
    ['low-risk, trusted (0.8)', 'D', TFT_V_D],
    ['risky, trusted (0.8)', 'CD', TFT_V_CD],
    ['risky, trusted, not quite deterred', 'CD', TFT_V_CD],
    ['risky, distrusted, deterred', 'D', C12],
    ['risky, trusted, just deterred', 'CCDDD', C12],
  ],
  // Hard tit-for-tat; in a low-risk activity with a trusted partner, C whatever the grudge.
  'grudging-rival': [
    ['tournament', 'CD', HARD_V_CD],
    ['tournament', 'DCCCC', HARD_V_DCCCC],
    ['low-risk, trusted (0.8)', 'D', C12],
    ['low-risk, trusted (0.8)', 'CCDDD', C12],
    ['low-risk, distrusted (0.2)', 'D', TFT_V_D],
    ['risky, trusted (0.8)', 'CD', HARD_V_CD],
    ['risky, distrusted (0.2)', 'CCDDD', HARD_V_CCDDD],
    ['risky, distrusted, deterred', 'DCCCC', HARD_V_DCCCC],
  ],
};

function settings(name: ContextName, turns: number, extra: PlayOptions = {}): PlayOptions {
  const cluster = CONTEXTS[name];
  return { turns, ...extra, ...(cluster === undefined ? {} : { cluster }) };
}

describe('cluster strategies', () => {
  it('registers the seven strategies after the literature, with unique kebab-case ids', () => {
    expect(clusterStrategies.map((strategy) => strategy.id)).toEqual(EXPECTED_IDS);
    expect(builtinStrategies).toEqual([
      ...classicStrategies,
      ...literatureStrategies,
      ...clusterStrategies,
      ...reputationStrategies,
      ...communicationStrategies,
    ]);
    const ids = builtinStrategies.map((strategy) => strategy.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of EXPECTED_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('documents each strategy and cites its sources', () => {
    for (const strategy of clusterStrategies) {
      expect(strategy.name.length, strategy.id).toBeGreaterThan(0);
      expect(strategy.description.length, strategy.id).toBeGreaterThan(40);
      expect(strategy.provenance, strategy.id).toMatch(/\(\d{4}\)/);
      for (const spec of Object.values(strategy.parameters ?? {})) expect(spec.description.length).toBeGreaterThan(0);
    }
    const provenance = (id: string) => builtin(id).provenance;
    for (const id of EXPECTED_IDS) expect(provenance(id), id).toContain('Meyer-Stamer, J. (2001)');
    expect(provenance('raise-the-stakes')).toContain('Roberts, G. & Sherratt, T. N. (1998)');
    expect(provenance('sanction-aware-tit-for-tat')).toContain('Axelrod, R. (1984)');
  });

  it('are deterministic finite-state machines with the documented memory and parameters', () => {
    const classifiers = Object.fromEntries(clusterStrategies.map((s) => [s.id, [s.classifier.memoryDepth, s.classifier.stochastic]]));
    expect(classifiers).toEqual({
      'trust-threshold': [0, false],
      'raise-the-stakes': [1, false],
      'deterred-rival': [0, false],
      opportunist: [0, false],
      'cautious-pioneer': [1, false],
      'sanction-aware-tit-for-tat': [1, false],
      'grudging-rival': [3, false],
    });
    for (const strategy of clusterStrategies) {
      expect(strategy.finiteState, strategy.id).toBeDefined();
      const machine = compileMachine(strategy, strategy.finiteState!(resolveParameters(strategy), CLASSIC_GAME));
      expect(machine.stochastic, strategy.id).toBe(false);
    }
    const thresholds = Object.fromEntries(
      clusterStrategies.map((s) => [s.id, compileMachine(s, s.finiteState!(resolveParameters(s), CLASSIC_GAME)).trustThreshold]),
    );
    expect(thresholds).toEqual({
      'trust-threshold': 0.5,
      'raise-the-stakes': 0.5,
      'deterred-rival': 0.5,
      opportunist: 0.5,
      'cautious-pioneer': 0.7,
      'sanction-aware-tit-for-tat': 0.5,
      'grudging-rival': 0.5,
    });
  });

  it('pins every strategy in at least two cluster contexts and in a plain tournament', () => {
    expect(Object.keys(pinned)).toEqual(EXPECTED_IDS);
    for (const [id, cases] of Object.entries(pinned)) {
      const contexts = new Set(cases.map(([name]) => name));
      expect(contexts.has('tournament'), id).toBe(true);
      expect(contexts.size, id).toBeGreaterThanOrEqual(3);
      for (const [, , expected] of cases) {
        expect(expected.length).toBeGreaterThanOrEqual(10);
        expect(expected.length).toBeLessThanOrEqual(15);
      }
    }
  });

  for (const [id, cases] of Object.entries(pinned)) {
    describe(id, () => {
      for (const [name, pattern, expected] of cases) {
        it(`plays ${expected} against ${pattern} repeated (${name})`, () => {
          const options = settings(name, expected.length);
          // The general path: a move()-based opponent, and forced.
          expect(movesOf(id, cycle(pattern), options)).toBe(expected);
          expect(movesOf(id, machineCycle(pattern), { ...options, general: true })).toBe(expected);
          // The fast path: both sides are machines.
          expect(movesOf(id, machineCycle(pattern), options)).toBe(expected);
        });
      }
    });
  }
});

describe('fast path and general path', () => {
  const partners = ['tit-for-tat', 'alternator', 'random', 'grudger', ...EXPECTED_IDS];
  const contextNames = Object.keys(CONTEXTS) as ContextName[];

  it('agree in every tested context, with noise', () => {
    for (const strategy of clusterStrategies) {
      for (const partner of partners) {
        for (const name of contextNames) {
          const options = settings(name, 60, { noise: 0.1, seed: 7 });
          expect(play(strategy, partner, { ...options, general: true }), `${strategy.id} v ${partner} (${name})`).toEqual(play(strategy, partner, options));
        }
      }
    }
  });

  it('judge deterrence by the activity being played', () => {
    // Training: R = 1, T = 1.3, so T - R = 0.3 and 0.5 x 1 deters; in the classic game (T - R = 2) it does not.
    const training: Game = { R: 1, S: -0.3, T: 1.3, P: 0 };
    const sanctions = context(true, 0.2, 0.5, 1);
    for (const general of [false, true]) {
      expect(movesOf('deterred-rival', machineCycle('D'), { turns: 10, cluster: sanctions, game: training, general })).toBe('CCCCCCCCCC');
      expect(movesOf('deterred-rival', machineCycle('D'), { turns: 10, cluster: sanctions, general })).toBe('DDDDDDDDDD');
      expect(movesOf('sanction-aware-tit-for-tat', machineCycle('D'), { turns: 10, cluster: sanctions, game: training, general })).toBe('CCCCCCCCCC');
      expect(movesOf('sanction-aware-tit-for-tat', machineCycle('D'), { turns: 10, cluster: sanctions, general })).toBe('CDDDDDDDDD');
    }
  });

  it('honour the trust-threshold parameters', () => {
    const withDefaults = (id: string, threshold: number): Strategy => {
      const strategy = builtin(id);
      return { ...strategy, parameters: { threshold: { ...strategy.parameters!.threshold!, default: threshold } } };
    };
    const trust06 = CONTEXTS['risky, trust 0.6'];
    const lowRisk06 = context(true, 0.6);
    for (const general of [false, true]) {
      const options = { turns: 10, general };
      expect(movesOf(withDefaults('trust-threshold', 0.7), machineCycle('C'), { ...options, cluster: trust06 })).toBe('DDDDDDDDDD');
      expect(movesOf(withDefaults('trust-threshold', 0.6), machineCycle('C'), { ...options, cluster: trust06 })).toBe('CCCCCCCCCC');
      expect(movesOf(withDefaults('cautious-pioneer', 0.5), machineCycle('C'), { ...options, cluster: trust06 })).toBe('DCCCCCCCCC');
      expect(movesOf(withDefaults('grudging-rival', 0.5), machineCycle('D'), { ...options, cluster: lowRisk06 })).toBe('CCCCCCCCCC');
      expect(movesOf(withDefaults('grudging-rival', 0.7), machineCycle('D'), { ...options, cluster: lowRisk06 })).toBe('CDDDDDDDDD');
    }
  });
});

describe('relationships with a history of rivalry', () => {
  const firstMove = (id: string, own: string, opponent: string, cluster: ClusterContext): Move => {
    const strategy = builtin(id);
    return strategy.create(resolveParameters(strategy)).move(viewAfter(own, opponent, cluster));
  };

  it('take up the rule where the history leaves off', () => {
    const risky = CONTEXTS['risky, trusted (0.8)'];
    const training = CONTEXTS['low-risk, trusted (0.8)'];
    // Three rounds of mutual defection: the grudge holds in risky co-operation, not in trusted training.
    expect(firstMove('grudging-rival', 'DDD', 'DDD', risky)).toBe('D');
    expect(firstMove('grudging-rival', 'DDD', 'DDD', training)).toBe('C');
    // Co-operation earned in training counts as the evidence a cautious pioneer needs.
    expect(firstMove('cautious-pioneer', 'DDCC', 'DDCC', risky)).toBe('C');
    expect(firstMove('cautious-pioneer', 'CCCC', 'CCCD', risky)).toBe('D');
    expect(firstMove('raise-the-stakes', 'DD', 'DD', risky)).toBe('D');
    expect(firstMove('raise-the-stakes', 'DD', 'DD', training)).toBe('C');
    expect(firstMove('sanction-aware-tit-for-tat', 'DD', 'DD', risky)).toBe('D');
    expect(firstMove('sanction-aware-tit-for-tat', 'DD', 'DD', CONTEXTS['risky, distrusted, deterred'])).toBe('C');
  });
});
