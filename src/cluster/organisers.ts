import { isDeterred } from '../core/machine.js';
import type { ActivityTable } from './activities.js';
import { type Introductions, introductionsOf } from './organiser-introductions.js';
import type { OrganiserSpec } from './organiser-parameters.js';
import { planOf, type OrganiserPlan } from './organiser-policies.js';
import type { ClusterParameters } from './parameters.js';
import { activityContext, type RoundRates } from './round-rules.js';
import { streamOf, type ClusterState } from './state.js';

/**
 * Organisers as agents of the cluster (docs/model.md, "Organisers"): business associations,
 * government agencies acting as moderators, business producers. Each has a budget (members' fees,
 * a sponsor's grant, fines, a producer's margin), a membership that firms join or leave by
 * weighing the fee against the benefit they see, a credibility that rises when it delivers what it
 * promised and falls when it does not, and instruments it spends on by its policy
 * (organiser-policies.ts): activities played only between its members, monitoring, mediation and
 * cost sharing. Off unless a scenario lists organisers: without them nothing here runs, and
 * `state.organisers` stays undefined.
 *
 * Per generation: `prepareOrganisers` (before play) founds and closes organisers, collects fees and
 * grants, plans and pays for the instruments, draws which members take part and builds the rates
 * of each class of pair; the play loop (play.ts) settles a pair of two taking-part members of one
 * organiser by that organiser's rates and tallies what it owes; `settleOrganisers` (after play)
 * charges fees, pays cost sharing, collects fines and margins, moves credibility and lets firms
 * reconsider their membership.
 */

/** The rates a class of pair plays by: class 0 is every pair that is not two taking-part members of one organiser; class s + 1 is organiser slot s's. */
export interface ClassRates extends RoundRates {
  readonly detection: number;
  readonly fine: number;
  readonly loss: number;
  /** Per activity: the machine context it sets (round-rules.ts activityContext). */
  readonly contextOf: Int32Array;
  /** The lowest rung of this class's ladder, or −1. */
  readonly lowest: number;
}

/** What the play loop reads and writes while any organiser works. */
export interface OrganiserPlay {
  /** Per firm: 0, or 1 + the slot of the organiser whose activities it takes part in this generation. */
  readonly participating: Uint8Array;
  readonly classes: readonly ClassRates[];
  /** Every activity some class may play, in ladder order, and per activity 1 + its position (the per-firm activity view). */
  readonly rankOrder: Int32Array;
  readonly rankOf: Int32Array;
  /** Per class × activity: co-operating moves, and rounds of mutual co-operation. */
  readonly cooperations: Float64Array;
  readonly mutual: Float64Array;
  /** Per class: fines paid. */
  readonly fines: Float64Array;
  /** Per firm: caught cheating a fellow member this generation. */
  readonly caught: Uint8Array;
}

/** What an organiser took in and spent in a generation, by source and instrument. */
export interface OrganiserAccounts {
  fees: number;
  grant: number;
  fines: number;
  margin: number;
  activities: number;
  monitoring: number;
  mediation: number;
  costSharing: number;
}

/** An organiser's standing after a generation: the metrics of docs/model.md, "Organisers". */
export interface OrganiserRecord {
  readonly name: string;
  /** Share of firms that are members. */
  readonly members: number;
  readonly budget: number;
  readonly credibility: number;
  /** Activities it ran. */
  readonly running: number;
  /** Members' mean payoff (before the fee) less non-members': the benefit firms see; NaN when either group is empty. */
  readonly benefit: number;
  readonly accounts: Readonly<OrganiserAccounts>;
}

interface OrganiserBooks {
  readonly name: string;
  founded: boolean;
  budget: number;
  credibility: number;
  members: number;
  plan: OrganiserPlan | undefined;
  /** Whether its budget paid for everything it planned this generation. */
  paid: boolean;
  /** Logged that it could not pay; logged again only after it has paid in full for `RECOVERY` generations. */
  lapsed: boolean;
  paidStreak: number;
  accounts: OrganiserAccounts;
  /** Members' gross mean payoff less non-members' mean, last generation. */
  benefit: number;
  /** Joins and leaves since the last membership line of the event log, by reason, and the benefit seen when they last happened. */
  joined: number;
  leftForFee: number;
  dropped: number;
  joinedSeeing: number;
  leftSeeing: number;
  record: OrganiserRecord | undefined;
}

