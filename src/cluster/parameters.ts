import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { checkDocumentShape, isForbiddenKey } from '../core/document-shape.js';
import { printable } from '../core/printable.js';
import { aliasTarget } from '../../strategies/aliases.js';
import { DEFAULT_MARKET, MARKET_STRUCTURAL_PATHS, marketSchema } from './market-parameters.js';
import { organiserProblem, organisersSchema } from './organiser-parameters.js';
import { amount as nonNegative, probability, signed as finite, whole as count } from './parameter-bounds.js';

/**
 * Every parameter of the cluster model. With the defaults the lattice is exactly the spatial
 * game of Nowak & May (1992); every obstacle and remedy of Meyer-Stamer (2001) is switched off.
 * docs/model.md explains each one and where it comes from.
 */

export { PAYOFF_LIMIT } from './parameter-bounds.js';
/** The most firms a lattice may hold: 4096 × 4096, a few GB of relationships at the most. */
export const MAX_FIRMS = 4096 * 4096;
const flag = z.boolean({ error: 'expected true or false' });

export const activitySchema = z.strictObject({
  name: z.string({ error: 'expected a name' }).regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a kebab-case name such as joint-training' }),
  description: z.string({ error: 'expected a sentence' }).optional(),
  lowRisk: flag,
  R: finite,
  S: finite,
  /** Omitted: the model's `temptation`. */
  T: finite.optional(),
  P: finite,
  cost: nonNegative,
  trustThreshold: probability,
  enabled: flag,
});

/**
 * The reputation layer (reputation.ts): public standing built from observed acts, spread by word of
 * mouth and fading. Optional: absent means off, so runs and their JSON stay as they were without it.
 */
export const reputationSchema = z.strictObject({
  enabled: flag.default(false),
  /** How an observed act is judged: image scoring (Nowak & Sigmund 1998) or a standing norm (Ohtsuki & Iwasa 2004). */
  assessment: z
    .enum(['image-scoring', 'simple-standing', 'stern-judging'], { error: "expected 'image-scoring', 'simple-standing' or 'stern-judging'" })
    .default('image-scoring'),
  /** Probability that an act is seen by someone beyond the pair and talked about. */
  observation: probability.default(1),
  /** Standing of every firm at the start, of a spin-off, and where standing fades to. */
  initial: probability.default(1),
  /** Standing from which a firm is in good standing. */
  good: probability.default(0.5),
  /** Circles of word of mouth that the news reaches, one per step. */
  steps: count(1, 8).default(1),
  /** Share of the news's weight lost at each step after the first. */
  loss: probability.default(0),
  /** Generations each step of word of mouth takes. */
  delay: count(0, 8).default(0),
  /** Per generation, the share by which standing relaxes back to `initial` (news is forgotten). */
  fade: probability.default(0),
});

/** Pre-play communication (communication.ts): announcements of the intended move, remembered when broken. Optional: absent means off. */
export const communicationSchema = z.strictObject({
  enabled: flag.default(false),
  /** Share of a firm's trust in a partner lost each time the partner breaks an announcement of C. */
  trustPenalty: probability.default(0),
});

/** The zod schema of the cluster model's parameters (docs/model.md explains each). */
/** The mix with short names (tft, alld, …) written as the full ids they stand for; a strategy named twice is refused. */
function fullStrategyIds(mix: Record<string, number>, context: z.RefinementCtx): Record<string, number> {
  const full: Record<string, number> = {};
  for (const [id, weight] of Object.entries(mix)) {
    const target = aliasTarget(id) ?? id;
    if (Object.hasOwn(full, target)) {
      context.addIssue({ code: 'custom', path: [id], message: `names '${target}' a second time: expected each strategy once` });
      return z.NEVER;
    }
    full[target] = weight;
  }
  return full;
}

/**
 * The zod schema of a complete parameter set: every field and its range (DEFAULT_PARAMETERS
 * holds the values a scenario starts from). Strict: an unknown key is refused.
 * `validateParameters` reads through it with messages that name the field and the value.
 */
