import { describe, expect, it } from 'vitest';
import type { SentView } from '../../src/classroom/protocol.js';
import { ClassSession } from '../../src/classroom/session.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { PlainStudentPrinter } from '../../src/cli/class-action.js';
import { requireStrategies } from '../../strategies/registry.js';

const NOW = 1_700_000_000_000;

function classSession(): ClassSession {
  const session = new ClassSession(
    {
      mode: 'pairwise',
      rounds: 3,
      timeLimit: 30,
      defaultMove: 'D',
      scenario: loadScenario('rivalry'),
      seed: 1,
      fill: requireStrategies([]),
      seats: 0,
      sanctions: { fine: 3, detection: 1 },
    },
    () => 'token',
  );
  for (const name of ['Ana', 'Ben']) expect(session.join(name, undefined).ok).toBe(true);
  return session;
}

function sent(session: ClassSession, seat: number): SentView {
  const { deadline, ...view } = session.studentView(seat);
  return { ...view, remainingMs: deadline === undefined ? undefined : Math.max(0, deadline - NOW) };
}

describe('the plain student client', () => {
  it('prints each announcement once, however many views repeat it', () => {
    const session = classSession();
    const printer = new PlainStudentPrinter();
    const printed: string[] = [];
    const show = () => printed.push(...printer.linesFor(sent(session, 0)), ...printer.linesFor(sent(session, 0)));
    session.start();
    show();
    for (let round = 1; round <= 2; round++) {
      session.openRound(NOW);
      show();
      if (round === 2) session.apply({ type: 'sanctions' });
      show();
      for (const seat of [0, 1]) session.choose(seat, round, 'C');
      show();
    }
    const announcements = printed.filter((line) => line.startsWith('announcement'));
    expect(announcements).toEqual([
      expect.stringMatching(/^announcement \(before round 1\): the session starts\./),
      expect.stringMatching(/^announcement \(from round 3\): sanctions on: fine 3/),
    ]);
    expect(printed.filter((line) => line.startsWith('round 2 of 3: you play Ben'))).toHaveLength(1);
  });

  it('rounds the scores a person reads', () => {
    const session = classSession();
    session.start();
    session.openRound(NOW);
    for (const seat of [0, 1]) session.choose(seat, 1, 'D');
    const view = sent(session, 0);
    const lines = new PlainStudentPrinter().linesFor({ ...view, score: 6.900000000000001 });
    expect(lines).toContain('score 6.9, rank 1 of 2');
  });
});
