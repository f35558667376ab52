import type { RandomSource } from '../core/random.js';
import type { OrganiserSpec } from './organiser-parameters.js';
import type { ClusterState } from './state.js';

/**
 * A business producer re-forms project teams (docs/model.md, "Organisers"): with partner choice
 * on, a search of a member that takes part this generation goes, with the organiser's
 * `introductions` chance, through the organiser, which introduces it to another of its members
 * taking part, anywhere in the cluster. Members it dropped for cheating a fellow member are no
 * longer members, so it never introduces them. The introduced pair meets as strangers: the tie
 * forms by partner choice's usual rules (room on both sides, `minStanding`).
 */
export interface Introductions {
  /** Per slot: the chance a taking-part member's search goes through its organiser (0: none). */
  readonly chance: Float64Array;
  /** The taking-part members of each introducing organiser, grouped by slot: slot s holds members[start[s]] … members[start[s + 1] − 1]. */
  readonly members: Int32Array;
  readonly start: Int32Array;
}

/** Who each introducing organiser can introduce this generation; undefined when none introduces (then nothing draws). */
export function introductionsOf(participating: Uint8Array, bySlot: readonly (OrganiserSpec | undefined)[]): Introductions | undefined {
  const slots = bySlot.length;
  const chance = new Float64Array(slots);
  for (let slot = 0; slot < slots; slot++) chance[slot] = bySlot[slot]?.introductions ?? 0;
  if (!chance.some((value) => value > 0)) return undefined;
  const start = new Int32Array(slots + 1);
  for (let firm = 0; firm < participating.length; firm++) {
    const joint = participating[firm]!;
    if (joint !== 0 && chance[joint - 1]! > 0) start[joint]!++;
  }
  for (let slot = 0; slot < slots; slot++) start[slot + 1]! += start[slot];
  const members = new Int32Array(start[slots]!);
  const next = start.slice(0, slots);
  for (let firm = 0; firm < participating.length; firm++) {
    const joint = participating[firm]!;
    if (joint !== 0 && chance[joint - 1]! > 0) members[next[joint - 1]!++] = firm;
  }
  return { chance, members, start };
}

/** The fellow member `firm`'s organiser introduces it to in this try, or −1 (the search goes its usual way). */
export function introducedPartner(state: ClusterState, firm: number, random: RandomSource): number {
  const organisers = state.organisers;
  const introductions = organisers?.introductions;
  const participating = organisers?.play?.participating;
  if (introductions === undefined || participating === undefined) return -1;
  const joint = participating[firm]!;
  if (joint === 0) return -1;
  const slot = joint - 1;
  const chance = introductions.chance[slot]!;
  if (chance === 0 || random() >= chance) return -1;
  const from = introductions.start[slot]!;
  const count = introductions.start[slot + 1]! - from;
  return count < 2 ? -1 : introductions.members[from + Math.floor(random() * count)]!;
}
