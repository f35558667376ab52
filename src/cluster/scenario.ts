import { z } from 'zod';
import { checkDocumentShape } from '../core/document-shape.js';
import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import type { ClusterEvent } from './model.js';
import { MAX_GENERATIONS } from './run-limits.js';
import {
  DEFAULT_PARAMETERS,
  PARTNER_CHOICE_DEFAULTS,
  describeIssue,
  joinProblems,
  isStructural,
  parameterProblems,
  parseValue,
  withParameter,
  withParameters,
  type ClusterParameters,
} from './parameters.js';

/**
 * A scenario: a cluster, the obstacles and remedies in force, a seed, and a timeline of
 * interventions. Files give only what differs from the defaults (docs/scenarios.md). This is
 * also the scenario's part of every document that records one (a cluster run, a sweep
 * manifest): src/formats reads those through it.
 */
export { MAX_GENERATIONS };
/** The most events a scenario's timeline may hold: a timeline is read by people, not generated. */
export const MAX_EVENTS = 10_000;
/** The calendar years a scenario's time scale may start in. */
export const FIRST_YEAR = 1;
export const LAST_YEAR = 9999;

const yearMessage = `expected a whole number from ${FIRST_YEAR} to ${LAST_YEAR}`;
const perYearMessage = `expected a whole number of generations from 1 to ${MAX_GENERATIONS}`;

/** What a scenario file may leave out: the seed and length a run takes when the file does not say. */
export const SCENARIO_DEFAULTS = { seed: 1, generations: 200 } as const;

