import type { ReactNode } from 'react';
import type { TeacherAppProps } from './teacher/props.js';
import { TeacherScreen } from './teacher/screen.js';
import { useTeacherKeys } from './teacher/use-teacher-keys.js';

/**
 * The teacher's screen, projected for the class: the room code, the round and its countdown,
 * the class (lattice or pairs), how co-operation and trust develop, the leaderboard, the rules
 * and what happened. It renders its props only; the launcher owns the host and the clock.
 */

export type { TeacherAppProps } from './teacher/props.js';

export function TeacherApp(props: TeacherAppProps): ReactNode {
  useTeacherKeys({
    phase: props.snapshot.phase,
    activities: props.snapshot.rules.activities.length,
    onCommand: props.onCommand,
    onStart: props.onStart,
    onNext: props.onNext,
    onHold: props.onHold,
    onQuit: props.onQuit,
  });
  return <TeacherScreen {...props} />;
}
