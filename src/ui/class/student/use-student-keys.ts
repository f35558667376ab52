import { useInput } from 'ink';
import { useRef, useState } from 'react';
import type { Move } from '../../../core/strategy.js';

export interface StudentKeyHandlers {
  /** A round is open and this student has not chosen yet. */
  readonly canChoose: boolean;
  readonly onChoose: (move: Move) => void;
  readonly onQuit: () => void;
}

/**
 * c / d choose at once; ← → pick and Enter sends, for those who would rather not type
 * letters. Returns the move the arrows point at.
 */
export function useStudentKeys(handlers: StudentKeyHandlers): Move {
  const latest = useRef(handlers);
  latest.current = handlers;
  const [selected, setSelected] = useState<Move>('C');
  const pointed = useRef<Move>('C');
  pointed.current = selected;
  useInput((input, key) => {
    const { canChoose, onChoose, onQuit } = latest.current;
    if (input === 'q' || input === 'Q' || (key.ctrl && input === 'c')) return onQuit();
    if (!canChoose || key.ctrl || key.meta) return;
    if (key.leftArrow || key.rightArrow || key.upArrow || key.downArrow) {
      setSelected((move) => (move === 'C' ? 'D' : 'C'));
      return;
    }
    if (key.return) return onChoose(pointed.current);
    // Only the first of several letters counts: a round takes one choice.
    const first = input.toUpperCase().replace(/[^CD]/g, '')[0];
    if (first === 'C' || first === 'D') {
      setSelected(first);
      onChoose(first);
    }
  });
  return selected;
}
