import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ClassClient } from '../../src/classroom/client.js';
import { ClassHost } from '../../src/classroom/host.js';
import type { ClassSettings } from '../../src/classroom/session.js';
import { isPrintable } from '../../src/core/printable.js';
import { CODE, classSettings } from '../support/class.js';
import { waitFor } from '../support/wait.js';

// Hostile students against a real host on loopback. Linux routes all of 127.0.0.0/8 to the
// loopback interface, so a client bound to 127.0.0.2 is "another machine" as far as the host
// can tell (the teacher's own machine, 127.0.0.1, is the one address without a per-address cap).

function settings(overrides: Partial<ClassSettings> = {}): ClassSettings {
  return classSettings({ rounds: 2, timeLimit: 30, ...overrides });
}

interface Raw {
  readonly socket: WebSocket;
  readonly messages: string[];
  readonly closed: Promise<number>;
  /** The parsed messages of a type, in order. */
  of(type: string): Record<string, unknown>[];
}

/** A raw WebSocket from `from` (a loopback address), for clients that do not follow the protocol. */
function raw(host: ClassHost, from = '127.0.0.1'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}`, { localAddress: from });
    const messages: string[] = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('message', (data) => messages.push(String(data)));
    socket.on('error', () => undefined);
    const of = (type: string) => messages.map((text) => JSON.parse(text) as Record<string, unknown>).filter((message) => message.type === type);
    socket.once('open', () => resolve({ socket, messages, closed, of }));
    socket.once('unexpected-response', () => reject(new Error('refused')));
    socket.once('close', () => reject(new Error('closed before it opened')));
  });
}

async function joined(host: ClassHost, name: string, from = '127.0.0.1'): Promise<Raw & { token: string; seat: number }> {
  const connection = await raw(host, from);
  connection.socket.send(JSON.stringify({ type: 'join', code: CODE, name }));
  await waitFor(() => connection.of('welcome').length > 0, `${name} to join`);
  const welcome = connection.of('welcome')[0]!;
  return { ...connection, token: String(welcome.token), seat: Number(welcome.seat) };
}

let host: ClassHost | undefined;
const sockets: WebSocket[] = [];
const clients: ClassClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const socket of sockets.splice(0)) socket.terminate();
  await host?.close();
  host = undefined;
});

async function startHost(log: string[], overrides: Partial<ClassSettings> = {}): Promise<ClassHost> {
  host = await ClassHost.start({ settings: settings(overrides), port: 0, host: '127.0.0.1', code: CODE, pause: 0.05, log: (line) => log.push(line) });
  return host;
}

describe('a replayed token', () => {
  it('does not take over a connected student, from another machine or from the same one', async () => {
    const log: string[] = [];
    await startHost(log);
    const ana = await joined(host!, 'Ana');
    const ben = await joined(host!, 'Ben');
    sockets.push(ana.socket, ben.socket);
    // The token went over plain WebSocket: anyone on the network may have read it.
    for (const from of ['127.0.0.2', '127.0.0.1']) {
      const thief = await raw(host!, from);
      sockets.push(thief.socket);
      thief.socket.send(JSON.stringify({ type: 'join', code: CODE, name: 'ana', token: ana.token }));
      expect(await thief.closed).toBe(1008);
      expect(thief.of('welcome')).toEqual([]);
      expect(thief.of('refused')).toEqual([{ type: 'refused', reason: "name 'ana' is taken by a student who is connected" }]);
      expect(log).toContain(`refused a rejoin of Ana from ${from}: their connection is alive`);
    }
    expect(ana.socket.readyState).toBe(WebSocket.OPEN);
    // Ana's move is still hers.
    host!.start();
    await waitFor(() => host!.session.phase === 'open', 'round 1');
    ana.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'C' }));
    ben.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'D' }));
    await waitFor(() => host!.session.series.length === 1, 'round 1 to close');
    expect(host!.session.records.filter((record) => record.round === 1).map((record) => [record.student, record.move, record.answered])).toEqual([
      ['Ana', 'C', true],
      ['Ben', 'D', true],
    ]);
  }, 30_000);

  it('takes the firm back once the old connection is shown dead: it does not answer a ping', async () => {
    const log: string[] = [];
    await startHost(log);
    const ana = await joined(host!, 'Ana');
    sockets.push(ana.socket);
    // A laptop that lost the network: the host has not seen the connection drop, and it answers nothing.
    ana.socket.pause();
    const back = await raw(host!, '127.0.0.2');
    sockets.push(back.socket);
    back.socket.send(JSON.stringify({ type: 'join', code: CODE, name: 'Ana', token: ana.token }));
    await waitFor(() => back.of('welcome').length > 0, 'the welcome');
    expect(back.of('welcome')[0]).toMatchObject({ seat: ana.seat, rejoined: true });
    expect(log).toContain('Ana rejoined');
    expect(host!.session.snapshot().seats[ana.seat]).toMatchObject({ name: 'Ana', connected: true });
  }, 30_000);
});

describe('connection exhaustion', () => {
  it('caps the connections from one address that have not joined; other machines, and students who joined, still get in', async () => {
    const log: string[] = [];
    await startHost(log);
    const held = await Promise.all(Array.from({ length: 16 }, () => raw(host!, '127.0.0.3')));
    sockets.push(...held.map((connection) => connection.socket));
    const one = await raw(host!, '127.0.0.3');
    sockets.push(one.socket);
    expect(await one.closed).toBe(1013);
    expect(held.every((connection) => connection.socket.readyState === WebSocket.OPEN)).toBe(true);
    const other = await joined(host!, 'Ana', '127.0.0.4');
    sockets.push(other.socket);
    expect(other.of('welcome')).toHaveLength(1);
    // Students who have joined do not count: a class behind one NAT address gets in.
    const classmates = [];
    for (let k = 0; k < 20; k++) classmates.push(await joined(host!, `Student ${k + 1}`, '127.0.0.9'));
    sockets.push(...classmates.map((connection) => connection.socket));
    expect(host!.session.studentCount).toBe(21);
  }, 30_000);

  it('lets a dropped student back in while idle connections from many machines fill the host', async () => {
    const log: string[] = [];
    await startHost(log);
    const ana = new ClassClient({ address: `127.0.0.1:${host!.port}`, code: CODE, name: 'Ana' });
    clients.push(ana);
    await ana.connect();
    // 30 machines with 16 idle connections each: more than the host takes in all.
    const attempts: Promise<Raw | undefined>[] = [];
    for (let machine = 10; machine < 40; machine++) {
      for (let k = 0; k < 16; k++) attempts.push(raw(host!, `127.0.0.${machine}`).catch(() => undefined));
    }
    const idle = (await Promise.all(attempts)).filter((connection) => connection !== undefined);
    sockets.push(...idle.map((connection) => connection.socket));
    ana.drop();
    // Ana's own connection frees a place; the attackers take it before her client comes back.
    await waitFor(() => log.includes('Ana left'), 'the host to see Ana go');
    const more = await Promise.all(Array.from({ length: 16 }, () => raw(host!, '127.0.0.50').catch(() => undefined)));
    sockets.push(...more.filter((connection) => connection !== undefined).map((connection) => connection.socket));
    await waitFor(() => log.includes('Ana rejoined'), 'Ana to rejoin');
    await waitFor(() => ana.status === 'joined', 'the client to say so');
  }, 60_000);
});

describe("the teacher's screen", () => {
  const hostile = ['\u001b[2J\u001b]0;pwned\u0007X', '\u202eevil', '\u009b31mC1', 'tab\there', 'new\nline'];

  it('never sees a control code a client sent: names, message types and keys are escaped before any log line', async () => {
    const log: string[] = [];
    const viewed: string[] = [];
    await startHost(log);
    host!.subscribe({ log: (line) => viewed.push(line) });
    for (const name of hostile) {
      const connection = await raw(host!, '127.0.0.6');
      sockets.push(connection.socket);
      connection.socket.send(JSON.stringify({ type: 'join', code: CODE, name }));
      expect(await connection.closed).toBe(1008);
      for (const refusal of connection.of('refused')) expect(isPrintable(String(refusal.reason), Number.POSITIVE_INFINITY)).toBe(true);
    }
    const sloppy = await raw(host!, '127.0.0.6');
    sockets.push(sloppy.socket);
    sloppy.socket.send(JSON.stringify({ type: '\u001b[31mRED' }));
    sloppy.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'C', '\u001b[2Jkey': 1 }));
    sloppy.socket.send(JSON.stringify({ type: 'join', code: '\u001b[2J', name: 'Eve' }));
    await waitFor(() => log.some((line) => line.includes('wrong room code')), 'the wrong code');
    await waitFor(() => log.filter((line) => line.startsWith('dropped a message')).length >= 2, 'the dropped messages');
    expect(log.length).toBeGreaterThanOrEqual(hostile.length + 3);
    for (const line of [...log, ...viewed]) expect(isPrintable(line, Number.POSITIVE_INFINITY), JSON.stringify(line)).toBe(true);
    expect(viewed).toEqual(log);
    expect(log).toContain(
      "refused a join from 127.0.0.6: name '\\u001b[2J\\u001b]0;pwned\\u0007X': expected 1 to 24 letters, digits, spaces or . _ ' -, starting with a letter or digit",
    );
    expect(log.some((line) => line.includes("invalid '\\u001b[31mRED' message"))).toBe(true);
    expect(log.some((line) => line.includes('\\u001b[2Jkey'))).toBe(true);
  }, 30_000);

  it('says once that a flooder was closed', async () => {
    const log: string[] = [];
    await startHost(log);
    const flooder = await joined(host!, 'Flood', '127.0.0.7');
    sockets.push(flooder.socket);
    for (let k = 0; k < 3000; k++) flooder.socket.send(JSON.stringify({ type: 'move', round: 1, move: 'C' }));
    expect(await flooder.closed).toBe(1008);
    // The host has read everything the flooder sent once it has seen the connection end.
    await waitFor(() => log.includes('Flood left'), 'the flooder to leave');
    expect(log.filter((line) => line.includes('flooding'))).toEqual(['closed the connection of Flood (127.0.0.7): flooding']);
    expect(log.filter((line) => line.startsWith('dropping messages from'))).toHaveLength(1);
  }, 30_000);
});
