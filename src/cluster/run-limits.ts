/**
 * Limits a command line checks before anything else loads: kept apart from the scenario schema
 * (scenario.ts, which needs zod) so that parsing `--generations` costs no schema.
 */

/** The most generations a scenario may ask for (and the latest an event may be scheduled). */
export const MAX_GENERATIONS = 1_000_000;
