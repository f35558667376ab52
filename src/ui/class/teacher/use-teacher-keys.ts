import { useInput } from 'ink';
import { useRef } from 'react';
import type { ClassCommand, Phase } from '../../../classroom/session.js';

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