/** The organisers of a run: a slot per organiser ever named (membership is a byte per firm), in order of first appearance. */
export interface OrganiserState {
  /** Per firm: the slot of the organiser it is a member of, or −1. */
  readonly memberOf: Int8Array;
  readonly books: OrganiserBooks[];
  play: OrganiserPlay | undefined;
  /** Whom the producers that re-form project teams can introduce this generation (organiser-introductions.ts). */
  introductions: Introductions | undefined;
}

/** The most organisers a run can name over its life (slots are bytes). */
const MAX_SLOTS = 127;

/** Members take part with probability min(1, 2 × credibility): a credible organiser (≥ 0.5) is taken up in full, one without credibility is ignored. */
export function uptake(credibility: number): number {
  return Math.min(1, 2 * credibility);
}

function freshAccounts(): OrganiserAccounts {
  return { fees: 0, grant: 0, fines: 0, margin: 0, activities: 0, monitoring: 0, mediation: 0, costSharing: 0 };
}

function slotOf(organisers: OrganiserState, name: string): number {
  const slot = organisers.books.findIndex((books) => books.name === name);
  if (slot >= 0) return slot;
  if (organisers.books.length >= MAX_SLOTS) throw new Error(`at most ${MAX_SLOTS} organisers can be named in a run`);
  organisers.books.push({
    name,
    founded: false,
    budget: 0,
    credibility: 0,
    members: 0,
    plan: undefined,
    paid: true,
    lapsed: false,
    paidStreak: 0,
    accounts: freshAccounts(),
    benefit: Number.NaN,
    joined: 0,
    leftForFee: 0,
    dropped: 0,
    joinedSeeing: 0,
    leftSeeing: 0,
    record: undefined,
  });
  return organisers.books.length - 1;
}

/** Per slot: the organiser's parameters while it is listed and active, else undefined. */
function activeBySlot(state: ClusterState, organisers: OrganiserState): (OrganiserSpec | undefined)[] {
  const bySlot: (OrganiserSpec | undefined)[] = [];
  for (const spec of state.parameters.organisers ?? []) {
    const slot = slotOf(organisers, spec.name);
    if (spec.active) bySlot[slot] = spec;
  }
  bySlot.length = organisers.books.length;
  return bySlot;
}

/** Generations an organiser must pay in full before another shortfall is logged (one line a lapse, not one a generation). */
const RECOVERY = 10;

const money = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));

/** Founds, closes, collects, plans and pays for this generation; draws who takes part; builds the class rates. */
export function prepareOrganisers(state: ClusterState): void {
  if (state.organisers === undefined) {
    if ((state.parameters.organisers ?? []).length === 0) return;
    state.organisers = { memberOf: new Int8Array(state.space.size).fill(-1), books: [], play: undefined, introductions: undefined };
  }
  const organisers = state.organisers;
  const bySlot = activeBySlot(state, organisers);
  const { memberOf, books } = organisers;
  for (let slot = 0; slot < books.length; slot++) {
    if (bySlot[slot] === undefined && books[slot]!.founded) close(state, organisers, slot);
  }
  for (let slot = 0; slot < books.length; slot++) {
    const spec = bySlot[slot];
    if (spec !== undefined && !books[slot]!.founded) found(state, organisers, slot, spec);
  }
  if (!bySlot.some((spec) => spec !== undefined)) {
    organisers.play = undefined;
    organisers.introductions = undefined;
    return;
  }
  const size = state.space.size;
  const counts = new Float64Array(books.length);
  for (let firm = 0; firm < size; firm++) if (memberOf[firm]! >= 0) counts[memberOf[firm]!]!++;
  const trust = membersTrust(state, memberOf, books.length, bySlot);
  for (let slot = 0; slot < books.length; slot++) {
    const spec = bySlot[slot];
    const book = books[slot]!;
    book.members = counts[slot]!;
    if (spec === undefined) continue;
    const accounts = freshAccounts();
    accounts.fees = spec.fee * book.members;
    accounts.grant = spec.grant;
    book.budget += accounts.fees + accounts.grant;
    const plan = planOf(spec, state.parameters.activities, { membersTrust: trust[slot]! });
    book.plan = fund(book, spec, plan, accounts);
    book.accounts = accounts;
  }
  organisers.play = playRates(state, organisers, bySlot);
  organisers.introductions = state.partners === undefined ? undefined : introductionsOf(organisers.play.participating, bySlot);
}

