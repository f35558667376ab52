import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SentView } from '../../src/classroom/protocol.js';
import { ClassSession, type ClassMode, type ClassSnapshot } from '../../src/classroom/session.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import type { Move } from '../../src/core/strategy.js';
import { requireStrategies } from '../../strategies/registry.js';
import { bigText } from '../../src/ui/class/big-text.js';
import { abbreviate, leaderboard, stretch } from '../../src/ui/class/format.js';
import { StudentApp, type StudentAppProps } from '../../src/ui/class/student-app.js';
import { latticeCellText } from '../../src/ui/class/teacher/class-lattice.js';
import { TeacherApp, type TeacherAppProps } from '../../src/ui/class/teacher-app.js';
import { makeTheme } from '../../src/theme/theme.js';
import { frameWith, keysReady } from '../support/ink.js';

const colour = makeTheme(true);
const plain = makeTheme(false);
const level = chalk.level;
const ESC = '\u001b';
const NOW = 1_700_000_000_000;
const scenario = loadScenario('rivalry');

beforeAll(() => {
  chalk.level = 3; // as in a colour terminal: NO_COLOR must still give plain frames
});
afterAll(() => {
  chalk.level = level;
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function classSession(mode: ClassMode, names: readonly string[], fill: readonly string[] = ['tit-for-tat']): ClassSession {
  const session = new ClassSession(
    { mode, rounds: 6, timeLimit: 30, defaultMove: 'D', scenario, seed: 1, fill: requireStrategies(fill), seats: 0, sanctions: { fine: 3, detection: 1 } },
    () => 'token',
  );
  for (const name of names) expect(session.join(name, undefined).ok).toBe(true);
  return session;
}

/** Plays one round in which each student makes the move given for it (all answer, so it closes). */
function playRound(session: ClassSession, moves: readonly Move[]): void {
  expect(session.openRound(NOW)).toBe(true);
  for (const [seat, move] of moves.entries()) session.choose(seat, session.round, move);
  expect(session.phase).not.toBe('open');
}

function teacherProps(snapshot: ClassSnapshot, overrides: Partial<TeacherAppProps> = {}): TeacherAppProps {
  return {
    snapshot,
    addresses: ['192.168.1.20:4321'],
    pageUrls: [],
    code: 'K7QXM',
    holding: false,
    log: [],
    now: NOW,
    theme: plain,
    columns: 120,
    rows: 40,
    onCommand: vi.fn(),
    onStart: vi.fn(),
    onNext: vi.fn(),
    onHold: vi.fn(),
    onQuit: vi.fn(),
    ...overrides,
  };
}

function renderTeacher(props: TeacherAppProps) {
  const view = render(<TeacherApp {...props} />);
  cleanups.push(view.unmount);
  return view;
}

/** A student's view as the host sends it: the deadline as time left at `now`. */
function sent(session: ClassSession, seat: number, now = NOW): SentView {
  const { deadline, ...view } = session.studentView(seat);
  return { ...view, remainingMs: deadline === undefined ? undefined : Math.max(0, deadline - now) };
}

function studentProps(view: SentView | undefined, overrides: Partial<StudentAppProps> = {}): StudentAppProps {
  return {
    view,
    receivedAt: NOW,
    now: NOW,
    status: 'joined',
    notice: undefined,
    closedReason: undefined,
    theme: plain,
    columns: 120,
    rows: 40,
    onChoose: vi.fn(),
    onQuit: vi.fn(),
    ...overrides,
  };
}

function renderStudent(props: StudentAppProps) {
  const view = render(<StudentApp {...props} />);
  cleanups.push(view.unmount);
  return view;
}

function frameSize(frame: string): { rows: number; columns: number } {
  const lines = frame.split('\n');
  return { rows: lines.length, columns: Math.max(...lines.map((line) => [...line].length)) };
}

describe("the teacher's view", () => {
  it('shows the room code in block letters, the join line and who has joined in the lobby', () => {
    const session = classSession('pairwise', ['Ana', 'Ben']);
    session.leave(1);
    const frame = renderTeacher(teacherProps(session.snapshot(), { addresses: ['192.168.1.20:4321', '10.0.0.5:4321'] })).lastFrame()!;
    expect(frame).toContain('cooplab class join 192.168.1.20:4321 --code K7QXM --name <your name>');
    expect(frame).toContain('or use the address 10.0.0.5:4321');
    expect(frame).toContain('room K7QXM');
    for (const row of bigText('K7QXM')) expect(frame).toContain(row);
    expect(frame).toContain('joined (2): Ana · Ben (away)');
    expect(frame).toContain('press space to start');
    expect(frame).toContain('space start');
  });

  it('colours the lattice by the last closed round and marks who answered, never the open round’s choices', () => {
    const session = classSession('lattice', ['Ana', 'Ben', 'Cy', 'Dee', 'Eli']);
    session.start();
    expect(session.snapshot().grid).toEqual({ width: 3, height: 2 });
    // Round 1 open, two choices in: nothing is coloured yet, the two are marked as answered.
    session.openRound(NOW);
    session.choose(0, 1, 'D');
    session.choose(1, 1, 'C');
    let frame = renderTeacher(teacherProps(session.snapshot())).lastFrame()!;
    expect(frame).toContain('·✓ Ana');
    expect(frame).toContain('·✓ Ben');
    expect(frame).toContain('·  Cy');
    expect(frame).toMatch(/·\* TFT 6|·\* Tit For Tat 6/);
    expect(frame).toContain('answered 2/5');
    expect(frame).not.toMatch(/[CD]✓ /);
    // Round 1 closes; in round 2 Ana switches to C and Ben to D: the cells keep round 1's moves.
    session.choose(2, 1, 'C');
    session.choose(3, 1, 'C');
    session.choose(4, 1, 'C');
    expect(session.phase).toBe('closed');
    session.openRound(NOW);
    session.choose(0, 2, 'C');
    session.choose(1, 2, 'D');
    const snapshot = session.snapshot();
    frame = renderTeacher(teacherProps(snapshot)).lastFrame()!;
    expect(frame).toContain('D✓ Ana');
    expect(frame).toContain('C✓ Ben');
    expect(frame).toContain('moves of round 1');
    expect(frame).not.toContain('C✓ Ana');
    expect(frame).not.toContain('D✓ Ben');
    // In colour the cell is red for Ana's round-1 D, not green for her open C.
    const coloured = renderTeacher(teacherProps(snapshot, { theme: colour })).lastFrame()!;
    const cell = (hex: string, text: string) => new RegExp(`48;2;${hex}m(?:${ESC}\\[[0-9;]*m)*${text}`);
    expect(coloured).toMatch(cell('209;73;91', 'D✓ Ana'));
    expect(coloured).toMatch(cell('63;163;77', 'C✓ Ben'));
    expect(coloured).not.toMatch(cell('63;163;77', '[^ ]✓ Ana'));
  });

  it('shows the pairs of an open round without moves, and the moves once it closes', () => {
    const session = classSession('pairwise', ['Ana', 'Ben', 'Cy']);
    session.start();
    session.openRound(NOW);
    const pairs = session.snapshot().pairs;
    expect(pairs.length).toBe(2);
    session.choose(pairs[0]![0], 1, 'D');
    let frame = renderTeacher(teacherProps(session.snapshot(), { now: NOW + 12_300 })).lastFrame()!;
    expect(frame).toContain('pairs of round 1');
    expect(frame).toMatch(/✓ \w+ ↔ \w+/);
    expect(frame).toContain('18 s left');
    expect(frame).toContain('answered 1/3');
    expect(frame).not.toMatch(/[CD] \w+ ↔/);
    session.close();
    frame = renderTeacher(teacherProps(session.snapshot())).lastFrame()!;
    expect(frame).toContain('moves of round 1');
    expect(frame).toMatch(/D \w+ ↔ [\w ]+ [CD]/);
    expect(frame).toContain('round 2 opens in a moment');
  });

  it('ranks the leaderboard by score, marking bots and students who left', () => {
    const session = classSession('pairwise', ['Ana', 'Ben', 'Cy'], ['defector']);
    session.start();
    playRound(session, ['C', 'D', 'C']);
    playRound(session, ['D', 'C', 'C']);
    session.leave(2);
    const snapshot = session.snapshot();
    const frame = renderTeacher(teacherProps(snapshot)).lastFrame()!;
    const board = frame.slice(frame.indexOf('leaderboard'));
    const expected = [...snapshot.seats].sort((a, b) => b.score - a.score || a.index - b.index).map((seat) => seat.name);
    const positions = expected.map((name) => board.indexOf(name));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(board).toMatch(/Defector 4\s+-?\d+ bot/);
    expect(board).toMatch(/Cy\s+-?\d+ away/);
    expect(leaderboard(snapshot.seats)[0]!.rank).toBe(1);
  });

  it('maps the keys to the commands and the session controls', async () => {
    const session = classSession('pairwise', ['Ana', 'Ben']);
    const lobby = teacherProps(session.snapshot());
    const view = renderTeacher(lobby);
    // Ink hands each key to the view's handler as it is written.
    await keysReady(view);
    view.stdin.write(' ');
    expect(lobby.onStart).toHaveBeenCalledTimes(1);
    expect(lobby.onNext).not.toHaveBeenCalled();

    session.start();
    playRound(session, ['C', 'C']);
    const closed = teacherProps(session.snapshot());
    const lobbyFrame = view.lastFrame();
    view.rerender(<TeacherApp {...closed} />);
    await frameWith(view, (frame) => frame !== lobbyFrame);
    for (const key of ['s', 'f', 'F', 'd', 'D', '1', '2', '9', 'c', ' ', 'p', 'x']) view.stdin.write(key);
    expect(vi.mocked(closed.onCommand).mock.calls.map(([command]) => command)).toEqual([
      { type: 'sanctions' },
      { type: 'fine', delta: 1 },
      { type: 'fine', delta: -1 },
      { type: 'detection', delta: 1 },
      { type: 'detection', delta: -1 },
      { type: 'toggle-activity', index: 0 },
      { type: 'toggle-activity', index: 1 },
      // 9: the scenario has two programmes; c: the crisis.
      { type: 'crisis' },
    ]);
    expect(closed.onNext).toHaveBeenCalledTimes(1);
    expect(closed.onStart).not.toHaveBeenCalled();
    expect(closed.onHold).toHaveBeenCalledTimes(1);
    expect(closed.onQuit).not.toHaveBeenCalled();
    // Ctrl-C quits and is no crisis; q quits.
    view.stdin.write('\u0003');
    expect(closed.onQuit).toHaveBeenCalledTimes(1);
    view.stdin.write('q');
    expect(closed.onQuit).toHaveBeenCalledTimes(2);
    expect(closed.onCommand).toHaveBeenCalledTimes(8);
  });

  it('shows the rules in force, the charts and the event log', () => {
    const session = classSession('pairwise', ['Ana', 'Ben']);
    session.start();
    playRound(session, ['C', 'D']);
    session.apply({ type: 'sanctions' });
    session.apply({ type: 'toggle-activity', index: 0 });
    session.apply({ type: 'crisis' });
    const log = [
      'lobby · Ana joined',
      'round 1 · sanctions on: fine 3, caught with probability 100%',
      'round 1 · dropped a message from Ben (10.0.0.7): a move before joining',
    ];
    const frame = renderTeacher(teacherProps(session.snapshot(), { log, holding: true })).lastFrame()!;
    expect(frame).toContain('sanctions ON · fine 3 · detection 100%');
    expect(frame).toContain('CRISIS');
    expect(frame).toContain('1 on  training (low-risk)');
    expect(frame).toContain('2 on  technology-exchange (risky)');
    expect(frame).toContain('co-operation 50%');
    expect(frame).toContain('mean trust');
    expect(frame).toContain('round 1 · dropped a message from Ben');
    expect(frame).toContain('ON HOLD: press space to open round 2');
    expect(frame).toContain('p resume auto rounds');
  });

  it('shows the rules the open round is played under, and a change made during it as coming from the next round', () => {
    const session = classSession('pairwise', ['Ana', 'Ben']);
    session.start();
    playRound(session, ['C', 'D']);
    expect(session.openRound(NOW)).toBe(true);
    session.apply({ type: 'sanctions' });
    const frame = renderTeacher(teacherProps(session.snapshot())).lastFrame()!;
    expect(frame).toContain('rules of round 2');
    expect(frame).toContain('sanctions off · fine 0');
    expect(frame).toContain('from round 3: sanctions on: fine 3');
    // Once the round closes, the rules shown are those the next round takes.
    for (const seat of [0, 1]) session.choose(seat, session.round, 'C');
    const next = renderTeacher(teacherProps(session.snapshot())).lastFrame()!;
    expect(next).toContain('rules of round 3');
    expect(next).toContain('sanctions ON · fine 3');
    expect(next).not.toContain('from round 3:');
  });

  it('says the session is over and what was written', () => {
    const session = classSession('lattice', ['Ana', 'Ben', 'Cy', 'Dee']);
    session.start();
    playRound(session, ['C', 'C', 'D', 'C']);
    session.end();
    const frame = renderTeacher(
      teacherProps(session.snapshot(), { results: ['cooplab class: wrote out/class.json, out/moves.csv and out/report.html'] }),
    ).lastFrame()!;
    expect(frame).toContain('session over after 1 of 6 rounds — results written');
    expect(frame).toContain('wrote out/class.json');
    expect(frame).toContain('q quit');
    expect(frame).not.toContain('space next round');
    const failed = renderTeacher(teacherProps(session.snapshot(), { resultsError: "cannot create the results folder 'out'" })).lastFrame()!;
    expect(failed).toContain('the results could not be written');
    expect(failed).toContain("cannot create the results folder 'out'");
  });

  it('writes no escape codes under NO_COLOR and fits 80 × 24', () => {
    const lattice = classSession('lattice', ['Ana', 'Ben', 'Carla Maria', 'Dimitri', 'Eve', 'Farid', 'Gosia', 'Hanne', 'Ines', 'Jon']);
    const pairwise = classSession('pairwise', ['Ana', 'Ben', 'Carla Maria', 'Dimitri', 'Eve', 'Farid', 'Gosia', 'Hanne', 'Ines', 'Jon']);
    const snapshots = [lattice.snapshot()];
    for (const session of [lattice, pairwise]) {
      session.start();
      playRound(
        session,
        Array.from({ length: 10 }, (_, seat) => (seat % 3 === 0 ? 'D' : 'C')),
      );
      session.openRound(NOW);
      session.choose(1, 2, 'C');
      snapshots.push(session.snapshot());
      session.close();
      snapshots.push(session.snapshot());
    }
    const log = Array.from({ length: 30 }, (_, index) => `round 2 · event ${index} with a long description that will not fit in the side panel`);
    for (const snapshot of snapshots) {
      for (const [columns, rows] of [
        [120, 40],
        [80, 24],
      ] as const) {
        const props = teacherProps(snapshot, { columns, rows, log });
        const frame = renderTeacher(props).lastFrame()!;
        expect(frame).not.toContain(ESC);
        const size = frameSize(frame);
        expect(size.rows).toBeLessThanOrEqual(rows - 1);
        expect(size.columns).toBeLessThanOrEqual(columns);
        // The key hints are never cut off.
        expect(frame).toContain('q end session');
        expect(renderTeacher({ ...props, theme: colour }).lastFrame()).toContain(ESC);
      }
    }
  });
});

describe("the student's view", () => {
  function openRound() {
    const session = classSession('pairwise', ['Ana', 'Ben', 'Cy']);
    session.start();
    session.openRound(NOW);
    return session;
  }

  it('counts down from the time left when the view arrived, and shows the partner and the stakes', () => {
    const session = openRound();
    const view = sent(session, 0);
    const frame = renderStudent(studentProps(view, { receivedAt: NOW, now: NOW + 12_300 })).lastFrame()!;
    expect(frame).toContain('Ana · round 1/6 · choose now');
    expect(frame).toContain('18 s left');
    expect(frame).toContain('no answer in time: you play D (defect)');
    const partner = view.partners[0]!;
    expect(frame).toContain(`your partner in round 1`);
    expect(frame).toMatch(new RegExp(`${partner.name}\\s+technology-exchange \\(risky\\)\\s+R 3  S -3  T 5  P 0`));
    expect(frame).toContain('trust ██░');
    expect(frame).toContain(partner.trust.toFixed(2));
    expect(frame).toContain('C co-operate');
    expect(frame).toContain('D defect');
    expect(frame).toContain('sanctions off · fine 0 · detection 0%');
  });

  it('sends c as C and then shows the move chosen and who is still to answer', async () => {
    const session = openRound();
    const onChoose = vi.fn();
    function Connected() {
      const [view, setView] = useState(() => sent(session, 0));
      return (
        <StudentApp
          {...studentProps(view)}
          onChoose={(move) => {
            onChoose(move);
            session.choose(0, view.round, move);
            setView(sent(session, 0));
          }}
        />
      );
    }
    const view = render(<Connected />);
    cleanups.push(view.unmount);
    await keysReady(view);
    view.stdin.write('c');
    expect(onChoose).toHaveBeenCalledWith('C');
    const frame = await frameWith(view, 'you chose C — waiting for the others: 1/3 answered');
    expect(frame).toContain('[✓ C co-operate ]');
    // A second key does not change the choice.
    view.stdin.write('d');
    expect(onChoose).toHaveBeenCalledTimes(1);
  });

  it('picks with the arrows and sends with Enter', async () => {
    const session = openRound();
    const props = studentProps(sent(session, 0));
    const view = renderStudent(props);
    expect(view.lastFrame()).toContain('▶ C co-operate');
    await keysReady(view);
    view.stdin.write('\u001b[C');
    await frameWith(view, '▶ D defect');
    view.stdin.write('\r');
    expect(props.onChoose).toHaveBeenCalledWith('D');
  });

  it('shows a pending move as being sent, and the last result after the round', () => {
    const session = openRound();
    let frame = renderStudent(studentProps(sent(session, 0), { pending: 'D' })).lastFrame()!;
    expect(frame).toContain('[✓ D defect ]');
    expect(frame).toContain('sending D…');
    session.choose(0, 1, 'D');
    session.close();
    const view = sent(session, 0);
    frame = renderStudent(studentProps(view)).lastFrame()!;
    expect(frame).toContain('round 1 closed — round 2 of 6 opens soon');
    expect(frame).toContain('round 1 result: you played D');
    const outcome = view.last!.outcomes[0]!;
    expect(frame).toMatch(new RegExp(`${outcome.name}\\s+you D  they ${outcome.theirs}`));
  });

  it('announces an intervention with what changed and why, highlighted while new', () => {
    const session = openRound();
    session.close();
    session.apply({ type: 'sanctions' });
    const view = sent(session, 0);
    const frame = renderStudent(studentProps(view, { columns: 100 })).lastFrame()!;
    expect(frame).toContain('NEW · from round 2: sanctions on: fine 3, caught with probability 100%');
    expect(frame).toContain('The cluster now has rules with sanctions');
    expect(frame).toContain('sanctions ON · fine 3 · detection 100%');
    // Two changes at once: the latest in full, the earlier one still listed as new.
    session.apply({ type: 'crisis' });
    const both = renderStudent(studentProps(sent(session, 0), { columns: 100 })).lastFrame()!;
    expect(both).toContain('NEW · from round 2: crisis starts');
    expect(both).toContain('A crisis: cheating a partner pays more than before');
    expect(both).toContain('also new · from round 2: sanctions on');
    expect(both).toContain('CRISIS ×');
    // After the next round's result it is no longer new.
    session.openRound(NOW);
    session.close();
    const later = renderStudent(studentProps(sent(session, 0), { columns: 100 })).lastFrame()!;
    expect(later).toContain('from round 2: crisis starts');
    expect(later).not.toContain('NEW ·');
  });

  it('shows the whole explanation of a change at 80 and at 120 columns: wrapped, never cut', () => {
    const session = openRound();
    session.close();
    session.apply({ type: 'toggle-activity', index: 0 });
    const view = sent(session, 0);
    const why = view.announcements[view.announcements.length - 1]!.why;
    expect(why.length).toBeGreaterThan(160);
    for (const [columns, rows] of [
      [80, 24],
      [120, 40],
    ] as const) {
      const frame = renderStudent(studentProps(view, { columns, rows })).lastFrame()!;
      const size = frameSize(frame);
      expect(size.columns).toBeLessThanOrEqual(columns);
      const text = frame
        .split('\n')
        .map((line) => line.replace(/^[\s│║]+|[\s│║]+$/g, ''))
        .join(' ')
        .replace(/\s+/g, ' ');
      expect(text).toContain(why);
    }
  });

  it('shows the lobby, a lost connection and the end of the session', () => {
    const session = classSession('pairwise', ['Ana', 'Ben']);
    let frame = renderStudent(studentProps(sent(session, 1))).lastFrame()!;
    expect(frame).toContain('joined as Ben — waiting for the teacher to start');
    frame = renderStudent(studentProps(sent(session, 1), { status: 'reconnecting' })).lastFrame()!;
    expect(frame).toContain('connection lost — reconnecting…');
    frame = renderStudent(studentProps(undefined, { status: 'connecting', address: '10.0.0.5:4321' })).lastFrame()!;
    expect(frame).toContain('connecting to the class session at 10.0.0.5:4321');
    session.start();
    playRound(session, ['C', 'D']);
    session.end();
    const ended = sent(session, 1);
    frame = renderStudent(studentProps(ended, { status: 'closed' })).lastFrame()!;
    expect(frame).toContain('session over after 1 of 6 rounds');
    expect(frame).toContain(`final score ${ended.score} · rank ${ended.rank} of ${ended.firms} firms`);
    expect(frame).not.toContain('disconnected');
  });

  it('writes no escape codes under NO_COLOR and fits 80 × 24, even with four partners', () => {
    const session = classSession('lattice', ['Ana', 'Ben', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy']);
    session.start();
    playRound(session, ['C', 'D', 'C', 'C', 'D', 'C', 'C', 'C', 'D']);
    session.apply({ type: 'toggle-activity', index: 0 });
    session.openRound(NOW);
    const view = sent(session, 4);
    expect(view.partners.length).toBe(4);
    for (const [columns, rows] of [
      [120, 40],
      [80, 24],
    ] as const) {
      const frame = renderStudent(studentProps(view, { columns, rows })).lastFrame()!;
      expect(frame).not.toContain(ESC);
      const size = frameSize(frame);
      expect(size.rows).toBeLessThanOrEqual(rows - 1);
      expect(size.columns).toBeLessThanOrEqual(columns);
      for (const partner of view.partners) expect(frame).toContain(partner.name);
      expect(frame).toContain('C co-operate');
      expect(frame).toContain('q quit');
      expect(renderStudent(studentProps(view, { columns, rows, theme: colour })).lastFrame()).toContain(ESC);
    }
  });
});

describe('class view helpers', () => {
  it('abbreviates names so bots keep their number and people their first name', () => {
    expect(abbreviate('Ana', 8)).toBe('Ana');
    expect(abbreviate('Tit For Tat 12', 8)).toBe('TFT 12');
    expect(abbreviate('Carla Maria', 8)).toBe('Carla M');
    expect(abbreviate('Maximiliane', 6)).toBe('Maxim…');
  });

  it('stretches a series over the planned rounds', () => {
    expect(stretch([0.5, 1], 4, 8)).toEqual({ values: [0.5, 0.5, 1, 1], width: 4 });
    expect(stretch([1, 1, 1, 1], 100, 10).width).toBe(1);
  });

  it('writes a lattice cell with the last move, the answered mark and the name', () => {
    const seat = { index: 0, name: 'Ana', kind: 'student', strategy: undefined, connected: true, answered: true, score: 0, lastMove: 'D', trust: 0.2 } as const;
    expect(latticeCellText(seat, true, 8)).toBe('D✓ Ana  ');
    expect(latticeCellText(seat, false, 8)).toBe('D  Ana  ');
    expect(latticeCellText({ ...seat, connected: false }, true, 8)).toBe('D× Ana  ');
  });
});