export const parametersSchema = z.strictObject({
  width: count(1, 10_000),
  height: count(1, 10_000),
  neighbourhood: z.enum(['moore', 'von-neumann'], { error: "expected 'moore' or 'von-neumann'" }),
  selfInteraction: flag,
  boundary: z.enum(['torus', 'fixed'], { error: "expected 'torus' or 'fixed'" }),
  temptation: finite,
  init: z.enum(['random', 'single-defector'], { error: "expected 'random' or 'single-defector'" }),
  strategies: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected strategy ids' }),
      z.number({ error: 'expected a weight >= 0' }).min(0, { error: 'expected a weight >= 0' }),
      { error: 'expected an object of strategy ids and weights, such as { "tit-for-tat": 0.3 }' },
    )
    .transform(fullStrategyIds),
  cooperators: probability.nullable(),
  roundsPerGeneration: count(1, 1000),
  noise: probability,
  activities: z.array(activitySchema, { error: 'expected a list of activities' }).min(1, { error: 'expected at least one activity' }),
  trust: z.strictObject({
    initial: probability,
    gain: probability,
    loss: probability,
    decay: probability,
    baseline: probability,
  }),
  sanctions: z.strictObject({ detection: probability, fine: nonNegative, compensate: flag }),
  subsidy: probability,
  crisis: z.strictObject({
    active: flag,
    temptationFactor: z
      .number({ error: 'expected a number from 1 to 100' })
      .min(1, { error: 'expected a number from 1 to 100' })
      .max(100, { error: 'expected a number from 1 to 100' }),
    windows: z.array(z.strictObject({ from: count(0), to: count(0) }), { error: 'expected a list of { from, to } generations' }),
    /** Added to R of low-risk activities during a crisis: what acting together saves (crisis.ts). */
    jointSavings: nonNegative.default(0),
    /** Taken from P of low-risk activities during a crisis: what going it alone costs (crisis.ts). */
    aloneCost: nonNegative.default(0),
  }),
  /** The upkeep of the low-risk joint facilities, paid from a grant (maintenance.ts). */
  maintenance: z
    .strictObject({ cost: nonNegative.default(0), grant: nonNegative.default(0), decline: probability.default(0) })
    .default({ cost: 0, grant: 0, decline: 0 }),
  externalBuyers: z.strictObject({ share: probability, bonus: nonNegative }),
  rivalry: z.strictObject({ history: count(0, 1_000_000), grievances: flag }),
  update: z.strictObject({
    rule: z.enum(['imitate-best', 'fermi', 'moran'], { error: "expected 'imitate-best', 'fermi' or 'moran'" }),
    K: z.number({ error: 'expected a number > 0' }).positive({ error: 'expected a number > 0' }),
    share: probability,
    every: count(1, 1_000_000),
  }),
  mutation: probability,
  exit: z.strictObject({ threshold: finite.nullable(), spinoffTrust: probability }),
  /** Business associations, moderators and producers as agents (organisers.ts); absent: none. */
  organisers: organisersSchema,
  /** Firms cut, seek and form their ties (partner-choice.ts); absent: the lattice's ties are fixed. */
  partnerChoice: z
    .strictObject({
      enabled: flag,
      rate: probability,
      patience: count(0, 1000),
      delay: count(0, 1_000_000),
      searchCost: nonNegative,
      maxTies: count(1, 64),
      distance: count(1, 100),
      viaPartners: probability,
      minStanding: probability,
      turnover: probability,
    })
    .optional(),
  reputation: reputationSchema.optional(),
  communication: communicationSchema.optional(),
  /** The market layer (market.ts): quality tiers, empty sites, entry and exit, innovation; absent: off. */
  market: marketSchema.optional(),
});

/** A joint activity on the trust ladder: its stakes, the trust it needs, its cost and whether it runs. */
export type ActivitySpec = z.infer<typeof activitySchema>;
/** The cluster model's parameters, as validated by parametersSchema. */
export type ClusterParameters = z.infer<typeof parametersSchema>;
/** Pre-play communication's parameters (communication.ts). */
export type CommunicationParameters = z.infer<typeof communicationSchema>;
/** The reputation layer's parameters (reputation.ts). */
export type ReputationParameters = z.infer<typeof reputationSchema>;

