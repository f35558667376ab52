import { describe, expect, it } from 'vitest';
import { ClassSession, gridFor, type ClassSettings } from '../../src/classroom/session.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

const rivalry = loadScenario('rivalry');

function settings(overrides: Partial<ClassSettings> = {}): ClassSettings {
  return {
    mode: 'pairwise',
    rounds: 6,
    timeLimit: 20,
    defaultMove: 'D',
    scenario: rivalry,
    seed: 1,
    fill: [],
    seats: 0,
    sanctions: { fine: 3, detection: 1 },
    ...overrides,
  };
}

let tokens = 0;
const session = (overrides: Partial<ClassSettings> = {}) => new ClassSession(settings(overrides), () => `token-${++tokens}`);

function joinAll(target: ClassSession, names: readonly string[]): number[] {
  return names.map((name) => {
    const outcome = target.join(name, undefined);
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.seat;
  });
}

describe('a class session', () => {
  it('pairs students with a new partner every round, so that in n − 1 rounds everyone meets everyone', () => {
    const s = session({ rounds: 5 });
    joinAll(s, ['Ana', 'Ben', 'Caro', 'Dan', 'Eve', 'Finn']);
    s.start();
    const met = new Set<string>();
    for (let round = 1; round <= 5; round++) {
      s.openRound(round * 1000);
      const pairs = s.snapshot().pairs;
      expect(pairs).toHaveLength(3);
      expect(new Set(pairs.flat()).size).toBe(6);
      for (const [a, b] of pairs) met.add(`${a}-${b}`);
      s.close();
    }
    expect(met.size).toBe(15);
  });

  it('closes the round as soon as the last student answers, and pays it with the activity payoffs', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    s.openRound(0);
    expect(s.choose(ana!, 1, 'C')).toEqual({ ok: true, closed: false });
    expect(s.phase).toBe('open');
    expect(s.choose(ben!, 1, 'D')).toEqual({ ok: true, closed: true });
    expect(s.phase).toBe('closed');
    // Trust starts at 0.2, below technology exchange's 0.6, and training is off: the pair exchanges technology.
    const [anaScore, benScore] = s.snapshot().seats.map((seat) => seat.score);
    expect([anaScore, benScore]).toEqual([-3, 5]);
    expect(s.records.map((record) => [record.student, record.move, record.payoff, record.answered])).toEqual([
      ['Ana', 'C', -3, true],
      ['Ben', 'D', 5, true],
    ]);
  });

  it('plays the default move for a student who does not answer before the deadline', () => {
    const s = session({ defaultMove: 'C' });
    const [ana] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    s.openRound(0);
    s.choose(ana!, 1, 'D');
    expect(s.tick(19_999)).toBe(false);
    expect(s.tick(20_000)).toBe(true);
    const ben = s.records.find((record) => record.student === 'Ben')!;
    expect(ben).toMatchObject({ move: 'C', answered: false });
    expect(s.series[0]!.defaulted).toBe(1);
  });

  it('never shows a student another choice while the round is open', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben', 'Caro', 'Dan']);
    s.start();
    s.openRound(0);
    const before = s.studentView(ben!);
    s.choose(ana!, 1, 'D');
    // Only the count of answers changes: Ana's choice is nowhere in Ben's view.
    expect(s.studentView(ben!)).toEqual({ ...before, answered: 1 });
    expect(s.studentView(ana!).chosen).toBe('D');
    expect(s.snapshot().seats[ana!]!.lastMove).toBeUndefined();
  });

  it('refuses a second choice, a closed round and a name taken by a connected student', () => {
    const s = session();
    const [ana] = joinAll(s, ['Ana', 'Ben', 'Caro']);
    expect(s.join('ana', undefined)).toEqual({ ok: false, reason: "name 'ana' is taken by a student who is connected" });
    expect(s.join('\u001b[31mEvil', undefined).ok).toBe(false);
    s.start();
    s.openRound(0);
    s.choose(ana!, 1, 'C');
    expect(s.choose(ana!, 1, 'D')).toEqual({ ok: false, reason: 'you already chose C in round 1' });
    expect(s.choose(ana!, 2, 'D')).toEqual({ ok: false, reason: 'round 2 is not open' });
  });

  it('gives a student who comes back the same firm and score', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    s.openRound(0);
    s.choose(ana!, 1, 'D');
    s.choose(ben!, 1, 'C');
    s.leave(ana!);
    const back = s.join('  ANA ', undefined);
    expect(back).toMatchObject({ ok: true, seat: ana, rejoined: true });
    expect(s.snapshot().seats[ana!]!.score).toBe(5);
  });

  it('lets the token of a student take their firm back even before the old connection is seen to drop', () => {
    const s = session();
    const first = s.join('Ana', undefined);
    if (!first.ok) throw new Error(first.reason);
    expect(s.join('Ana', 'wrong').ok).toBe(false);
    expect(s.join('Ana', first.token)).toMatchObject({ ok: true, seat: first.seat, rejoined: true });
  });

  it('switches sanctions on for the next round: a defector against a co-operator pays the fine', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    const announcement = s.apply({ type: 'sanctions' });
    expect(announcement?.label).toBe('sanctions on: fine 3, caught with probability 100%');
    expect(announcement?.why).toContain('Meyer-Stamer');
    s.openRound(0);
    s.choose(ana!, 1, 'C');
    s.choose(ben!, 1, 'D');
    expect(s.records.find((record) => record.student === 'Ben')).toMatchObject({ payoff: 2, fine: 3 });
    expect(s.series[0]!.fines).toBe(3);
    expect(s.studentView(ana!).rules).toMatchObject({ fine: 3, detection: 1 });
    expect(s.apply({ type: 'sanctions' })?.label).toBe('sanctions off');
  });

  it('switches the training programme on: a pair with little trust plays the low-risk activity', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    expect(s.apply({ type: 'toggle-activity', index: 0 })?.label).toBe('training programme switched on');
    s.openRound(0);
    expect(s.studentView(ana!).partners[0]!.activity).toMatchObject({ name: 'training', lowRisk: true, R: 1, S: -0.3, T: 1.3 });
    s.choose(ana!, 1, 'C');
    s.choose(ben!, 1, 'C');
    expect(s.records.map((record) => record.payoff)).toEqual([1, 1]);
    expect(s.series[0]!.activities).toEqual({ training: 1, 'technology-exchange': 0 });
  });

  it('keeps the rules a round was opened under: a change made while it is open holds from the next', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    s.openRound(0);
    expect(s.apply({ type: 'sanctions' })).toMatchObject({ round: 1, from: 2 });
    s.choose(ana!, 1, 'C');
    s.choose(ben!, 1, 'D');
    expect(s.records.find((record) => record.student === 'Ben')).toMatchObject({ payoff: 5, fine: 0 });
    s.openRound(1000);
    s.choose(ana!, 2, 'C');
    s.choose(ben!, 2, 'D');
    expect(s.records.find((record) => record.student === 'Ben' && record.round === 2)).toMatchObject({ payoff: 2, fine: 3 });
  });

  it('raises the temptation in a crisis', () => {
    const s = session();
    const [ana, ben] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    s.apply({ type: 'crisis' });
    s.openRound(0);
    s.choose(ana!, 1, 'C');
    s.choose(ben!, 1, 'D');
    expect(s.records.find((record) => record.student === 'Ben')!.payoff).toBe(5 * rivalry.parameters.crisis.temptationFactor);
  });

  it('lays a class lattice out and has every student play all their neighbours with one choice', () => {
    const s = session({ mode: 'lattice', fill: requireStrategies(['tit-for-tat']) });
    const seats = joinAll(
      s,
      Array.from({ length: 7 }, (_, index) => `Student ${index + 1}`),
    );
    s.start();
    const snapshot = s.snapshot();
    expect(snapshot.grid).toEqual({ width: 3, height: 3 });
    expect(snapshot.seats.filter((seat) => seat.kind === 'bot').map((seat) => seat.strategy)).toEqual(['tit-for-tat', 'tit-for-tat']);
    s.openRound(0);
    // A 3 × 3 torus with the von Neumann neighbourhood: 4 neighbours each, 18 pairs.
    expect(s.snapshot().pairs).toHaveLength(18);
    expect(s.studentView(seats[0]!).partners).toHaveLength(4);
    for (const seat of seats) s.choose(seat, 1, seat % 2 === 0 ? 'C' : 'D');
    expect(s.phase).toBe('closed');
    const first = s.records.filter((record) => record.seat === seats[0]);
    expect(first).toHaveLength(4);
    expect(new Set(first.map((record) => record.move))).toEqual(new Set(['C']));
  });

  it('fills a lattice to --seats firms with bots (the README example: --fill tit-for-tat --seats 16)', () => {
    const full = session({ mode: 'lattice', fill: requireStrategies(['tit-for-tat']) });
    joinAll(full, ['A', 'B', 'C', 'D']);
    full.start();
    // Four students already make a full 2 × 2 grid: without --seats no bot is needed.
    expect(full.snapshot().seats.filter((seat) => seat.kind === 'bot')).toHaveLength(0);
    const s = session({ mode: 'lattice', fill: requireStrategies(['tit-for-tat']), seats: 16 });
    joinAll(s, ['A', 'B', 'C', 'D']);
    s.start();
    expect(s.snapshot().grid).toEqual({ width: 4, height: 4 });
    expect(s.snapshot().seats.filter((seat) => seat.kind === 'bot')).toHaveLength(12);
  });

  it('lets a latecomer take over a bot firm of the lattice, and refuses one when every firm has a student', () => {
    const s = session({ mode: 'lattice', fill: requireStrategies(['grudger']) });
    joinAll(s, ['A', 'B', 'C']);
    s.start();
    expect(s.snapshot().seats.map((seat) => seat.kind)).toEqual(['student', 'student', 'student', 'bot']);
    expect(s.join('D', undefined)).toMatchObject({ ok: true, seat: 3, rejoined: false });
    expect(s.join('E', undefined)).toEqual({ ok: false, reason: 'the class lattice is full: every firm has a student' });
  });

  it('fills a pairwise class to an even number with bots that play their strategy', () => {
    const s = session({ fill: requireStrategies(['defector']), rounds: 2 });
    const [ana, ben, caro] = joinAll(s, ['Ana', 'Ben', 'Caro']);
    s.start();
    expect(s.snapshot().seats).toHaveLength(4);
    s.openRound(0);
    for (const seat of [ana!, ben!, caro!]) s.choose(seat, 1, 'C');
    const bot = s.records.filter((record) => record.kind === 'bot');
    expect(bot.map((record) => record.move)).toEqual(['D']);
  });

  it('ends after the last round and keeps every move', () => {
    const s = session({ rounds: 2 });
    const seats = joinAll(s, ['Ana', 'Ben']);
    s.start();
    for (let round = 1; round <= 2; round++) {
      s.openRound(round);
      for (const seat of seats) s.choose(seat, round, 'C');
    }
    expect(s.phase).toBe('ended');
    expect(s.openRound(10)).toBe(false);
    expect(s.records).toHaveLength(4);
    expect(s.series.map((point) => point.cooperation)).toEqual([1, 1]);
  });

  it('reads the rules from the scenario, with overrides', () => {
    const scenario = withOverrides(rivalry, ['activities.training.enabled=true', 'trust.initial=0.9']);
    const s = session({ scenario });
    const [ana] = joinAll(s, ['Ana', 'Ben']);
    s.start();
    s.openRound(0);
    expect(s.studentView(ana!).partners[0]!.activity.name).toBe('technology-exchange');
    expect(s.studentView(ana!).partners[0]!.trust).toBe(0.9);
  });

  it('lays out the most nearly square grid', () => {
    expect([1, 2, 5, 9, 10, 30].map(gridFor)).toEqual([
      { width: 1, height: 1 },
      { width: 2, height: 1 },
      { width: 3, height: 2 },
      { width: 3, height: 3 },
      { width: 4, height: 3 },
      { width: 6, height: 5 },
    ]);
  });
});
