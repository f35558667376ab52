import type { ReactNode } from 'react';
import type { StudentAppProps } from './student/props.js';
import { StudentScreen } from './student/screen.js';
import { useStudentKeys } from './student/use-student-keys.js';

/**
 * A student's screen: one firm's round — who you play, what is at stake, how much you trust
 * them, the choice and its countdown, the last result and the rules — and, when the teacher
 * intervenes, what changed and why. It renders its props only; the launcher owns the client.
 */

export type { StudentAppProps } from './student/props.js';

export function StudentApp(props: StudentAppProps): ReactNode {
  const { view } = props;
  const chosen = view?.chosen ?? props.pending;
  const canChoose = view !== undefined && view.phase === 'open' && chosen === undefined && view.partners.length > 0 && props.status === 'joined';
  const selected = useStudentKeys({ canChoose, onChoose: props.onChoose, onQuit: props.onQuit });
  return <StudentScreen {...props} selected={selected} />;
}
