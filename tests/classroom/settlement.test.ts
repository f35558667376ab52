import { describe, expect, it } from 'vitest';
import { ClassSession, type ClassSettings } from '../../src/classroom/session.js';
import type { ClusterParameters } from '../../src/cluster/parameters.js';
import type { Scenario } from '../../src/cluster/scenario.js';
import type { Move } from '../../src/core/strategy.js';
import { clusterParameters, firms, movesOf, TECH, TRAINING, trustOf } from '../support/cluster.js';
import { builtin, cycle } from '../support/play.js';

// A class round and a lattice relationship are settled by the same round rules
// (src/cluster/round-rules.ts): played with the same moves under the same parameters, they
// give the same activities, payoffs, fines and trust, round by round. Detection is certain, so
// the two runs' different random streams cannot tell them apart.

const PATTERN = 'CCDCDDCCCD';
const ROUNDS = PATTERN.length;

interface Round {
  readonly activity: string;
  readonly moves: string;
  readonly payoffs: readonly number[];
  readonly fines: number;
  readonly trust: readonly number[];
}

function parameters(overrides: Parameters<typeof clusterParameters>[0]): ClusterParameters {
  return clusterParameters({
    activities: [
      { ...TRAINING, cost: 0.2 },
      { ...TECH, cost: 0.6 },
    ],
    subsidy: 0.25,
    trust: { initial: 0.55, gain: 0.3, loss: 0.4 },
    ...overrides,
  });
}

/** Firm 0 plays PATTERN, firm 1 the partner strategy, one round per generation. */
function onTheLattice(rules: ClusterParameters, partner: string): Round[] {
  const model = firms([cycle(PATTERN), partner], {
    activities: [...rules.activities],
    subsidy: rules.subsidy,
    trust: rules.trust,
    sanctions: rules.sanctions,
    crisis: rules.crisis,
  });
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const record = model.step();
    rounds.push({
      activity: rules.activities[record.activities.indexOf(1)]!.name,
      moves: `${movesOf(model, 0, 1).at(-1)}${movesOf(model, 1, 0).at(-1)}`,
      payoffs: [model.payoff[0]!, model.payoff[1]!],
      fines: record.fines,
      trust: [trustOf(model, 0, 1), trustOf(model, 1, 0)],
    });
  }
  return rounds;
}

/** Ana (seat 0) chooses PATTERN, a bot with the partner strategy takes seat 1. */
function inClass(rules: ClusterParameters, partner: string): Round[] {
  const scenario: Scenario = { name: 'settlement', title: 'settlement', description: '', seed: 1, generations: ROUNDS, parameters: rules, events: [] };
  const settings: ClassSettings = {
    mode: 'pairwise',
    rounds: ROUNDS,
    timeLimit: 20,
    defaultMove: 'D',
    scenario,
    seed: 1,
    fill: [builtin(partner)],
    seats: 2,
    sanctions: { fine: 0, detection: 0 },
  };
  const session = new ClassSession(settings, () => 'token');
  const joined = session.join('Ana', undefined);
  if (!joined.ok) throw new Error(joined.reason);
  session.start();
  const rounds: Round[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    session.openRound(round * 1000);
    expect(session.choose(joined.seat, round, PATTERN[round - 1] as Move)).toEqual({ ok: true, closed: true });
    const [ana, bot] = session.records.filter((record) => record.round === round);
    rounds.push({
      activity: ana!.activity,
      moves: `${ana!.move}${bot!.move}`,
      payoffs: [ana!.payoff, bot!.payoff],
      fines: session.series.at(-1)!.fines,
      trust: [ana!.trust, bot!.trust],
    });
  }
  return rounds;
}

describe('a class round and a lattice relationship', () => {
  const cases: readonly [string, ClusterParameters, string][] = [
    ['trust, costs and subsidy', parameters({}), 'cautious-pioneer'],
    ['sanctions without compensation', parameters({ sanctions: { detection: 1, fine: 1.5, compensate: false } }), 'tit-for-tat'],
    [
      'sanctions with compensation, in a crisis',
      parameters({ sanctions: { detection: 1, fine: 2, compensate: true }, crisis: { active: true, temptationFactor: 1.5 } }),
      'trust-threshold',
    ],
  ];

  for (const [what, rules, partner] of cases) {
    it(`settle the same moves alike: ${what} (against ${partner})`, () => {
      const lattice = onTheLattice(rules, partner);
      const session = inClass(rules, partner);
      expect(session).toEqual(lattice);
      // The case is not trivial: both activities, both kinds of outcome, and trust that moved.
      expect(new Set(lattice.map((round) => round.activity)).size).toBe(2);
      expect(new Set(lattice.map((round) => round.moves)).size).toBeGreaterThan(1);
      expect(new Set(lattice.map((round) => round.trust[0])).size).toBeGreaterThan(2);
    });
  }

  it('charge fines only when sanctions are on, and the same on both', () => {
    const rules = parameters({ sanctions: { detection: 1, fine: 2, compensate: true } });
    const fined = onTheLattice(rules, 'tit-for-tat').filter((round) => round.fines > 0);
    expect(fined.length).toBeGreaterThan(0);
    expect(fined.every((round) => round.moves === 'CD' || round.moves === 'DC')).toBe(true);
    expect(inClass(rules, 'tit-for-tat').filter((round) => round.fines > 0)).toEqual(fined);
  });
});
