// A class session with simulated students: how long after the last answer of a round the round
// closes, every student has the result, and the teacher's screen (the real Ink view, rendered to
// an off-screen 120 × 40 terminal) shows it. Run with NODE_ENV=production, as the CLI does.
import { fork } from 'node:child_process';
import { Writable, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import React from 'react';
import { render } from 'ink';
import { ClassHost } from '../dist/src/classroom/host.js';
import { TeacherScreen } from '../dist/src/ui/class/teacher/screen.js';
import { makeTheme } from '../dist/src/theme/theme.js';
import { loadScenario } from '../dist/src/formats/scenario-file.js';
import { requireStrategies } from '../dist/strategies/registry.js';

const [students = 30, rounds = 20, mode = 'pairwise'] = process.argv.slice(2).map((value, index) => (index < 2 ? Number(value) : value));
const settings = {
  mode,
  rounds,
  timeLimit: 30,
  defaultMove: 'D',
  scenario: loadScenario('rivalry'),
  seed: 1,
  fill: requireStrategies(['tit-for-tat']),
  seats: 0,
  sanctions: { fine: 3, detection: 1 },
};
const host = await ClassHost.start({ settings, port: 0, host: '127.0.0.1', pause: 0.2 });

const closedAt = new Map();
const frameAt = new Map();
let awaitingFrame;
const screen = new Writable({
  write(_chunk, _encoding, done) {
    if (awaitingFrame !== undefined && !frameAt.has(awaitingFrame)) frameAt.set(awaitingFrame, Date.now());
    awaitingFrame = undefined;
    done();
  },
});
Object.assign(screen, { columns: 120, rows: 40, isTTY: true });
const stdin = Object.assign(new Readable({ read() {} }), { isTTY: false });
const props = (snapshot) => ({
  snapshot,
  addresses: host.addresses(),
  code: host.code,
  holding: false,
  log: [],
  now: Date.now(),
  theme: makeTheme(true),
  columns: 120,
  rows: 40,
  onCommand() {},
  onStart() {},
  onNext() {},
  onHold() {},
  onQuit() {},
});
const ink = render(React.createElement(TeacherScreen, props(host.snapshot())), { stdout: screen, stdin, patchConsole: false, exitOnCtrlC: false });
let closedRounds = 0;
host.subscribe({
  change(snapshot) {
    if (snapshot.series.length > closedRounds) {
      closedRounds = snapshot.series.length;
      closedAt.set(closedRounds, Date.now());
      awaitingFrame = closedRounds;
    }
    ink.rerender(React.createElement(TeacherScreen, props(snapshot)));
  },
});

const child = fork(fileURLToPath(new URL('./class-students.js', import.meta.url)), [`127.0.0.1:${host.port}`, host.code, String(students)]);
const result = await new Promise((resolve) => {
  child.on('message', (message) => {
    if (message.joined !== undefined) host.start();
    if (message.rounds !== undefined) resolve(message.rounds);
  });
});
ink.unmount();
await host.close();

const rows = [];
for (let round = 1; round <= rounds; round++) {
  const entry = result[round];
  if (entry === undefined) continue;
  rows.push({
    round,
    close: closedAt.get(round) - entry.lastSent,
    students: entry.allReceived - entry.lastSent,
    screen: (frameAt.get(round) ?? Number.NaN) - entry.lastSent,
    received: entry.received,
  });
}
process.stdout.write(`${JSON.stringify({ students, rounds, mode, rows })}\n`);
process.exit(0);