/** Every parameter of the cluster model at its default: all cluster features off, which is Nowak & May's spatial game (docs/model.md). */
export const DEFAULT_PARAMETERS: ClusterParameters = {
  width: 99,
  height: 99,
  neighbourhood: 'moore',
  selfInteraction: true,
  boundary: 'torus',
  temptation: 1.85,
  init: 'random',
  strategies: { cooperator: 1, defector: 1 },
  cooperators: 0.9,
  roundsPerGeneration: 1,
  noise: 0,
  activities: [{ name: 'cooperation', lowRisk: false, R: 1, S: 0, P: 0, cost: 0, trustThreshold: 0, enabled: true }],
  trust: { initial: 1, gain: 0, loss: 0, decay: 0, baseline: 1 },
  sanctions: { detection: 0, fine: 0, compensate: false },
  subsidy: 0,
  crisis: { active: false, temptationFactor: 1.5, windows: [], jointSavings: 0, aloneCost: 0 },
  maintenance: { cost: 0, grant: 0, decline: 0 },
  externalBuyers: { share: 0, bonus: 0 },
  rivalry: { history: 0, grievances: false },
  update: { rule: 'imitate-best', K: 0.1, share: 1, every: 1 },
  mutation: 0,
  exit: { threshold: null, spinoffTrust: 0.1 },
};

/**
 * Partner choice at its defaults (docs/model.md, "Partner choice"): switched off; once on, a firm
 * cheated in a generation cuts the tie and looks for a new partner within two steps on the lattice
 * or among its partners' partners, keeping at most eight ties. A run without the field has no
 * `partnerChoice` in its parameters, so its outputs stay as they were.
 */
export const PARTNER_CHOICE_DEFAULTS: NonNullable<ClusterParameters['partnerChoice']> = {
  enabled: false,
  rate: 1,
  patience: 0,
  delay: 0,
  searchCost: 0,
  maxTies: 8,
  distance: 2,
  viaPartners: 0.5,
  minStanding: 0,
  turnover: 0,
};

/** Whether firms choose their partners in this run. */
export function partnerChoiceOn(parameters: ClusterParameters): boolean {
  return parameters.partnerChoice?.enabled === true;
}
/** The reputation layer at its defaults (off): what `--set reputation.<field>` starts from when a scenario has none. */
export const DEFAULT_REPUTATION: ReputationParameters = reputationSchema.parse({});

/** Optional parameter groups, absent from a scenario that does not use them, and their defaults. */
const OPTIONAL_GROUPS: Readonly<Record<string, unknown>> = {
  reputation: DEFAULT_REPUTATION,
  communication: communicationSchema.parse({}),
  market: DEFAULT_MARKET,
};

/** Parameters that shape the lattice or the starting population: fixed once a run starts. */
export const STRUCTURAL_PATHS = new Set([
  'width',
  'height',
  'neighbourhood',
  'selfInteraction',
  'boundary',
  'init',
  'strategies',
  'cooperators',
  'rivalry.history',
  'rivalry.grievances',
  'trust.initial',
  'externalBuyers.share',
  'partnerChoice',
  'partnerChoice.enabled',
  'partnerChoice.maxTies',
  ...MARKET_STRUCTURAL_PATHS,
]);

