/**
 * The sandbox's process seen from the host: started on first use, spoken to synchronously
 * (the engine asks for a move and waits for it), watched, and started afresh after it dies.
 *
 * Where the system has named pipes (mkfifo), the host and the process speak through two of them
 * in a private folder, which the host's thread can write and read blocking: a call costs two
 * wake-ups (tens of microseconds), where going through a thread and the process's own pipes cost
 * four and ten times as much. A small worker thread starts the process, keeps its stderr, and
 * watches it: it kills a process stuck outside every budget (a native loop) and, once the process
 * has ended, wakes the host with a line no process writes. Without named pipes the host's thread,
 * which cannot block on a pipe in Node, posts each line to that worker and sleeps in Atomics.wait
 * on shared memory until the worker has put the answer there.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Reply, type Request, RUNAWAY_NOTE } from './sandbox-protocol.js';

/** The process ended (crashed, was killed, or could not start); `reason` says how, in words for a disqualification. */
export class SandboxProcessGone extends Error {
  override readonly name = 'SandboxProcessGone';
  /** Whether the watchdog stopped it (a call over its CPU or wall limit) rather than the process ending by itself. */
  get stopped(): boolean {
    return this.message.startsWith(STOPPED);
  }
}

const STOPPED = 'stopped responding:';

/**
 * The sandbox process's limits: its own heap, and the memory it may commit (RLIMIT_DATA, where
 * `prlimit` exists). Not the address space: V8 reserves half a gigabyte of it per isolate
 * without using it, so a limit on it would stop honest modules long before memory runs out.
 */
export const PROCESS_HEAP_MB = 256;
export const PROCESS_DATA_MB = 1024;
/** More CPU than this in one call means the process is stuck outside the modules' own budgets (each at most a few seconds). */
const WATCHDOG_CPU_MS = 30_000;
/** And more wall time than this, whatever the CPU. */
const WATCHDOG_WALL_MS = 600_000;
const RESPONSE_CAPACITY = 16 << 20;

const STATE_EMPTY = 0;
const STATE_LINE = 1;
const STATE_GONE = 2;
const STATE_TOO_LONG = 3;

/**
 * The control words shared with the pipe worker: [0] the state of an answer (through the worker),
 * [1] its length, [2] the exit code, [3] the signal, [4] the pid, [5] whether stderr said out of
 * memory, [6] the number of the call under way through the named pipes (0: none), [7] set by the
 * worker once the process was stopped (for using more than WATCHDOG_CPU_MS or WATCHDOG_WALL_MS in
 * one call, or by itself for a runaway move), [8] whether the process has ended.
 */
const CONTROL_WORDS = 9;

/** What the worker writes to the host's named pipe once the process has ended: no JSON line holds a NUL. */
const GONE_LINE = '\u0000';