/** Pays for the plan in order (activities, monitoring, mediation, then cost sharing, paid after play); what the budget cannot pay is dropped. */
function fund(book: OrganiserBooks, spec: OrganiserSpec, plan: OrganiserPlan, accounts: OrganiserAccounts): OrganiserPlan {
  let available = book.budget;
  const affordable = (cost: number): boolean => {
    if (cost > available + 1e-9) return false;
    available -= cost;
    return true;
  };
  const activities = plan.activities.filter(() => affordable(spec.activityCost));
  accounts.activities = activities.length * spec.activityCost;
  const monitoring = plan.monitoring && affordable(spec.monitoringCost * book.members);
  if (monitoring) accounts.monitoring = spec.monitoringCost * book.members;
  const mediation = plan.mediation && affordable(spec.mediationCost * book.members);
  if (mediation) accounts.mediation = spec.mediationCost * book.members;
  // Cost sharing is paid by the rounds played; it goes ahead while anything is left to pay it from.
  const costShare = plan.costShare && available > 1e-9;
  book.paid = activities.length === plan.activities.length && monitoring === plan.monitoring && mediation === plan.mediation && costShare === plan.costShare;
  book.budget = available;
  return { ...plan, activities, monitoring, mediation, costShare };
}

function found(state: ClusterState, organisers: OrganiserState, slot: number, spec: OrganiserSpec): void {
  const book = organisers.books[slot]!;
  book.founded = true;
  book.budget = spec.budget;
  book.credibility = spec.credibility;
  book.lapsed = false;
  book.benefit = Number.NaN;
  let drawn = 0;
  if (spec.members > 0) {
    const random = streamOf(state, `organiser-founding:${spec.name}`);
    const { memberOf } = organisers;
    for (let firm = 0; firm < memberOf.length; firm++) {
      if (memberOf[firm] === -1 && random() < spec.members) {
        memberOf[firm] = slot;
        drawn++;
      }
    }
  }
  const terms = [
    `fee ${money(spec.fee)}`,
    ...(spec.grant > 0 ? [`grant ${money(spec.grant)} a generation`] : []),
    ...(spec.budget > 0 ? [`funds ${money(spec.budget)}`] : []),
  ];
  state.log.push({
    generation: state.generation,
    label: `${spec.name} founded (${spec.policy}; ${terms.join(', ')})${drawn > 0 ? `: ${drawn} firms join at once` : ''}`,
  });
}

function close(state: ClusterState, organisers: OrganiserState, slot: number): void {
  const book = organisers.books[slot]!;
  const { memberOf } = organisers;
  let released = 0;
  for (let firm = 0; firm < memberOf.length; firm++) {
    if (memberOf[firm] === slot) {
      memberOf[firm] = -1;
      released++;
    }
  }
  book.founded = false;
  book.members = 0;
  book.plan = undefined;
  book.record = undefined;
  state.log.push({ generation: state.generation, label: `${book.name} closes: its ${released} members are released` });
}

/** Per slot: the mean trust of its members in fellow members (NaN with no such relationship); computed only for a moderator, which needs it. */
function membersTrust(state: ClusterState, memberOf: Int8Array, slots: number, bySlot: readonly (OrganiserSpec | undefined)[]): Float64Array {
  const means = new Float64Array(slots).fill(Number.NaN);
  if (!bySlot.some((spec) => spec?.policy === 'moderator')) return means;
  const sums = new Float64Array(slots);
  const sides = new Float64Array(slots);
  const { firmA, firmB, count } = state.graph;
  const { trust } = state.relationships;
  for (let edge = 0; edge < count; edge++) {
    const a = firmA[edge]!;
    const b = firmB[edge]!;
    const slot = memberOf[a]!;
    if (slot < 0 || a === b || memberOf[b] !== slot) continue;
    sums[slot]! += trust[edge * 2]! + trust[edge * 2 + 1]!;
    sides[slot]! += 2;
  }
  for (let slot = 0; slot < slots; slot++) if (sides[slot]! > 0) means[slot] = sums[slot]! / sides[slot]!;
  return means;
}

