import { useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { ClassCommand, Phase } from '../../classroom/session.js';
import type { Move } from '../../core/strategy.js';

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

export interface TeacherKeyHandlers {
  readonly phase: Phase;
  /** Programmes the keys 1–9 can switch. */
  readonly activities: number;
  readonly onCommand: (command: ClassCommand) => void;
  readonly onStart: () => void;
  readonly onNext: () => void;
  readonly onHold: () => void;
  readonly onQuit: () => void;
}

/** A key of the teacher's view as the intervention it stands for. */
export function teacherCommand(input: string, activities: number): ClassCommand | undefined {
  if (input === 's') return { type: 'sanctions' };
  if (input === 'f') return { type: 'fine', delta: 1 };
  if (input === 'F') return { type: 'fine', delta: -1 };
  if (input === 'd') return { type: 'detection', delta: 1 };
  if (input === 'D') return { type: 'detection', delta: -1 };
  if (input === 'c') return { type: 'crisis' };
  if (/^[1-9]$/.test(input) && Number(input) <= activities) return { type: 'toggle-activity', index: Number(input) - 1 };
  return undefined;
}

export function useTeacherKeys(handlers: TeacherKeyHandlers): void {
  // The latest handlers, not those of the render that subscribed: keys can beat a redraw.
  const latest = useRef(handlers);
  latest.current = handlers;
  useInput((input, key) => {
    const { phase, activities, onCommand, onStart, onNext, onHold, onQuit } = latest.current;
    // Ctrl-C reaches here as 'c' with ctrl: it must quit, never start a crisis.
    if (input === 'q' || (key.ctrl && input === 'c')) return onQuit();
    if (key.ctrl || key.meta || phase === 'ended') return;
    // Keys typed quickly (or pasted) arrive together: each one counts.
    for (const character of input) {
      if (character === ' ') {
        if (phase === 'lobby') onStart();
        else if (phase === 'closed') onNext();
        continue;
      }
      if (character === 'p') {
        onHold();
        continue;
      }
      const command = teacherCommand(character, activities);
      if (command !== undefined) onCommand(command);
    }
  });
}

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
