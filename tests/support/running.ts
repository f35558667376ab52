import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './cli.js';
import { waitFor } from './wait.js';

/** A CLI process left running (a class host, a student), its stdout and stderr gathered as one text. */
export interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

const running: Running[] = [];

/** Starts the real, built CLI and keeps it running; `stopRunning()` (in an afterEach) kills what a test left. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const handle: Running = {
    child,
    output: () => text,
    exited,
    waitFor: (pattern) => waitFor(() => pattern.exec(text), String(pattern), { timeout: 90_000, state: () => text }),
  };
  running.push(handle);
  return handle;
}

export function stopRunning(): void {
  for (const handle of running.splice(0)) handle.child.kill('SIGKILL');
}
