import { useApp, useInput } from 'ink';
import { useState } from 'react';
import type { InteractiveMatchState } from '../../core/interactive-match.js';
import type { Move } from '../../core/strategy.js';
import type { PlaySource } from './info.js';

/** C and D play a round through the source, q quits; returns the game's state after the last key. */
export function usePlayKeys(source: PlaySource, onQuit: (() => void) | undefined): InteractiveMatchState {
  const { exit } = useApp();
  const [state, setState] = useState<InteractiveMatchState>(() => source.state);
  useInput((input, key) => {
    if (input === 'q' || input === 'Q' || key.escape || (key.ctrl && input === 'c')) {
      onQuit?.();
      exit();
      return;
    }
    // The source's own state, not this render's: keys can arrive faster than frames.
    if (source.state.finished) return;
    const move: Move | undefined = input === 'c' || input === 'C' ? 'C' : input === 'd' || input === 'D' ? 'D' : undefined;
    if (move === undefined) return;
    source.play(move);
    setState(source.state);
  });
  return state;
}
