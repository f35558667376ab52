import type { ClientStatus } from '../../../classroom/client.js';
import type { SentView } from '../../../classroom/protocol.js';
import type { Move } from '../../../core/strategy.js';
import type { Theme } from '../../../theme/theme.js';

export interface StudentAppProps {
  readonly view: SentView | undefined;
  /** When `view` arrived (ms since the epoch): its time left counts from then. */
  readonly receivedAt: number;
  readonly now: number;
  readonly status: ClientStatus;
  /** The host's latest notice (a refused move, for instance). */
  readonly notice: string | undefined;
  /** Why the connection is gone for good. */
  readonly closedReason: string | undefined;
  /** A move sent in the open round that the host has not confirmed yet. */
  readonly pending?: Move | undefined;
  /** Where the client connects, for the screen before the first view. */
  readonly address?: string | undefined;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly onChoose: (move: Move) => void;
  readonly onQuit: () => void;
}
