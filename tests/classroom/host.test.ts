import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ClassClient } from '../../src/classroom/client.js';
import { ClassHost } from '../../src/classroom/host.js';
import type { SentView } from '../../src/classroom/protocol.js';
import type { ClassSettings } from '../../src/classroom/session.js';
import { CODE, classSettings } from '../support/class.js';
import type { Move } from '../../src/core/strategy.js';
import { waitFor } from '../support/wait.js';

// A host and thirty students on loopback, with clients that misbehave in every way the issue names.

function settings(overrides: Partial<ClassSettings> = {}): ClassSettings {
  return classSettings(overrides);
}

interface Sent {
  readonly name: string;
  readonly round: number;
  readonly move: Move;
}

/** A student who answers every open round with a move that depends on their number and the round. */
function student(host: ClassHost, name: string, index: number, sent: Sent[], options: { answer?: (view: SentView) => boolean } = {}): ClassClient {
  const answered = new Set<number>();
  const client: ClassClient = new ClassClient({
    address: `127.0.0.1:${host.port}`,
    code: CODE,
    name,
    onView: (view) => {
      if (view.phase !== 'open' || view.chosen !== undefined || answered.has(view.round) || view.partners.length === 0) return;
      if (options.answer !== undefined && !options.answer(view)) return;
      const move: Move = (index + view.round) % 3 === 0 ? 'D' : 'C';
      if (client.choose(move, view.round)) {
        answered.add(view.round);
        sent.push({ name, round: view.round, move });
      }
    },
  });
  return client;
}

