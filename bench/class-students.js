// Thirty simulated students for the class bench, in a process of their own (as on their own
// machines): each answers every round after a random delay of up to 100 ms, and the process
// reports, per round, when the last answer was sent and when every student had the result.
import { ClassClient } from '../dist/src/classroom/client.js';

const [address, code, countText] = process.argv.slice(2);
const count = Number(countText);
const rounds = new Map();
const roundOf = (round) => {
  let entry = rounds.get(round);
  if (entry === undefined) rounds.set(round, (entry = { lastSent: 0, received: 0, allReceived: 0 }));
  return entry;
};
let ended = 0;
const clients = [];
for (let index = 0; index < count; index++) {
  const answered = new Set();
  const seen = new Set();
  const client = new ClassClient({
    address,
    code,
    name: `Student ${index + 1}`,
    onView: (view, receivedAt) => {
      if (view.phase === 'open' && !answered.has(view.round)) {
        answered.add(view.round);
        setTimeout(() => {
          const entry = roundOf(view.round);
          entry.lastSent = Math.max(entry.lastSent, Date.now());
          client.choose(index % 3 === 0 ? 'D' : 'C', view.round);
        }, Math.random() * 100);
      }
      const last = view.last?.round;
      if (last !== undefined && view.phase !== 'open' && !seen.has(last)) {
        seen.add(last);
        const entry = roundOf(last);
        entry.received++;
        entry.allReceived = Math.max(entry.allReceived, receivedAt);
      }
      if (view.phase === 'ended' && !seen.has('end')) {
        seen.add('end');
        if (++ended === count) {
          process.send({ rounds: Object.fromEntries(rounds) });
          for (const each of clients) each.close();
          setTimeout(() => process.exit(0), 50);
        }
      }
    },
  });
  clients.push(client);
}
for (const client of clients) await client.connect();
process.send({ joined: count });
