import type { ReactNode } from 'react';
import { Lobby } from './lobby.js';
import type { TeacherAppProps } from './props.js';
import { Session } from './session.js';

/** The teacher's screen for the session's phase: the lobby until the first round, then the session. */
export function TeacherScreen(props: TeacherAppProps): ReactNode {
  return props.snapshot.phase === 'lobby' ? <Lobby {...props} /> : <Session {...props} />;
}