/** Activity indices sorted as the trust ladder sorts them (activities.ts): by threshold, then reward. */
function ladderOrder(parameters: ClusterParameters): number[] {
  return parameters.activities
    .map((_, index) => index)
    .sort(
      (a, b) =>
        parameters.activities[a]!.trustThreshold - parameters.activities[b]!.trustThreshold || parameters.activities[a]!.R - parameters.activities[b]!.R,
    );
}

/** Who takes part this generation, and the rates of each class of pair. */
function playRates(state: ClusterState, organisers: OrganiserState, bySlot: readonly (OrganiserSpec | undefined)[]): OrganiserPlay {
  const { parameters } = state;
  const table = state.activities;
  const count = table.count;
  const { memberOf, books } = organisers;
  const previous = organisers.play;
  const size = state.space.size;
  const participating = previous?.participating ?? new Uint8Array(size);
  const random = streamOf(state, 'organisers');
  const takeUp = books.map((book, slot) => (bySlot[slot] === undefined ? 0 : uptake(book.credibility)));
  for (let firm = 0; firm < size; firm++) {
    const slot = memberOf[firm]!;
    if (slot < 0) participating[firm] = 0;
    else {
      const chance = takeUp[slot]!;
      participating[firm] = chance >= 1 || (chance > 0 && random() < chance) ? slot + 1 : 0;
    }
  }
  // An organiser's activities are played only between its members: off the common ladder, whatever their `enabled`.
  const claimed = new Uint8Array(count);
  for (const spec of bySlot) for (const name of spec?.activities ?? []) claimed[table.names.indexOf(name)] = 1;
  const common = Array.from(table.ladder).filter((index) => claimed[index] === 0);
  const order = ladderOrder(parameters);
  const base = baseRates(parameters);
  const classes: ClassRates[] = [classRates(table, common, base, undefined, undefined)];
  const playable = new Uint8Array(count);
  for (const index of common) playable[index] = 1;
  for (let slot = 0; slot < books.length; slot++) {
    const spec = bySlot[slot];
    const plan = books[slot]!.plan;
    if (spec === undefined || plan === undefined) {
      classes.push(classes[0]!);
      continue;
    }
    const running = new Set(plan.activities);
    for (const index of running) playable[index] = 1;
    const ladder = order.filter((index) => running.has(index) || (claimed[index] === 0 && table.ladder.includes(index)));
    classes.push(classRates(table, ladder, base, spec, plan));
  }
  const rankOrder = Int32Array.from(order.filter((index) => playable[index] === 1));
  const rankOf = new Int32Array(count);
  rankOrder.forEach((index, rank) => {
    rankOf[index] = rank + 1;
  });
  const cells = classes.length * count;
  const reuse = previous !== undefined && previous.cooperations.length === cells;
  return {
    participating,
    classes,
    rankOrder,
    rankOf,
    cooperations: reuse ? previous.cooperations.fill(0) : new Float64Array(cells),
    mutual: reuse ? previous.mutual.fill(0) : new Float64Array(cells),
    fines: reuse && previous.fines.length === classes.length ? previous.fines.fill(0) : new Float64Array(classes.length),
    caught: previous?.caught.fill(0) ?? new Uint8Array(size),
  };
}

interface BaseRates {
  readonly detection: number;
  readonly fine: number;
  readonly loss: number;
}

function baseRates(parameters: ClusterParameters): BaseRates {
  return { detection: parameters.sanctions.detection, fine: parameters.sanctions.fine, loss: parameters.trust.loss };
}

/** A class's rates: the generation's activity table with the organiser's instruments applied to its members' rounds. */
function classRates(
  table: ActivityTable,
  ladder: readonly number[],
  base: BaseRates,
  spec: OrganiserSpec | undefined,
  plan: OrganiserPlan | undefined,
): ClassRates {
  const count = table.count;
  const R = Float64Array.from(table.R);
  const cost = Float64Array.from(table.cost);
  let { detection, fine, loss } = base;
  if (spec !== undefined && plan !== undefined) {
    if (plan.monitoring) {
      detection = 1 - (1 - detection) * (1 - spec.monitoring);
      fine = Math.max(fine, spec.fine);
    }
    if (plan.mediation) loss *= 1 - spec.mediation;
    if (plan.costShare) for (let index = 0; index < count; index++) cost[index] = cost[index]! * (1 - spec.costShare);
    if (plan.margin) for (const index of plan.activities) if (R[index]! > 0) R[index] = R[index]! * (1 - spec.margin);
  }
  const deterred = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const game = { R: R[index]!, S: table.S[index]!, T: table.T[index]!, P: table.P[index]! };
    deterred[index] = isDeterred(game, detection, fine) ? 1 : 0;
  }
  const rates = { R, S: table.S, T: table.T, P: table.P, cost, threshold: table.threshold, lowRisk: table.lowRisk, deterred, ladder: Int32Array.from(ladder) };
  const contextOf = new Int32Array(count);
  for (let index = 0; index < count; index++) contextOf[index] = activityContext(rates, index);
  return { ...rates, detection, fine, loss, contextOf, lowest: ladder.length > 0 ? ladder[0]! : -1 };
}

