import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait.js';

/**
 * The real CLI in a real pseudo-terminal, driven by keys as a person would. Each session gets
 * a tmux server of its own, so it neither sees nor disturbs a person's tmux sessions, and a
 * session never starts on a server that is still exiting after the last session was killed
 * (tmux then fails with "server exited unexpectedly").
 */
export class Terminal {
  readonly #name: string;
  readonly #sockets = new Map<string, string>();
  #started = 0;

  constructor(name: string) {
    this.#name = `cooplab-${name}-${process.pid}`;
  }

  /** A tmux command on the server of `session` (started by `start`). */
  tmux(session: string, ...args: string[]): string {
    const socket = this.#sockets.get(session);
    if (socket === undefined) throw new Error(`no tmux session ${session} was started`);
    const result = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  }

  /**
   * Starts `command` (a shell command line) in a 120 × 40 window called `session`, as a person
   * at a terminal would: without CI's variables, with which cooplab (like Ink) prints plain
   * output even in a terminal. The command is followed by `echo "EXIT=$?"` and a pause, so the
   * screen after exit can still be read.
   */
  start(session: string, command: string): void {
    const ci = Object.keys(process.env).filter((key) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_'));
    const line = `${command}; echo "EXIT=$?"; sleep 600`;
    this.#sockets.set(session, `${this.#name}-${++this.#started}`);
    this.tmux(
      session,
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      `env ${ci.map((key) => `-u ${key} `).join('')}sh -c '${line.replaceAll("'", "'\\''")}'`,
    );
  }

  screen(session: string): string {
    return this.tmux(session, 'capture-pane', '-p', '-t', session);
  }

  keys(session: string, ...keys: string[]): void {
    this.tmux(session, 'send-keys', '-t', session, ...keys);
  }

  /** A tmux format variable of the session's pane, e.g. `alternate_on` or `cursor_flag`. */
  flag(session: string, name: string): string {
    return this.tmux(session, 'display-message', '-p', '-t', session, `#{${name}}`).trim();
  }

  /** The screen once `predicate` holds for it. */
  waitFor(session: string, predicate: (text: string) => boolean, what: string): Promise<string> {
    return waitFor(
      () => {
        const text = this.screen(session);
        return predicate(text) ? text : undefined;
      },
      what,
      { timeout: 90_000, state: () => this.screen(session) },
    );
  }

  /** The screen once the command has exited (see `start`). */
  exited(session: string): Promise<string> {
    return this.waitFor(session, (text) => text.includes('EXIT='), 'the process to exit');
  }

  /** The ids of the processes started in the session whose command line matches `command`. */
  processes(session: string, command: RegExp): number[] {
    const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout.split('\n');
    const rows = table.map((line) => /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line)).filter((row) => row !== null);
    const inSession = new Set([Number(this.flag(session, 'pane_pid'))]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [, pid, parent] of rows)
        if (inSession.has(Number(parent)) && !inSession.has(Number(pid))) {
          inSession.add(Number(pid));
          grew = true;
        }
    }
    return rows.filter(([, pid, , args]) => inSession.has(Number(pid)) && command.test(args!)).map(([, pid]) => Number(pid));
  }

  /** Ends `session`'s server, or every session's. */
  kill(session?: string): void {
    for (const name of session === undefined ? [...this.#sockets.keys()] : [session]) {
      const socket = this.#sockets.get(name);
      if (socket === undefined) continue;
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      // tmux leaves the socket's file behind when its server is killed.
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
      this.#sockets.delete(name);
    }
  }
}