/** Whether a path shapes the lattice or the starting population, and so cannot change during a run. */
export function isStructural(path: string): boolean {
  return (
    STRUCTURAL_PATHS.has(path) ||
    path === 'strategies' ||
    path.startsWith('strategies.') ||
    path.startsWith('market.size.') ||
    path.startsWith('market.education.')
  );
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value at a dotted path; activities are addressed by name: `activities.training.enabled`. */
export function getPath(parameters: ClusterParameters, path: string): unknown {
  const complete = withOptionalGroup(withSectionDefaults(parameters, path), path);
  let node: unknown = complete;
  for (const key of resolvePath(complete, path)) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** An optional section a path names (partnerChoice.rate) at its defaults when the parameters leave it out. */
function withSectionDefaults(parameters: ClusterParameters, path: string): ClusterParameters {
  if (parameters.partnerChoice === undefined && (path === 'partnerChoice' || path.startsWith('partnerChoice.'))) {
    return { ...parameters, partnerChoice: { ...PARTNER_CHOICE_DEFAULTS } };
  }
  return parameters;
}

/** `parameters` with the optional group that `path` addresses put in at its defaults when absent. */
function withOptionalGroup(parameters: ClusterParameters, path: string): ClusterParameters {
  const group = path.split('.')[0]!;
  if (!Object.hasOwn(OPTIONAL_GROUPS, group) || (parameters as Record<string, unknown>)[group] !== undefined) return parameters;
  return { ...parameters, [group]: structuredClone(OPTIONAL_GROUPS[group]) };
}

/** Turns a dotted path into keys, finding activities by name. Unknown paths are an InputError. */
function resolvePath(parameters: ClusterParameters, path: string): (string | number)[] {
  const parts = path.split('.');
  const keys: (string | number)[] = [];
  let node: unknown = parameters;
  const unknownPath = () =>
    new InputError(
      `unknown parameter '${printable(path, 80)}': expected a path such as trust.gain, sanctions.fine or activities.<name>.enabled (see docs/model.md)`,
    );
  if (parts.some(isForbiddenKey)) {
    throw new InputError(`invalid parameter path '${printable(path, 80)}': expected no __proto__, constructor or prototype in a path`);
  }
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const named = keys.length === 1 && (keys[0] === 'activities' || keys[0] === 'organisers');
    if (Array.isArray(node) && named) {
      const position = (node as { name: string }[]).findIndex((item) => item.name === part);
      if (position < 0) {
        const names = (node as { name: string }[]).map((item) => item.name);
        const kind = keys[0] === 'activities' ? 'activity' : 'organiser';
        throw new InputError(`unknown ${kind} '${printable(part, 80)}' in '${printable(path, 80)}': expected one of ${names.join(', ') || 'none'}`);
      }
      keys.push(position);
      node = (node as ActivitySpec[])[position];
      continue;
    }
    if (Array.isArray(node)) {
      // A list (crisis.windows) is addressed by position only: not by 'length' or any other property.
      if (!/^\d+$/.test(part) || Number(part) >= node.length) throw unknownPath();
      keys.push(Number(part));
      node = node[Number(part)];
      continue;
    }
    const record = node as Record<string, unknown> | null;
    const isActivity = keys.length === 2 && keys[0] === 'activities';
    const isOrganiser = keys.length === 2 && keys[0] === 'organisers';
    // `organisers` is optional: a run without organisers may be given some.
    const optional =
      (isActivity && ['T', 'description'].includes(part)) || (isOrganiser && part === 'description') || (keys.length === 0 && part === 'organisers');
    const known = record !== null && typeof record === 'object' && (Object.hasOwn(record, part) || optional);
    if (!known) throw unknownPath();
    keys.push(part);
    node = record![part];
    if (part === 'strategies' && index < parts.length - 1) {
      // strategies.<id> sets one weight of the mix, which may be a new id
      keys.push(parts.slice(index + 1).join('.'));
      return keys;
    }
  }
  return keys;
}

/** Parses a --set value: numbers, true/false, null, JSON, or a bare word. */
export function parseValue(text: string): Json {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (/^[[{"]/.test(trimmed)) {
    let value: Json;
    try {
      value = JSON.parse(trimmed) as Json;
    } catch {
      throw new InputError(`invalid value '${printable(text, 80)}': expected a number, true, false, a word or JSON`);
    }
    checkDocumentShape(value, `value '${printable(text, 80)}'`);
    return value;
  }
  return trimmed;
}

/** A copy of `parameters` with `path` set to `value`, validated; an InputError names what is wrong. */
export function withParameter(parameters: ClusterParameters, path: string, value: unknown): ClusterParameters {
  return withParameters(parameters, [[path, value]]);
}

/**
 * Sets several parameters and checks the result once, so that fields checked together (width
 * and height against the torus's minimum) can change together: `--size 2x2` is judged as 2×2,
 * not as 2 × the preset's height.
 */
export function withParameters(parameters: ClusterParameters, changes: readonly (readonly [string, unknown])[]): ClusterParameters {
  let copy = structuredClone(parameters);
  for (const [path, value] of changes) {
    copy = withSectionDefaults(copy, path);
    copy = withOptionalGroup(copy, path);
    const keys = resolvePath(copy, path);
    let node = copy as unknown as Record<string | number, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return validateParameters(copy, '');
}

/** Validates a complete parameter set; the error names the field, the bad value and what is expected. */
export function validateParameters(candidate: unknown, prefix = 'parameters.'): ClusterParameters {
  const checked = parameterProblems(candidate, prefix);
  if (Array.isArray(checked)) throw new InputError(joinProblems(checked));
  return checked as ClusterParameters;
}

/** The validated parameters, or every problem found (each one line naming its field). */
export function parameterProblems(candidate: unknown, prefix = 'parameters.'): ClusterParameters | string[] {
  const result = parametersSchema.safeParse(candidate);
  if (!result.success) return result.error.issues.map((issue) => describeIssue(issue, candidate, prefix));
  try {
    checkConsistency(result.data, prefix);
  } catch (error) {
    if (error instanceof InputError) return [error.message];
    throw error;
  }
  return result.data;
}

/** Problems on one line: the first few, each cut to a readable length, then how many more. */
export function joinProblems(problems: readonly string[], shown = 6): string {
  if (problems.length === 1) return problems[0]!;
  const cut = (problem: string) => (problem.length > 140 ? `${problem.slice(0, 139)}…` : problem);
  const more = problems.length > shown ? `; and ${problems.length - shown} more` : '';
  return `${problems.length} problems: ${problems.slice(0, shown).map(cut).join('; ')}${more}`;
}

function checkConsistency(parameters: ClusterParameters, prefix: string): void {
  const names = new Set<string>();
  for (const activity of parameters.activities) {
    if (names.has(activity.name)) throw new InputError(`${prefix}activities: activity '${activity.name}' is listed twice: expected unique names`);
    names.add(activity.name);
  }
  if (parameters.width * parameters.height > MAX_FIRMS) {
    throw new InputError(`${prefix}width × height ${parameters.width}×${parameters.height}: expected at most ${MAX_FIRMS} firms (4096 × 4096)`);
  }
  if (parameters.boundary === 'torus' && (parameters.width < 3 || parameters.height < 3)) {
    throw new InputError(`${prefix}width × height ${parameters.width}×${parameters.height}: a torus needs at least 3×3 firms`);
  }
  const weights = Object.values(parameters.strategies);
  if (weights.length === 0 || weights.every((weight) => weight === 0)) {
    throw new InputError(`${prefix}strategies: expected at least one strategy with a weight > 0`);
  }
  if (Object.keys(parameters.strategies).length > 250) throw new InputError(`${prefix}strategies: expected at most 250 strategies`);
  for (const window of parameters.crisis.windows) {
    if (window.to < window.from) throw new InputError(`${prefix}crisis.windows: window from ${window.from} to ${window.to}: expected to >= from`);
  }
  const organisers = organiserProblem(parameters.organisers, [...names]);
  if (organisers !== undefined) throw new InputError(`${prefix}${organisers}`);
}

/** One line for a schema issue: the field, the bad value and what was expected; `docs` lists the fields. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, prefix: string, docs = 'docs/model.md'): string {
  let value: unknown = input;
  const names: string[] = [];
  for (const key of issue.path) {
    const parent = value;
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    // An activity is addressed by its name, as in --set activities.training.enabled.
    const activityName = (value as { name?: unknown } | undefined)?.name;
    const inActivities = names.length > 0 && ['activities', 'organisers'].includes(names[names.length - 1]!) && Array.isArray(parent);
    names.push(inActivities && typeof activityName === 'string' && /^[a-z][a-z0-9-]*$/.test(activityName) ? activityName : String(key));
  }
  // Keys and values come from a file or the command line: escaped and cut before they reach a terminal.
  const path = printable(names.join('.'));
  if (issue.code === 'unrecognized_keys') {
    const where = path === '' ? prefix.replace(/\.$/, '') || 'the file' : `${prefix}${path}`;
    return `${where}: unknown field '${printable(issue.keys[0] ?? '')}': expected only documented fields (see ${docs})`;
  }
  if (value === undefined) return `${prefix}${path}: missing: ${issue.message}`;
  return `${prefix}${path}: got ${printable(JSON.stringify(value) ?? String(value))}, ${issue.message}`;
}