/** A raw WebSocket, for clients that do not follow the protocol. */
function raw(host: ClassHost): Promise<{ socket: WebSocket; messages: string[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}`);
    const messages: string[] = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('message', (data) => messages.push(String(data)));
    socket.on('error', () => undefined);
    socket.once('open', () => resolve({ socket, messages, closed }));
    socket.once('unexpected-response', () => reject(new Error('refused')));
  });
}

let host: ClassHost | undefined;
const clients: ClassClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await host?.close();
  host = undefined;
});

describe('a class session over the network', () => {
  it('completes with thirty students and every valid move recorded, whatever the misbehaving clients do', async () => {
    const log: string[] = [];
    let ended = false;
    host = await ClassHost.start({
      settings: settings(),
      port: 0,
      host: '127.0.0.1',
      code: CODE,
      pause: 0.05,
      log: (line) => log.push(line),
      onEnd: () => (ended = true),
    });
    const sent: Sent[] = [];
    const names = Array.from({ length: 30 }, (_, index) => `Student ${index + 1}`);
    // Student 5 loses the connection in round 2 before answering and comes back by itself.
    let dropped = false;
    const students = names.map((name, index) =>
      student(host!, name, index, sent, {
        answer: (view) => {
          if (view.round !== 2) return true;
          // The others wait for Student 5 to come back, so that its move in round 2 can count.
          if (name !== 'Student 5') return log.includes('Student 5 rejoined');
          if (dropped) return true;
          dropped = true;
          setTimeout(() => students[4]!.drop(), 0);
          return false;
        },
      }),
    );
    clients.push(...students);
    await Promise.all(students.map((client) => client.connect()));

    // Impersonation: a connected student's name, a wrong room code, a move before joining.
    const thief = await raw(host);
    thief.socket.send(JSON.stringify({ type: 'join', code: CODE, name: 'student 1' }));
    expect(await thief.closed).toBe(1008);
    expect(thief.messages.map((message) => JSON.parse(message) as unknown)).toEqual([
      { type: 'refused', reason: "name 'student 1' is taken by a student who is connected" },
    ]);
    const guesser = await raw(host);
    guesser.socket.send(JSON.stringify({ type: 'join', code: 'AAAAA', name: 'Guesser' }));
    expect(await guesser.closed).toBe(1008);
    const early = await raw(host);
    early.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'D' }));

    // Malformed and unknown messages are dropped; the connection stays.
    const sloppy = await raw(host);
    for (const text of ['not json', '{"type":"hack"}', '{"type":"move","round":1,"move":"X"}', '[1,2]', '{"type":"join"}']) sloppy.socket.send(text);
    sloppy.socket.send(Buffer.from([1, 2, 3]));

    // Oversized: the connection is closed.
    const big = await raw(host);
    big.socket.send(JSON.stringify({ type: 'join', code: CODE, name: 'x'.repeat(10_000) }));
    expect(await big.closed).toBe(1009);

    // Mallory joins, then tries to move for someone else by naming their seat.
    const mallory = await raw(host);
    mallory.socket.send(JSON.stringify({ type: 'join', code: CODE, name: 'Mallory' }));
    await waitFor(() => mallory.messages.some((message) => message.includes('"welcome"')), 'Mallory to join');

    const flooder = await raw(host);
    flooder.socket.send(JSON.stringify({ type: 'join', code: CODE, name: 'Flood' }));
    await waitFor(() => flooder.messages.some((message) => message.includes('"welcome"')), 'the flooder to join');

    host.start();
    await waitFor(() => host!.session.phase === 'open', 'round 1');
    mallory.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'D', seat: 0 }));
    mallory.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'D', name: 'Student 1' }));
    mallory.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'C' }));
    sent.push({ name: 'Mallory', round: 1, move: 'C' });
    flooder.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'D' }));
    sent.push({ name: 'Flood', round: 1, move: 'D' });
    for (let k = 0; k < 400; k++) flooder.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'C' }));
    expect(await flooder.closed).toBe(1008);

    // Mallory keeps playing properly in later rounds.
    let malloryRound = 1;
    const malloryPlays = setInterval(() => {
      const snapshot = host!.session.snapshot();
      if (snapshot.phase === 'open' && snapshot.round > malloryRound) {
        malloryRound = snapshot.round;
        mallory.socket.send(JSON.stringify({ type: 'move', round: snapshot.round, move: 'D' }));
        sent.push({ name: 'Mallory', round: snapshot.round, move: 'D' });
      }
    }, 5);
    await waitFor(() => ended, 'the session to end', { timeout: 60_000 });
    clearInterval(malloryPlays);

    const session = host.session;
    expect(session.phase).toBe('ended');
    expect(session.series).toHaveLength(3);
    expect(session.studentCount).toBe(32);
    // Every valid move sent is recorded as sent, as an answer, against every partner of that round.
    for (const move of sent) {
      const rows = session.records.filter((record) => record.student === move.name && record.round === move.round);
      expect(rows.length, `${move.name} in round ${move.round}`).toBe(1);
      expect(rows[0]).toMatchObject({ move: move.move, answered: true });
    }
    // Student 5 answered round 2 after coming back.
    expect(sent.filter((move) => move.name === 'Student 5' && move.round === 2)).toHaveLength(1);
    // 32 students in pairs, 3 rounds: 96 rows, all answered but the flooder's after it was cut off.
    expect(session.records).toHaveLength(96);
    expect(session.records.filter((record) => !record.answered).map((record) => `${record.student}:${record.round}`)).toEqual(['Flood:2', 'Flood:3']);

    expect(log).toContain('refused a join from 127.0.0.1: wrong room code');
    expect(log).toContain("refused a join from 127.0.0.1: name 'student 1' is taken by a student who is connected");
    expect(log.some((line) => line.includes('a move before joining'))).toBe(true);
    expect(log.filter((line) => line.startsWith('dropped a message from 127.0.0.1: ')).length).toBeGreaterThanOrEqual(6);
    expect(log.some((line) => line.includes('malformed: not JSON'))).toBe(true);
    expect(log.some((line) => line.includes("invalid 'move' message at move"))).toBe(true);
    expect(log.some((line) => line.includes('a binary message'))).toBe(true);
    expect(log.some((line) => /Max payload size exceeded/i.test(line))).toBe(true);
    expect(log.some((line) => line.includes("Mallory (127.0.0.1): invalid 'move' message"))).toBe(true);
    expect(log).toContain('closed the connection of Flood (127.0.0.1): flooding');
    expect(log).toContain('Student 5 rejoined');
    for (const socket of [early, sloppy, mallory]) socket.socket.close();
  }, 90_000);

  it('gives a student who comes back with the same name their firm and score, and survives a student vanishing mid-round', async () => {
    const log: string[] = [];
    // A time limit no run reaches: every round here closes because everyone connected has answered,
    // never on the clock, so the test does not depend on how busy the machine is.
    host = await ClassHost.start({
      settings: settings({ rounds: 4, timeLimit: 600 }),
      port: 0,
      host: '127.0.0.1',
      code: CODE,
      pause: 0.05,
      log: (line) => log.push(line),
    });
    const sent: Sent[] = [];
    const ana = student(host, 'Ana', 0, sent);
    // Ben vanishes in round 2 before answering it.
    const ben = student(host, 'Ben', 1, sent, { answer: (view) => view.round !== 2 });
    clients.push(ana, ben);
    const anaSeat = await ana.connect();
    const benSeat = await ben.connect();
    host.start();
    await waitFor(() => host!.session.series.length === 1, 'round 1 to close');
    const score = host.session.snapshot().seats[benSeat]!.score;
    const open = () => host!.session.snapshot();
    await waitFor(() => open().phase === 'open' && open().round === 2 && open().seats[anaSeat]!.answered, 'Ana to answer round 2');
    ben.close();
    await waitFor(() => log.includes('Ben left'), 'Ben to leave');
    // Round 2 does not wait for Ben once he has gone: he plays the default.
    await waitFor(() => host!.session.series.length === 2, 'round 2 to close');
    expect(host.session.records.filter((record) => record.round === 2 && record.student === 'Ben')[0]).toMatchObject({ move: 'D', answered: false });
    const back = student(host, 'ben', 1, sent);
    clients.push(back);
    expect(await back.connect()).toBe(benSeat);
    expect(log).toContain('Ben rejoined');
    expect(host.session.snapshot().seats[benSeat]!.score).toBeGreaterThanOrEqual(score);
    await waitFor(() => host!.session.series.length === 4, 'the last round');
    expect(host.session.records.filter((record) => record.student === 'Ben' && record.round >= 3).every((record) => record.answered)).toBe(true);
  }, 60_000);

  it('sends every student at once what the teacher changed and why', async () => {
    const log: string[] = [];
    host = await ClassHost.start({ settings: settings(), port: 0, host: '127.0.0.1', code: CODE, pause: 0.05, log: (line) => log.push(line) });
    const views: SentView[] = [];
    const ana = new ClassClient({ address: `127.0.0.1:${host.port}`, code: CODE, name: 'Ana', onView: (view) => views.push(view) });
    clients.push(ana);
    await ana.connect();
    host.apply({ type: 'toggle-activity', index: 0 });
    await waitFor(() => views.some((view) => view.announcements.some((entry) => entry.label === 'training programme switched on')), 'the announcement');
    const latest = views[views.length - 1]!;
    expect(latest.announcements[latest.announcements.length - 1]!.why).toContain('low-risk');
    expect(latest.rules.activities[0]).toMatchObject({ name: 'training', enabled: true });
    // The teacher's log says when the change takes effect, as the students are told.
    expect(log).toContain('training programme switched on (from round 1)');
  });

  it('refuses a wrong room code with the reason, and the client reports it', async () => {
    host = await ClassHost.start({ settings: settings(), port: 0, host: '127.0.0.1', code: CODE, pause: 0.05 });
    const client = new ClassClient({ address: `127.0.0.1:${host.port}`, code: 'ZZZZZ', name: 'Eve' });
    clients.push(client);
    await expect(client.connect()).rejects.toThrow('wrong room code');
  });
});