/** The worker that owns the pipes (plain JavaScript: it runs as it is, from the sources too). */
const PIPE_WORKER = String.raw`
const { workerData, parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { closeSync, constants, openSync, readFileSync, writeSync } = require('node:fs');
const { control, data, command, args, replies, watchdogCpuMs, watchdogWallMs, runawayNote } = workerData;
// Its own end of the host's replies pipe (the host holds it open to read, so this never waits).
const repliesFd = replies === undefined ? -1 : openSync(replies, constants.O_WRONLY | constants.O_NONBLOCK);
const ctl = new Int32Array(control);
const bytes = new Uint8Array(data);
const queue = [];
let partial = '';
let gone = false;
let crashNote = '';
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: {}, cwd: '/' });
Atomics.store(ctl, 4, child.pid ?? -1);
child.stdin.on('error', () => {});
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  partial += chunk;
  let end;
  while ((end = partial.indexOf('\n')) >= 0) {
    queue.push(partial.slice(0, end));
    partial = partial.slice(end + 1);
  }
  deliver();
});
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => { if (crashNote.length < 4096) crashNote += chunk; });
child.on('error', () => { ended(); });
child.on('close', (code, signal) => {
  const note = /out of memory|Allocation failed|invalid size|invalid array length/i.test(crashNote) ? 1 : 0;
  Atomics.store(ctl, 2, code ?? -1);
  Atomics.store(ctl, 3, signal === null ? 0 : (require('node:os').constants.signals[signal] ?? -1));
  Atomics.store(ctl, 5, note);
  // The process ended itself to stop a runaway move (sandbox-child.ts): as if stopped from here.
  if (crashNote.includes(runawayNote)) Atomics.store(ctl, 7, 1);
  ended();
});
function ended() {
  if (gone) return;
  gone = true;
  Atomics.store(ctl, 8, 1);
  clearInterval(watchdog);
  if (repliesFd >= 0) {
    try { writeSync(repliesFd, '\u0000\n'); } catch {}
    try { closeSync(repliesFd); } catch {}
  }
  deliver();
}
/** CPU time (ms) of the process, from /proc (Linux); undefined elsewhere. */
function cpuMs() {
  try {
    const stat = readFileSync('/proc/' + child.pid + '/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
// Through the named pipes the host sleeps in a blocking read: this watches the call under way for it.
let watchedCall = 0;
let callCpu;
let callWall = 0;
const watchdog = repliesFd < 0 ? undefined : setInterval(() => {
  const call = Atomics.load(ctl, 6);
  if (call === 0 || gone) { watchedCall = 0; return; }
  if (call !== watchedCall) { watchedCall = call; callCpu = cpuMs(); callWall = Date.now(); return; }
  const cpu = cpuMs();
  if ((cpu !== undefined && callCpu !== undefined && cpu - callCpu > watchdogCpuMs) || Date.now() - callWall > watchdogWallMs) {
    Atomics.store(ctl, 7, 1);
    child.kill('SIGKILL');
  }
}, 1000);
watchdog?.unref();
function deliver() {
  if (Atomics.load(ctl, 0) !== 0) return;
  if (queue.length > 0) {
    const encoded = Buffer.from(queue.shift(), 'utf8');
    if (encoded.length > bytes.length) {
      Atomics.store(ctl, 0, 3);
    } else {
      bytes.set(encoded);
      Atomics.store(ctl, 1, encoded.length);
      Atomics.store(ctl, 0, 1);
    }
    Atomics.notify(ctl, 0);
  } else if (gone) {
    Atomics.store(ctl, 0, 2);
    Atomics.notify(ctl, 0);
  }
}
parentPort.on('message', (line) => {
  if (line === null) { child.kill('SIGKILL'); return; }
  if (!gone) child.stdin.write(line + '\n');
  deliver();
});
`;

