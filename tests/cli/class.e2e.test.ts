import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';
import { startCli as start, stopRunning } from '../support/running.js';

// The real CLI: a headless host and students in plain mode, each its own process, on loopback.

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('openssl is missing: the TLS session test is skipped (it makes a self-signed certificate with openssl)');

afterEach(stopRunning);

const hostArgs = (out: string, extra: readonly string[] = []) => [
  'class',
  'host',
  '--headless',
  '--port',
  '0',
  '--host',
  '127.0.0.1',
  '--code',
  'K7QXM',
  // Long enough that no student of a test on a busy machine misses a round.
  '--time-limit',
  '60',
  '--pause',
  '0.1',
  '--out',
  out,
  ...extra,
];

describe('cooplab class', () => {
  it('runs a session between students at their terminals and writes every move, the JSON and the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cooplab-class-')), 'results');
    const host = start(hostArgs(out, ['--rounds', '2', '--start-when', '2']));
    const [, address] = await host.waitFor(/join with: cooplab class join (\S+) --code K7QXM/);
    const ana = start(['class', 'join', address!, '--code', 'k7qxm', '--name', 'Ana', '--plain']);
    await host.waitFor(/log: Ana joined/);
    const ben = start(['class', 'join', address!, '--code', 'K7QXM', '--name', 'Ben', '--plain']);
    for (const round of [1, 2]) {
      await ana.waitFor(new RegExp(`round ${round} of 2: you play Ben .*type C or D`));
      await ben.waitFor(new RegExp(`round ${round} of 2: you play Ana`));
      ana.child.stdin.write('C\n');
      ben.child.stdin.write(round === 1 ? 'D\n' : 'C\n');
    }
    expect(await host.exited).toBe(0);
    expect(await ana.exited).toBe(0);
    expect(await ben.exited).toBe(0);
    expect(ana.output().split('\n')[0]).toBe('joined as Ana');
    expect(ana.output().match(/announcement \(before round 1\): the session starts/g)).toHaveLength(1);
    expect(ana.output()).toContain('round 1 result: you played C; Ben played D (technology-exchange: you earned -3)');
    expect(ana.output()).toMatch(/the session is over: score 0, rank 2 of 2/);
    expect(host.output()).toContain('log: Ana joined');
    expect(host.output()).toMatch(/round 1 closed: co-operation 50%/);

    const moves = readFileSync(join(out, 'moves.csv'), 'utf8').trimEnd().split('\n');
    expect(moves[0]).toBe('round,seat,student,kind,partner,move,answered,activity,payoff,fine,trust');
    expect(moves.slice(1).map((line) => line.split(',').slice(0, 7).join(','))).toEqual([
      '1,0,Ana,student,Ben,C,1',
      '1,1,Ben,student,Ana,D,1',
      '2,0,Ana,student,Ben,C,1',
      '2,1,Ben,student,Ana,C,1',
    ]);
    const document = JSON.parse(readFileSync(join(out, 'class.json'), 'utf8')) as {
      kind: string;
      rounds_played: number;
      students: { name: string; score: number }[];
    };
    expect(document).toMatchObject({ kind: 'class', rounds_played: 2 });
    expect(document.students.map((student) => [student.name, student.score])).toEqual([
      ['Ben', 8],
      ['Ana', 0],
    ]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Class session');
    const report = cooplab(['report', join(out, 'class.json'), '--out', join(out, 'again.html')]);
    expect(report.status).toBe(0);
    expect(existsSync(join(out, 'again.html'))).toBe(true);
  });

  it('writes the results so far when the teacher presses Ctrl-C mid-session', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cooplab-class-')), 'results');
    const host = start(hostArgs(out, ['--rounds', '5', '--start-when', '1', '--fill', 'tit-for-tat']));
    const [, address] = await host.waitFor(/join with: cooplab class join (\S+) --code/);
    const ana = start(['class', 'join', address!, '--code', 'K7QXM', '--name', 'Ana', '--plain']);
    await ana.waitFor(/round 1 of 5: you play Tit For Tat 2/);
    ana.child.stdin.write('D\n');
    await host.waitFor(/round 2 open/);
    host.child.kill('SIGINT');
    expect(await host.exited).toBe(130);
    const document = JSON.parse(readFileSync(join(out, 'class.json'), 'utf8')) as {
      rounds_played: number;
      moves: { student: string; move: string; answered: boolean; round: number }[];
    };
    // Round 2 was open: it is closed and paid, Ana's missing answer played as the default.
    expect(document.rounds_played).toBe(2);
    expect(document.moves.filter((move) => move.student === 'Ana').map((move) => [move.round, move.move, move.answered])).toEqual([
      [1, 'D', true],
      [2, 'D', false],
    ]);
    expect(await ana.exited).toBe(0);
  });

  it('writes the results so far when the host is hung up on (a dropped SSH session)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cooplab-class-')), 'results');
    const host = start(hostArgs(out, ['--rounds', '3']));
    await host.waitFor(/join with: cooplab class join/);
    host.child.kill('SIGHUP');
    expect(await host.exited).toBe(129);
    expect(JSON.parse(readFileSync(join(out, 'class.json'), 'utf8'))).toMatchObject({ kind: 'class', rounds_played: 0 });
  }, 40_000);

  it.runIf(hasOpenssl)(
    'encrypts the session with --tls-cert and --tls-key: students join with wss://',
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'cooplab-class-tls-'));
      const cert = join(directory, 'cert.pem');
      const key = join(directory, 'key.pem');
      // A self-signed certificate for this machine; a student's Node trusts it through NODE_EXTRA_CA_CERTS.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      const out = join(directory, 'results');
      const host = start(hostArgs(out, ['--rounds', '1', '--start-when', '2', '--fill', 'tit-for-tat', '--tls-cert', cert, '--tls-key', key]));
      const [, address] = await host.waitFor(/join with: cooplab class join (wss:\/\/\S+) --code K7QXM/);
      // Without the certificate a student's Node refuses the host: nobody can pose as it.
      const untrusting = cooplab(['class', 'join', address!, '--code', 'K7QXM', '--name', 'Eve', '--plain']);
      expect(untrusting.status).toBe(2);
      expect(untrusting.stderr).toMatch(/cannot join the class session at wss:.*(self[- ]signed|certificate)/i);
      // Nor can a plain WebSocket client talk to it.
      const plain = cooplab(['class', 'join', address!.replace('wss://', ''), '--code', 'K7QXM', '--name', 'Eve', '--plain']);
      expect(plain.status).toBe(2);
      const ana = start(['class', 'join', address!, '--code', 'K7QXM', '--name', 'Ana', '--plain'], { NODE_EXTRA_CA_CERTS: cert });
      const ben = start(['class', 'join', address!, '--code', 'K7QXM', '--name', 'Ben', '--plain'], { NODE_EXTRA_CA_CERTS: cert });
      await ana.waitFor(/round 1 of 1: you play Ben/);
      await ben.waitFor(/round 1 of 1: you play Ana/);
      ana.child.stdin.write('C\n');
      ben.child.stdin.write('D\n');
      expect(await host.exited, host.output()).toBe(0);
      expect(await ana.exited, ana.output()).toBe(0);
      expect(await ben.exited, ben.output()).toBe(0);
      expect(ana.output()).toContain('round 1 result: you played C; Ben played D');
    },
    60_000,
  );

  it('refuses --tls-cert without --tls-key, and a file that is not a certificate, with one line and exit 2', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-class-tls-'));
    const junk = join(directory, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    const cases: [string[], RegExp][] = [
      [['--tls-cert', junk], /--tls-cert and --tls-key: expected both/],
      [['--tls-cert', join(directory, 'missing.pem'), '--tls-key', junk], /--tls-cert '.*missing\.pem' \(ENOENT\): expected a readable PEM file/],
      [
        ['--tls-cert', junk, '--tls-key', junk],
        /cannot use --tls-cert '.*junk\.pem' with --tls-key '.*junk\.pem' \(.*\): expected a PEM certificate and its private key/,
      ],
    ];
    for (const [extra, pattern] of cases) {
      const run = cooplab(['class', 'host', '--headless', '--port', '0', '--host', '127.0.0.1', ...extra]);
      expect(run.status, extra.join(' ')).toBe(2);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);

  it('refuses bad input with one line and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['class', 'host', '--mode', 'ring'], /option '--mode <mode>' argument 'ring' is invalid\. expected one of pairwise, lattice/],
      [['class', 'host', '--code', 'ab'], /room code 'ab': expected the 5 letters or digits the teacher shows/],
      [['class', 'host', '--fill', 'tit-for-tatt', '--headless'], /unknown strategy 'tit-for-tatt' in --fill/],
      [['class', 'join', 'localhost', '--code', 'K7QXM', '--name', 'Ana'], /address 'localhost': expected a port, such as localhost:4321/],
      [['class', 'join', 'localhost:4321', '--code', 'K7QXM', '--name', '\u001b[31mX'], /name '.*X': expected 1 to 24 letters/],
      [['class', 'join', '127.0.0.1:1', '--code', 'K7QXM', '--name', 'Ana', '--plain'], /cannot join the class session at 127\.0\.0\.1:1/],
    ];
    for (const [args, pattern] of cases) {
      const run = cooplab(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
