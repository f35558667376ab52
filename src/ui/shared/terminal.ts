import type { Instance } from 'ink';

/**
 * A full-screen terminal session: the alternate screen while the app runs, and the terminal
 * always restored afterwards — on quit, Ctrl-C, SIGTERM, SIGHUP (a closed window, a dropped SSH
 * session), or an error. `onExit` runs first, so
 * results computed so far are written (e.g. --out) before the process ends.
 */
export function fullScreen(stdout: NodeJS.WriteStream = process.stdout): () => void {
  stdout.write('\u001b[?1049h\u001b[H');
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    stdout.write('\u001b[?25h\u001b[?1049l');
  };
}

/** Ties an Ink instance to the process: signals and errors unmount it and restore the terminal. */
export function superviseInk(instance: Instance, restore: () => void, onExit: () => void): Promise<void> {
  let finished = false;
  const finish = (code: number | undefined) => {
    if (finished) return;
    finished = true;
    try {
      onExit();
    } finally {
      instance.unmount();
      restore();
      if (code !== undefined) process.exit(code);
    }
  };
  const onSignal = () => finish(130);
  const onTerm = () => finish(143);
  // A hung-up terminal may be gone or may be reused (tmux, screen): either way the process ends with results written and the screen restored.
  const onHangUp = () => finish(129);
  const onError = (error: unknown) => {
    finish(undefined);
    process.stderr.write(`cooplab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onTerm);
  process.once('SIGHUP', onHangUp);
  process.once('uncaughtException', onError);
  return instance
    .waitUntilExit()
    .then(
      () => finish(undefined),
      (error: unknown) => onError(error),
    )
    .finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHangUp);
      process.off('uncaughtException', onError);
    });
}

/** Whether the live UI should run: an interactive terminal and no request for plain output. */
export function interactive(stdout: NodeJS.WriteStream = process.stdout, stdin: NodeJS.ReadStream = process.stdin): boolean {
  return Boolean(stdout.isTTY && stdin.isTTY) && process.env.CI !== 'true';
}
