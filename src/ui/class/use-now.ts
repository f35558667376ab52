import { useEffect, useState } from 'react';

/** Countdowns redraw this often while a round is open. */
export const TICK_MS = 250;

/**
 * The clock for countdowns. It only ticks while `active` (a round is open): between rounds
 * nothing on screen depends on the time, and an idle view should not redraw four times a second.
 */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
