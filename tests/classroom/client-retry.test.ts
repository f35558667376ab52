import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ClassClient } from '../../src/classroom/client.js';

// A host that is full says "try again later" (close code 1013): the client tries again, with a
// growing wait, instead of giving up at once.

let server: WebSocketServer | undefined;
const clients: ClassClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/** A stand-in host on loopback: the first `busy` connections are closed with 1013, later ones are welcomed. */
async function busyHost(busy: number): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    connections++;
    if (connections <= busy) return socket.close(1013, 'try again later');
    socket.on('message', () => socket.send(JSON.stringify({ type: 'welcome', seat: 3, name: 'Ana', token: 'secret', rejoined: false })));
  });
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
  const address = server.address();
  return { port: typeof address === 'object' && address !== null ? address.port : 0, connections: () => connections };
}

describe('a client refused with 1013', () => {
  it('tries again and joins once the host has room', async () => {
    const host = await busyHost(2);
    const client = new ClassClient({ address: `127.0.0.1:${host.port}`, code: 'K7QXM', name: 'Ana' });
    clients.push(client);
    expect(await client.connect()).toBe(3);
    expect(host.connections()).toBe(3);
    expect(client.status).toBe('joined');
  });

  it('gives up after its retries, with the host’s reason', async () => {
    const host = await busyHost(Number.POSITIVE_INFINITY);
    const client = new ClassClient({ address: `127.0.0.1:${host.port}`, code: 'K7QXM', name: 'Ana', retries: 2 });
    clients.push(client);
    await expect(client.connect()).rejects.toThrow('try again later');
    expect(host.connections()).toBe(3);
  });
});
