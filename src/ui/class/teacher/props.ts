import type { ClassCommand, ClassSnapshot } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';

export interface TeacherAppProps {
  readonly snapshot: ClassSnapshot;
  /** host:port where students reach the session; the first goes into the join line. */
  readonly addresses: readonly string[];
  /** The web page's address (http://…/) for students without cooplab; the first goes into the QR code. */
  readonly pageUrls: readonly string[];
  readonly code: string;
  /** Rounds wait for the teacher instead of following each other. */
  readonly holding: boolean;
  /** The host's log (joins, leaves, dropped messages, interventions), oldest first. */
  readonly log: readonly string[];
  /** The time (ms since the epoch) the countdown is measured against. */
  readonly now: number;
  /** What was written when the session ended, one line each (undefined: not yet written). */
  readonly results?: readonly string[] | undefined;
  /** Why the results could not be written. */
  readonly resultsError?: string | undefined;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly onCommand: (command: ClassCommand) => void;
  readonly onStart: () => void;
  readonly onNext: () => void;
  readonly onHold: () => void;
  readonly onQuit: () => void;
}
