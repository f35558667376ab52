import type { ClassSnapshot } from '../../../classroom/session.js';

/** The keys the teacher's footer offers in the session's phase. */
export function teacherKeys(snapshot: ClassSnapshot, holding: boolean): [string, string][] {
  if (snapshot.phase === 'ended') return [['q', 'quit']];
  const programmes = snapshot.rules.activities.length;
  const interventions: [string, string][] = [
    ['s', 'sanctions'],
    ['f/F', 'fine ±'],
    ['d/D', 'detection ±'],
    [programmes > 1 ? `1–${Math.min(9, programmes)}` : '1', 'programme'],
    ['c', 'crisis'],
    ['q', 'end session'],
  ];
  if (snapshot.phase === 'lobby') return [['space', 'start'], ...interventions];
  return [['space', 'next round now'], ['p', holding ? 'resume auto rounds' : 'hold after this round'], ...interventions];
}
