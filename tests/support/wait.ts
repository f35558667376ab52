/**
 * Waiting for a condition, never for a time: the one way tests wait. Polls `probe` until it
 * returns something other than undefined, null or false, and returns that. The timeout is
 * only a backstop for a condition that never comes; a machine three times slower than usual,
 * with every core busy, still meets the default (scripts/test-busy.sh).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  what: string,
  options: { timeout?: number; state?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 20_000);
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${options.state === undefined ? '' : `; it was:\n${options.state()}`}`);
    await tick();
  }
}

/** Lets timers, I/O callbacks and React's scheduled work that are already due run once. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}