/**
 * After play: charges members' fees, pays cost sharing, collects fines and margins, moves each
 * organiser's credibility by whether it delivered, drops caught cheats from a producer's next
 * project, and lets firms reconsider their membership (make-or-buy).
 */
export function settleOrganisers(state: ClusterState): void {
  const organisers = state.organisers;
  const play = organisers?.play;
  if (organisers === undefined || play === undefined) return;
  const bySlot = activeBySlot(state, organisers);
  const { memberOf, books } = organisers;
  const table = state.activities;
  const count = table.count;
  const size = state.space.size;
  const payoff = state.payoff;
  const slots = books.length;
  // Members' payoffs before the fee, non-members' payoffs: the benefit firms see.
  const memberSums = new Float64Array(slots);
  let outsiders = 0;
  let outsiderSum = 0;
  const fees = books.map((_, slot) => bySlot[slot]?.fee ?? 0);
  for (let firm = 0; firm < size; firm++) {
    const slot = memberOf[firm]!;
    if (slot < 0) {
      outsiders++;
      outsiderSum += payoff[firm]!;
    } else {
      memberSums[slot]! += payoff[firm];
      payoff[firm]! -= fees[slot];
    }
  }
  const outsiderMean = outsiderSum / outsiders;
  const compensate = state.parameters.sanctions.compensate;
  for (let slot = 0; slot < slots; slot++) {
    const spec = bySlot[slot];
    const book = books[slot]!;
    const plan = book.plan;
    if (spec === undefined || plan === undefined) continue;
    const cls = slot + 1;
    const accounts = book.accounts;
    accounts.fines = compensate ? 0 : play.fines[cls]!;
    for (let index = 0; index < count; index++) {
      if (plan.costShare) accounts.costSharing += play.cooperations[cls * count + index]! * table.cost[index]! * spec.costShare;
    }
    if (plan.margin) for (const index of plan.activities) accounts.margin += play.mutual[cls * count + index]! * 2 * Math.max(0, table.R[index]!) * spec.margin;
    book.budget += accounts.fines + accounts.margin - accounts.costSharing;
    let paid = book.paid;
    if (book.budget < 0) {
      paid = false;
      book.budget = 0;
    }
    book.benefit = book.members > 0 && outsiders > 0 ? memberSums[slot]! / book.members - outsiderMean : Number.NaN;
    book.credibility = paid ? book.credibility + spec.credibilityRate * (1 - book.credibility) : book.credibility * (1 - spec.credibilityRate);
    book.paidStreak = paid ? book.paidStreak + 1 : 0;
    if (!paid && !book.lapsed) {
      book.lapsed = true;
      state.log.push({
        generation: state.generation,
        label: `${spec.name} cannot pay for all it promised (budget ${money(book.budget)}): its credibility falls`,
      });
    } else if (book.paidStreak >= RECOVERY) book.lapsed = false;
  }
  reconsider(state, organisers, bySlot, play);
  for (let slot = 0; slot < slots; slot++) {
    const book = books[slot]!;
    const spec = bySlot[slot];
    if (spec === undefined || book.plan === undefined) continue;
    logMembership(state, book, spec, size);
    book.record = {
      name: book.name,
      members: book.members / size,
      budget: book.budget,
      credibility: book.credibility,
      running: book.plan.activities.length,
      benefit: book.benefit,
      accounts: { ...book.accounts },
    };
  }
}

/**
 * The benefit of membership a member weighs against the fee: what members earn over non-members,
 * or, while there is no one to compare with, the organiser's promise as far as it is believed.
 */
function seenBenefit(book: OrganiserBooks, spec: OrganiserSpec): number {
  return Number.isNaN(book.benefit) ? book.credibility * spec.promise : book.benefit;
}

