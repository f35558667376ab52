import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/cooplab.js', import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real, built CLI (the e2e project builds first: tests/support/build.ts) with no terminal attached. */
export function cooplab(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    // A backstop for a hang, below the e2e test timeout; a slow machine is still far inside it.
    timeout: 100_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
