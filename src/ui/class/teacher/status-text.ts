import type { ClassSnapshot } from '../../../classroom/session.js';

/** The status bar's left side: what kind of session this is. */
export function statusLeft(snapshot: ClassSnapshot): string {
  const timeLimit = snapshot.timeLimit;
  const mode = snapshot.mode === 'lattice' && snapshot.grid !== undefined ? `lattice ${snapshot.grid.width}×${snapshot.grid.height}` : snapshot.mode;
  const length = `${snapshot.rounds} rounds of ${timeLimit} s`;
  return `cooplab class · ${mode} · ${length}`;
}

/** The status bar's right side: where the session stands. */
export function phaseText(snapshot: ClassSnapshot, holding: boolean): string {
  switch (snapshot.phase) {
    case 'lobby':
      return 'LOBBY';
    case 'open':
      return `ROUND ${snapshot.round}/${snapshot.rounds} OPEN`;
    case 'closed':
      return `ROUND ${snapshot.round}/${snapshot.rounds} CLOSED${holding ? ' · ON HOLD' : ''}`;
    case 'ended':
      return 'SESSION OVER';
  }
}