/** What a non-member expects of membership: the promise as far as it believes the organiser, the evidence for the rest. */
function expectedBenefit(book: OrganiserBooks, spec: OrganiserSpec): number {
  const believed = book.credibility * spec.promise;
  return Number.isNaN(book.benefit) ? believed : believed + (1 - book.credibility) * book.benefit;
}

/**
 * Make-or-buy (Meyer-Stamer §2.2): each firm reconsiders with probability `churn` of its organiser
 * (a non-member: of the organiser it would join). A member leaves when the benefit it sees is below
 * the fee; a non-member joins the organiser whose expected benefit (its promise as far as it is
 * believed, the evidence for the rest) most exceeds its fee. A producer first drops the members
 * caught cheating a fellow member.
 */
function reconsider(state: ClusterState, organisers: OrganiserState, bySlot: readonly (OrganiserSpec | undefined)[], play: OrganiserPlay): void {
  const { memberOf, books } = organisers;
  const random = streamOf(state, 'organiser-membership');
  const seen = books.map((book, slot) => {
    const spec = bySlot[slot];
    return spec === undefined ? 0 : seenBenefit(book, spec);
  });
  const stays = books.map((_, slot) => bySlot[slot] !== undefined && seen[slot]! >= bySlot[slot]!.fee);
  const expected = books.map((book, slot) => {
    const spec = bySlot[slot];
    return spec === undefined ? 0 : expectedBenefit(book, spec);
  });
  let best = -1;
  let bestGain = 0;
  for (let slot = 0; slot < books.length; slot++) {
    const spec = bySlot[slot];
    if (spec === undefined) continue;
    const gain = expected[slot]! - spec.fee;
    if (gain > bestGain) {
      best = slot;
      bestGain = gain;
    }
  }
  const dropCheats = books.map((book) => book.plan?.dropCheats ?? false);
  const churn = bySlot.map((spec) => spec?.churn ?? 0);
  const joinChurn = best >= 0 ? churn[best]! : 0;
  const { caught } = play;
  for (let firm = 0; firm < memberOf.length; firm++) {
    const slot = memberOf[firm]!;
    if (slot >= 0) {
      if (dropCheats[slot] && caught[firm] === 1) {
        memberOf[firm] = -1;
        books[slot]!.dropped++;
        books[slot]!.members--;
      } else if (!stays[slot] && churn[slot]! > 0 && random() < churn[slot]!) {
        memberOf[firm] = -1;
        books[slot]!.leftForFee++;
        books[slot]!.leftSeeing = seen[slot]!;
        books[slot]!.members--;
      }
    } else if (best >= 0 && random() < joinChurn) {
      memberOf[firm] = best;
      books[best]!.joined++;
      books[best]!.joinedSeeing = expected[best]!;
      books[best]!.members++;
    }
  }
}

/** One line for the event log when membership has moved by at least 5% of the firms since the last: how many joined or left, and why. */
function logMembership(state: ClusterState, book: OrganiserBooks, spec: OrganiserSpec, size: number): void {
  const moved = book.joined + book.leftForFee + book.dropped;
  if (moved < Math.max(1, 0.05 * size)) return;
  const parts: string[] = [];
  const fee = `a fee of ${money(spec.fee)}`;
  if (book.joined > 0)
    parts.push(
      `${book.joined} joined (they expect ${money(book.joinedSeeing)} a generation, believing its promise at credibility ${book.credibility.toFixed(2)}: more than ${fee})`,
    );
  if (book.leftForFee > 0) parts.push(`${book.leftForFee} left (members earn ${money(book.leftSeeing)} more than non-members: less than ${fee})`);
  if (book.dropped > 0) parts.push(`${book.dropped} dropped from the project for cheating a fellow member`);
  state.log.push({ generation: state.generation, label: `${spec.name}: ${parts.join('; ')}; ${book.members} members` });
  book.joined = 0;
  book.leftForFee = 0;
  book.dropped = 0;
}

/** The organisers' records of the generation just settled, in slot order (those working). */
export function organiserRecords(state: ClusterState): OrganiserRecord[] | undefined {
  const organisers = state.organisers;
  if (organisers === undefined || organisers.play === undefined) return undefined;
  return organisers.books.flatMap((book) => (book.record === undefined ? [] : [book.record]));
}
