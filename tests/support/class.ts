import type { ClassSettings } from '../../src/classroom/session.js';
import { loadScenario } from '../../src/formats/scenario-file.js';

/** The room code the host tests start their hosts with. */
export const CODE = 'K7QXM';

/** A pairwise class session on the rivalry cluster with sanctions, for host tests; `overrides` changes any of it. */
export function classSettings(overrides: Partial<ClassSettings> = {}): ClassSettings {
  return {
    mode: 'pairwise',
    rounds: 3,
    timeLimit: 5,
    defaultMove: 'D',
    scenario: loadScenario('rivalry'),
    seed: 7,
    fill: [],
    seats: 0,
    sanctions: { fine: 3, detection: 1 },
    ...overrides,
  };
}
