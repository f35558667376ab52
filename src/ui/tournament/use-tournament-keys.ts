import { useApp, useInput } from 'ink';
import { useState } from 'react';
import { clampScroll, type TournamentPanel } from './layout.js';

/** q quits (stopping the tournament), m switches leaderboard and matrix, ↑↓ / PgUp PgDn / j k scroll. */
export function useTournamentKeys({
  count,
  visibleFor,
  onQuit,
}: {
  /** Rows (strategies) to scroll through. */
  count: number;
  /** Rows a panel shows at once. */
  visibleFor: (panel: TournamentPanel) => number;
  onQuit: () => void;
}): { panel: TournamentPanel; scroll: number } {
  const { exit } = useApp();
  const [panel, setPanel] = useState<TournamentPanel>('table');
  const [scroll, setScroll] = useState(0);
  const visible = visibleFor(panel);
  useInput((input, key) => {
    if (input === 'q' || input === 'Q' || key.escape || (key.ctrl && input === 'c')) {
      onQuit();
      exit();
      return;
    }
    if (input === 'm' || input === 'M') {
      setPanel((current) => (current === 'matrix' ? 'table' : 'matrix'));
      return;
    }
    const step = key.pageDown || key.pageUp ? visible : 1;
    if (key.downArrow || key.pageDown || input === 'j') setScroll((current) => clampScroll(current + step, count, visible));
    if (key.upArrow || key.pageUp || input === 'k') setScroll((current) => clampScroll(current - step, count, visible));
  });
  return { panel, scroll };
}