function childScript(): string {
  const beside = fileURLToPath(new URL('./sandbox-child.js', import.meta.url));
  if (existsSync(beside)) return beside;
  // Running from the sources (tests): the process runs the built copy.
  const built = fileURLToPath(new URL('../../dist/src/modules/sandbox-child.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new SandboxProcessGone(`the sandbox process cannot start: ${beside} is missing (run npm run build)`);
}

function onPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const candidate = `${directory}/${name}`;
    if (directory !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** CPU time (ms) a process has used, from /proc (Linux); undefined where there is none. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the name), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function stoppedAfter(started: number): string {
  return `${STOPPED} its sandbox process was stopped after ${Math.round((performance.now() - started) / 1000)} s`;
}

const SIGNAL_NAMES = new Map<number, string>([
  [6, 'SIGABRT'],
  [5, 'SIGTRAP'],
  [9, 'SIGKILL'],
  [11, 'SIGSEGV'],
  [7, 'SIGBUS'],
  [4, 'SIGILL'],
  [24, 'SIGXCPU'],
]);

/** The two named pipes of one process, in a folder of their own; undefined where the system has none. */
function namedPipes(): { folder: string; requests: string; replies: string } | undefined {
  if (process.platform === 'win32') return undefined;
  const mkfifo = onPath('mkfifo');
  if (mkfifo === undefined) return undefined;
  let folder: string;
  try {
    folder = mkdtempSync(join(tmpdir(), 'cooplab-sandbox-'));
  } catch {
    return undefined;
  }
  const requests = join(folder, 'requests');
  const replies = join(folder, 'replies');
  try {
    execFileSync(mkfifo, ['-m', '600', requests, replies], { stdio: 'ignore' });
    return { folder, requests, replies };
  } catch {
    rmSync(folder, { recursive: true, force: true });
    return undefined;
  }
}

/** The host's ends of the named pipes. */
interface Pipes {
  /** Written without blocking: a process that no longer reads cannot hang the host (the worker says when it has ended). */
  readonly requests: number;
  /** Read blocking; the worker writes GONE_LINE there once the process has ended. */
  readonly replies: number;
  readonly folder: string;
}

/** One sandbox process and the channel to it. */
export class SandboxProcess {
  readonly pid: number;
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  private readonly data = new Uint8Array(new SharedArrayBuffer(RESPONSE_CAPACITY));
  private readonly worker: Worker;
  private readonly pipes: Pipes | undefined;
  private ended: string | undefined;
  private calls = 0;
  /** What the replies pipe held past the last line read. */
  private pending = '';
  private readonly chunk = Buffer.alloc(1 << 16);

  constructor() {
    const node = process.execPath;
    const named = namedPipes();
    const nodeArgs = [
      `--max-old-space-size=${PROCESS_HEAP_MB}`,
      // No background compilation or GC threads: the JIT tiers up at the same moment in every
      // run, so what a module can observe (how deep it can recurse) does not vary.
      '--single-threaded',
      '--no-node-snapshot',
      childScript(),
      ...(named === undefined ? [] : [named.requests, named.replies]),
    ];
    const prlimit = process.platform === 'linux' ? onPath('prlimit') : undefined;
    const command = prlimit ?? node;
    const args = prlimit === undefined ? nodeArgs : [`--data=${PROCESS_DATA_MB * 1024 * 1024}`, '--core=0', '--', node, ...nodeArgs];
    // Both opened for reading and writing, so that opening never waits (on either side) and the
    // process's own opening of each finds the other end there; the process sees the end of its
    // requests once the host has gone, and the host learns of the process's end from the worker.
    const repliesFd = named === undefined ? -1 : openSync(named.replies, constants.O_RDWR);
    const requestsFd = named === undefined ? -1 : openSync(named.requests, constants.O_RDWR | constants.O_NONBLOCK);
    this.worker = new Worker(PIPE_WORKER, {
      eval: true,
      workerData: {
        control: this.control.buffer,
        data: this.data.buffer,
        command,
        args,
        replies: named?.replies,
        runawayNote: RUNAWAY_NOTE,
        watchdogCpuMs: WATCHDOG_CPU_MS,
        watchdogWallMs: WATCHDOG_WALL_MS,
      },
    });
    this.worker.unref();
    // The worker has started the process once it reports the pid.
    const waitingSince = performance.now();
    while (Atomics.load(this.control, 4) === 0) {
      if (performance.now() - waitingSince > 60_000) throw new SandboxProcessGone('the sandbox process did not start within a minute');
      Atomics.wait(this.control, 4, 0, 50);
    }
    this.pid = Atomics.load(this.control, 4);
    if (named !== undefined) this.pipes = { requests: requestsFd, replies: repliesFd, folder: named.folder };
    const ready = this.call({ op: 'dispose', module: -1 });
    if (!('ok' in ready)) throw new SandboxProcessGone('the sandbox process did not start');
    // Every end is open now (the process answered through its own): the pipes need no names any more.
    if (named !== undefined) rmSync(named.folder, { recursive: true, force: true });
    this.closeFileDescriptors();
  }

  /**
   * Leaves the process no file descriptor to spare: from now on it cannot open a file or a
   * socket, only use the pipes it has (Linux, with prlimit).
   */
  private closeFileDescriptors(): void {
    const prlimit = process.platform === 'linux' ? onPath('prlimit') : undefined;
    if (prlimit === undefined) return;
    try {
      const open = readdirSync(`/proc/${this.pid}/fd`).map(Number);
      const limit = Math.max(...open) + 1;
      execFileSync(prlimit, [`--pid=${this.pid}`, `--nofile=${limit}:${limit}`], { stdio: 'ignore' });
    } catch {
      // Defence in depth: the modules themselves have no way to open anything.
    }
  }

  get alive(): boolean {
    return this.ended === undefined;
  }

  /**
   * Sends a request (or one already in words: its JSON) and returns the answer; `onRandom` answers
   * the process's requests for random numbers on the way. Throws SandboxProcessGone if the process ends first.
   */
  call(request: Request | string, onRandom?: (purpose: string, count: number) => number[]): Reply {
    if (this.ended !== undefined) throw new SandboxProcessGone(this.ended);
    let line = typeof request === 'string' ? request : JSON.stringify(request);
    for (;;) {
      const answer = this.exchange(line);
      const reply = JSON.parse(answer) as Reply;
      if (!('op' in reply)) return reply;
      const values = onRandom === undefined ? [] : onRandom(reply.purpose, reply.count);
      line = JSON.stringify({ values });
    }
  }

  /** Whether callBatch can be used: through the named pipes, where the host reads each answer as it comes. */
  get batches(): boolean {
    return this.pipes !== undefined;
  }

  /**
   * Sends `count` requests at once (`text`: their lines, each ending in a newline, as the process
   * reads a batch) and reads an answer to each, in order, handing it to `onAnswer` with its index;
   * `onRandom` answers the requests for random numbers the process makes on the way, for the request
   * under way. Stops after the answer for which `onAnswer` returns false (the process stops a batch
   * there too). Each answer awaited is watched as a call of its own: a batch of honest matches is
   * never stopped for their sum. Throws SandboxProcessGone if the process ends first: the requests
   * answered so far have been handed over.
   */
  callBatch(
    text: string,
    count: number,
    onRandom: (index: number, purpose: string, count: number) => number[],
    onAnswer: (index: number, reply: Reply) => boolean,
  ): void {
    if (this.ended !== undefined) throw new SandboxProcessGone(this.ended);
    const pipes = this.pipes;
    if (pipes === undefined) throw new Error('a batch needs the named pipes');
    let started = performance.now();
    Atomics.store(this.control, 6, ++this.calls);
    try {
      this.write(pipes.requests, Buffer.from(text));
      for (let index = 0; index < count; ) {
        const reply = JSON.parse(this.readAnswer(pipes, started)) as Reply;
        started = performance.now();
        Atomics.store(this.control, 6, ++this.calls);
        if ('op' in reply) {
          this.write(pipes.requests, Buffer.from(`${JSON.stringify({ values: onRandom(index, reply.purpose, reply.count) })}\n`));
          continue;
        }
        if (!onAnswer(index++, reply)) return;
      }
    } finally {
      Atomics.store(this.control, 6, 0);
    }
  }

  private exchange(line: string): string {
    return this.pipes === undefined ? this.exchangeThroughWorker(line) : this.exchangeThroughPipes(this.pipes, line);
  }

  private exchangeThroughPipes(pipes: Pipes, line: string): string {
    const started = performance.now();
    Atomics.store(this.control, 6, ++this.calls);
    try {
      this.write(pipes.requests, Buffer.from(`${line}\n`));
      return this.readAnswer(pipes, started);
    } finally {
      Atomics.store(this.control, 6, 0);
    }
  }

  /** The next line the process answers through the replies pipe, blocking until it comes. */
  private readAnswer(pipes: Pipes, started: number): string {
    for (;;) {
      const end = this.pending.indexOf('\n');
      if (end >= 0) {
        const answer = this.pending.slice(0, end);
        this.pending = this.pending.slice(end + 1);
        if (answer.includes(GONE_LINE)) throw this.gone(started);
        return answer;
      }
      if (this.pending.length > RESPONSE_CAPACITY) {
        this.kill();
        this.ended = 'sent the host an answer too long to read';
        throw new SandboxProcessGone(this.ended);
      }
      const read = readSync(pipes.replies, this.chunk, 0, this.chunk.length, null);
      this.pending += this.chunk.toString('utf8', 0, read);
    }
  }

  /** Writes all of `bytes` to the requests pipe, waiting while it is full, as long as the process lives. */
  private write(descriptor: number, bytes: Buffer): void {
    let written = 0;
    while (written < bytes.length) {
      try {
        written += writeSync(descriptor, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') throw this.gone();
        if (code !== 'EAGAIN') throw error;
        if (Atomics.load(this.control, 8) === 1) throw this.gone();
        Atomics.wait(this.control, 8, 0, 1);
      }
    }
  }

  private exchangeThroughWorker(line: string): string {
    const control = this.control;
    Atomics.store(control, 0, STATE_EMPTY);
    this.worker.postMessage(line);
    const started = performance.now();
    let cpuAtStart: number | undefined;
    for (;;) {
      Atomics.wait(control, 0, STATE_EMPTY, 1000);
      const state = Atomics.load(control, 0);
      if (state === STATE_LINE) {
        const text = Buffer.from(this.data.buffer, 0, Atomics.load(control, 1)).toString('utf8');
        Atomics.store(control, 0, STATE_EMPTY);
        return text;
      }
      if (state === STATE_GONE) throw this.gone(started);
      if (state === STATE_TOO_LONG) {
        this.kill();
        this.ended = 'sent the host an answer too long to read';
        throw new SandboxProcessGone(this.ended);
      }
      // Read from the first second on (a reading costs more than a quick call): the watchdog is a second late at most.
      const cpu = processCpuMs(this.pid);
      cpuAtStart ??= cpu;
      const stuck = cpu !== undefined && cpuAtStart !== undefined ? cpu - cpuAtStart > WATCHDOG_CPU_MS : false;
      if (stuck || performance.now() - started > WATCHDOG_WALL_MS) {
        this.kill();
        this.ended = stoppedAfter(started);
      }
    }
  }

  private gone(callStarted = performance.now()): SandboxProcessGone {
    // What the worker knows of the end (exit code, signal, who stopped it) is there once it has seen the process end.
    for (let waited = 0; this.ended === undefined && Atomics.load(this.control, 8) === 0 && waited < 5000; waited += 10) Atomics.wait(this.control, 8, 0, 10);
    if (this.ended === undefined && Atomics.load(this.control, 7) === 1) this.ended = stoppedAfter(callStarted);
    if (this.ended === undefined) {
      const signal = Atomics.load(this.control, 3);
      const code = Atomics.load(this.control, 2);
      const memory = Atomics.load(this.control, 5) === 1;
      const how = signal > 0 ? (SIGNAL_NAMES.get(signal) ?? `signal ${signal}`) : `exit code ${code}`;
      // V8 ends a process with SIGABRT or SIGTRAP on a fatal error: an allocation it cannot make, mostly.
      const fatal = memory || signal === 6 || signal === 5;
      this.ended = fatal ? `crashed its sandbox process: a V8 fatal error, out of memory (${how})` : `crashed its sandbox process (${how})`;
    }
    return new SandboxProcessGone(this.ended);
  }

  kill(): void {
    if (this.ended === undefined) this.ended = 'its sandbox was disposed';
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  /** Ends the process (it would end anyway when the host does: its input closes). */
  close(): void {
    this.kill();
    void this.worker.terminate();
    if (this.pipes !== undefined) {
      for (const descriptor of [this.pipes.requests, this.pipes.replies]) {
        try {
          closeSync(descriptor);
        } catch {
          // Closed already.
        }
      }
      rmSync(this.pipes.folder, { recursive: true, force: true });
    }
  }
}
