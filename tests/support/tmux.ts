import { spawnSync } from 'node:child_process';
import { waitFor } from './wait.js';

/**
 * The real CLI in a real pseudo-terminal, driven by keys as a person would. Each test file
 * gets a tmux server of its own, so it neither sees nor disturbs a person's tmux sessions.
 */
export class Terminal {
  readonly #socket: string;

  constructor(name: string) {
    this.#socket = `cooplab-${name}-${process.pid}`;
  }

  tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
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
    this.tmux(
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
    return this.tmux('capture-pane', '-p', '-t', session);
  }

  keys(session: string, ...keys: string[]): void {
    this.tmux('send-keys', '-t', session, ...keys);
  }

  /** A tmux format variable of the session's pane, e.g. `alternate_on` or `cursor_flag`. */
  flag(session: string, name: string): string {
    return this.tmux('display-message', '-p', '-t', session, `#{${name}}`).trim();
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

  kill(session?: string): void {
    spawnSync('tmux', ['-L', this.#socket, ...(session === undefined ? ['kill-server'] : ['kill-session', '-t', session])]);
  }
}