export const scenarioFileSchema = z.strictObject({
  name: z
    .string({ error: 'expected a kebab-case name' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case name' })
    .optional(),
  title: z.string({ error: 'expected a short title' }).optional(),
  description: z.string({ error: 'expected a paragraph on what the scenario demonstrates' }).optional(),
  source: z.string({ error: 'expected the passage of the literature it comes from' }).optional(),
  seed: z
    .number({ error: 'expected a whole number >= 0' })
    .int({ error: 'expected a whole number >= 0' })
    .min(0, { error: 'expected a whole number >= 0' })
    .default(SCENARIO_DEFAULTS.seed),
  generations: z
    .number({ error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
    .int({ error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
    .min(0, { error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
    .max(MAX_GENERATIONS, { error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
    .default(SCENARIO_DEFAULTS.generations),
  /** The calendar year generation 0 is played in (with generationsPerYear: docs/scenarios.md, "Time in years"). */
  startYear: z
    .number({ error: yearMessage })
    .int({ error: yearMessage })
    .min(FIRST_YEAR, { error: yearMessage })
    .max(LAST_YEAR, { error: yearMessage })
    .optional(),
  /** How many generations make a year. */
  generationsPerYear: z
    .number({ error: perYearMessage })
    .int({ error: perYearMessage })
    .min(1, { error: perYearMessage })
    .max(MAX_GENERATIONS, { error: perYearMessage })
    .optional(),
  parameters: z.record(z.string(), z.unknown(), { error: 'expected an object of parameters' }).default({}),
  events: z
    .array(
      z.strictObject({
        generation: z
          .number({ error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
          .int({ error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
          .min(0, { error: `expected a whole number from 0 to ${MAX_GENERATIONS}` })
          .max(MAX_GENERATIONS, { error: `expected a whole number from 0 to ${MAX_GENERATIONS}` }),
        set: z.record(z.string(), z.unknown(), { error: 'expected an object of parameter paths and values' }).optional(),
        entry: z
          .strictObject({
            strategy: z.string({ error: 'expected a strategy id of parameters.strategies' }),
            share: z
              .number({ error: 'expected a share of the sites, above 0 and at most 1' })
              .gt(0, { error: 'expected a share of the sites, above 0 and at most 1' })
              .max(1, { error: 'expected a share of the sites, above 0 and at most 1' }),
          })
          .optional(),
        label: z.string({ error: 'expected a sentence for the event log' }).optional(),
      }),
      { error: 'expected a list of events' },
    )
    .max(MAX_EVENTS, { error: `expected at most ${MAX_EVENTS} events` })
    .default([]),
});

/** A scenario as cooplab writes it into a run's document (scenarioDocument): name, title and description always there. */
export const writtenScenarioSchema = scenarioFileSchema.extend({
  name: z.string({ error: 'expected a kebab-case name' }),
  title: z.string({ error: 'expected a short title' }),
  description: z.string({ error: 'expected a paragraph on what the scenario demonstrates' }),
});

/** A scenario as a file holds it: parameters as given (only what differs from the defaults, or all of them). */
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/** A scenario as a run's document holds it. */
export type WrittenScenario = z.infer<typeof writtenScenarioSchema>;

/** A scenario's calendar: generation g is played in year startYear + ⌊g / generationsPerYear⌋. */
export interface YearScale {
  readonly startYear: number;
  readonly generationsPerYear: number;
}

/** The calendar year a generation is played in. */
export function yearOf(scale: YearScale, generation: number): number {
  return scale.startYear + Math.floor(generation / scale.generationsPerYear);
}

/** A validated scenario: its parameters, timeline of events, default seed and length. */
export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly source?: string | undefined;
  readonly seed: number;
  readonly generations: number;
  /** The scenario's time in years, when it tells a case with dates (absent: time is in generations only). */
  readonly years?: YearScale | undefined;
  /** The complete, validated parameters. */
  readonly parameters: ClusterParameters;
  readonly events: readonly ClusterEvent[];
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Defaults overlaid with a file's parameters: objects merge key by key; lists and values replace. */
function overlay(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = key === 'strategies' ? value : overlay(base[key], value);
  return merged;
}

/** A file's name as a scenario name: 'My Cluster.json' → 'my-cluster'. */
export function scenarioNameOf(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'scenario'
  );
}

/**
 * Parses and validates a scenario document (already read from JSON). Every problem of the file
 * is reported at once, on one line, each naming its field; a file without a name takes
 * `fallbackName` (its file name), without a title its name.
 */
export function parseScenario(document: unknown, origin: string, fallbackName = 'scenario'): Scenario {
  checkDocumentShape(document, origin);
  const problems: string[] = [];
  const result = scenarioFileSchema.safeParse(document);
  if (!result.success) problems.push(...result.error.issues.map((issue) => describeIssue(issue, document, '')));
  // The parameters are checked even when other fields are wrong, so that one run lists everything.
  const given =
    isPlainObject(document) && isPlainObject(document.parameters)
      ? document.parameters
      : isPlainObject(document) && !('parameters' in document)
        ? {}
        : undefined;
  let parameters: ClusterParameters | undefined;
  if (given !== undefined) {
    // An optional section (partnerChoice) given in part takes the rest from its defaults too.
    const defaults = 'partnerChoice' in given ? { ...DEFAULT_PARAMETERS, partnerChoice: PARTNER_CHOICE_DEFAULTS } : DEFAULT_PARAMETERS;
    const checked = parameterProblems(overlay(defaults, given), 'parameters.');
    if (typeof checked === 'object' && !Array.isArray(checked)) parameters = checked;
    else problems.push(...checked);
  }
  if (result.success) {
    const file = result.data;
    if ((file.startYear === undefined) !== (file.generationsPerYear === undefined)) {
      const missing = file.startYear === undefined ? 'startYear' : 'generationsPerYear';
      const beside = file.startYear === undefined ? 'generationsPerYear' : 'startYear';
      problems.push(`${missing}: missing; expected it beside ${beside} (a time in years needs both)`);
    }
    if (parameters !== undefined) problems.push(...eventProblems(file.events, parameters));
  }
  if (problems.length > 0 || !result.success || parameters === undefined) throw new InputError(`${origin}: ${joinProblems(problems)}`);
  const file = result.data;
  const name = file.name ?? fallbackName;
  return {
    name,
    title: file.title ?? name,
    description: file.description ?? '',
    source: file.source,
    seed: file.seed,
    generations: file.generations,
    years:
      file.startYear === undefined || file.generationsPerYear === undefined
        ? undefined
        : { startYear: file.startYear, generationsPerYear: file.generationsPerYear },
    parameters,
    events: file.events.map((event) => ({ generation: event.generation, set: event.set ?? {}, entry: event.entry, label: event.label })),
  };
}

/** What is wrong with a timeline's events, given the scenario's parameters. */
function eventProblems(events: ScenarioFile['events'], parameters: ClusterParameters): string[] {
  const problems: string[] = [];
  events.forEach((event, index) => {
    // An event sets parameters, lets firms enter, or both.
    if (event.set === undefined && event.entry === undefined) problems.push(`events.${index}.set: missing: expected an object of parameter paths and values`);
    if (event.entry !== undefined && !Object.hasOwn(parameters.strategies, event.entry.strategy)) {
      problems.push(
        `events.${index}.entry.strategy: got '${printable(event.entry.strategy, 80)}', expected a strategy of parameters.strategies (a weight of 0 keeps it out of the starting population)`,
      );
    }
    for (const [path, value] of Object.entries(event.set ?? {})) {
      if (isStructural(path)) {
        problems.push(`events.${index}.set.${printable(path, 80)}: shapes the lattice or the starting population, so it cannot change during a run`);
        continue;
      }
      try {
        withParameter(parameters, path, value);
      } catch (error) {
        if (error instanceof InputError) problems.push(`events.${index}.set.${printable(path, 80)}: ${error.message}`);
        else throw error;
      }
    }
  });
  return problems;
}

/**
 * Applies `path=value` overrides (the CLI's --set) to a scenario's parameters. An overridden
 * parameter stays as set for the whole run: the timeline's events leave it alone, so
 * `--set activities.training.enabled=false` keeps the training programme off even in a
 * scenario whose timeline starts it.
 */
export function withOverrides(scenario: Scenario, assignments: readonly string[]): Scenario {
  const pinned = new Set<string>();
  const changes: [string, unknown][] = [];
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new InputError(`invalid --set '${printable(assignment, 80)}': expected path=value, such as trust.gain=0.2`);
    const path = assignment.slice(0, equals).trim();
    changes.push([path, parseValue(assignment.slice(equals + 1))]);
    pinned.add(path);
  }
  const parameters = changes.length === 0 ? scenario.parameters : withParameters(scenario.parameters, changes);
  const events = scenario.events
    .map((event) => ({ ...event, set: Object.fromEntries(Object.entries(event.set).filter(([path]) => !pinned.has(path))) }))
    .filter((event) => Object.keys(event.set).length > 0 || event.entry !== undefined);
  return { ...scenario, parameters, events };
}

/** The scenario as a file: only what differs from the defaults, ready to copy and edit. */
export function scenarioDocument(scenario: Scenario): WrittenScenario {
  return {
    name: scenario.name,
    title: scenario.title,
    description: scenario.description,
    ...(scenario.source === undefined ? {} : { source: scenario.source }),
    seed: scenario.seed,
    generations: scenario.generations,
    ...(scenario.years === undefined ? {} : { startYear: scenario.years.startYear, generationsPerYear: scenario.years.generationsPerYear }),
    parameters: (difference(DEFAULT_PARAMETERS, scenario.parameters) ?? {}) as Plain,
    events: scenario.events.map((event) => ({
      generation: event.generation,
      set: event.set,
      ...(event.entry === undefined ? {} : { entry: event.entry }),
      ...(event.label === undefined ? {} : { label: event.label }),
    })),
  };
}

function difference(base: unknown, value: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(value)) {
    const out: Plain = {};
    for (const [key, entry] of Object.entries(value)) {
      const changed = key === 'strategies' ? (JSON.stringify(base[key]) === JSON.stringify(entry) ? undefined : entry) : difference(base[key], entry);
      if (changed !== undefined) out[key] = changed;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return JSON.stringify(base) === JSON.stringify(value) ? undefined : value;
}
