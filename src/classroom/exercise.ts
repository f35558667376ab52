import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { describeIssue } from '../cluster/parameters.js';

/**
 * A guided exercise: a briefing, one task that runs the project's own code (play, predict,
 * tipping or strategy), and questions to discuss. Exercises are data, so a teacher can write
 * their own; this module only reads and checks them (docs/teaching.md lists every field).
 */

const DOCS = 'docs/teaching.md';

const text = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, { error: `expected ${what}` });
const kebab = (example: string) =>
  z.string({ error: `expected a kebab-case id such as ${example}` }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: `expected a kebab-case id such as ${example}` });
const wholeNumber = (minimum: number, maximum: number) => {
  const expected = { error: `expected a whole number from ${minimum} to ${maximum}` };
  return z.number(expected).int(expected).min(minimum, expected).max(maximum, expected);
};
const share = z
  .number({ error: 'expected a number from 0 to 1' })
  .min(0, { error: 'expected a number from 0 to 1' })
  .max(1, { error: 'expected a number from 0 to 1' });
const finite = z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' });
const seed = wholeNumber(0, Number.MAX_SAFE_INTEGER);
const generation = wholeNumber(0, 1_000_000);
const strategyIds = (minimum: number) =>
  z
    .array(kebab('tit-for-tat'), { error: 'expected a list of strategy ids' })
    .min(minimum, { error: `expected at least ${minimum} strategy id${minimum === 1 ? '' : 's'}` });
const payoffs = z.strictObject({ R: finite, S: finite, T: finite, P: finite }, { error: 'expected payoffs { "R": 3, "S": 0, "T": 5, "P": 1 }' });
/** As a scenario event's `set`: parameter paths and values, pinned for the whole run. */
const overrides = z
  .record(z.string(), z.unknown(), { error: 'expected an object of parameter paths and values, such as { "sanctions.detection": 0.6 }' })
  .default({});

/** The series a cluster task reads, named as the columns of `cooplab cluster` CSV; all are shares from 0 to 1. */
export const METRIC_PATTERN = /^(cooperation|mutual_cooperation|mean_trust|share:[a-z0-9][a-z0-9-]*|activity:[a-z][a-z0-9-]*)$/;
const metric = z
  .string({ error: 'expected cooperation, mutual_cooperation, mean_trust, share:<strategy-id> or activity:<name>' })
  .regex(METRIC_PATTERN, { error: 'expected cooperation, mutual_cooperation, mean_trust, share:<strategy-id> or activity:<name>' });
const scenario = text('a preset scenario name (see cooplab scenarios) or a scenario file');
const prompt = text('one or two sentences saying what to do');

const playTask = z.strictObject({
  kind: z.literal('play'),
  prompt,
  /** The pool the hidden opponent is drawn from (by the seed). */
  opponents: strategyIds(1),
  rounds: wholeNumber(1, 1000).optional(),
  probEnd: z
    .number({ error: 'expected a number greater than 0 and at most 1' })
    .gt(0, { error: 'expected a number greater than 0 and at most 1' })
    .max(1, { error: 'expected a number greater than 0 and at most 1' })
    .optional(),
  /** An activity of play mode's scenario (training-first): its payoffs and cluster context. */
  activity: kebab('technology-exchange').optional(),
  payoffs: payoffs.optional(),
  /** Omitted: a fresh seed, so each student meets their own hidden opponent. */
  seed: seed.optional(),
});

const choice = z.strictObject({
  label: text('a short label such as "below 5%: they are wiped out"'),
  from: share,
  to: share,
});

const predictTask = z.strictObject({
  kind: z.literal('predict'),
  prompt,
  scenario,
  set: overrides,
  seed: seed.optional(),
  generations: generation.optional(),
  metric,
  /** Omitted: the last generation run. */
  at: generation.optional(),
  choices: z
    .array(choice, { error: 'expected a list of choices' })
    .min(2, { error: 'expected at least 2 choices' })
    .max(8, { error: 'expected at most 8 choices' }),
});

const tippingTask = z.strictObject({
  kind: z.literal('tipping'),
  prompt,
  scenario,
  set: overrides,
  seed: seed.optional(),
  /** The parameter the student varies, as in --set. */
  parameter: text('a parameter path such as sanctions.fine'),
  grid: z.strictObject(
    { from: finite, to: finite, step: z.number({ error: 'expected a number > 0' }).gt(0, { error: 'expected a number > 0' }) },
    { error: 'expected { "from": 0, "to": 6, "step": 0.5 }' },
  ),
  metric: metric.default('cooperation'),
  /** The cluster tips when the metric at generation `at` is at least this. */
  threshold: share,
  at: generation,
});

const strategyTask = z.strictObject({
  kind: z.literal('strategy'),
  prompt,
  field: strategyIds(2),
  payoffs: payoffs.optional(),
  turns: wholeNumber(1, 100_000).default(200),
  repetitions: wholeNumber(1, 1000).default(5),
  noise: share.default(0),
  seed: seed.default(1),
  goal: z.strictObject({ rank: wholeNumber(1, 1000) }, { error: 'expected { "rank": 1 }: the rank the strategy must reach or beat' }),
});

const taskSchema = z.discriminatedUnion('kind', [playTask, predictTask, tippingTask, strategyTask], {
  error: 'expected a task whose kind is play, predict, tipping or strategy',
});

const exerciseSchema = z.strictObject({
  id: kebab('lone-pioneer'),
  title: text('a short title'),
  /** Position in the pack: the order of the argument. */
  step: wholeNumber(1, 999),
  theme: text('the step of the argument it teaches, such as "Why a lone pioneer is exploited"'),
  minutes: wholeNumber(1, 600),
  briefing: text('a few sentences that set the scene'),
  task: taskSchema,
  questions: z.array(text('a question'), { error: 'expected a list of questions for discussion' }).min(1, { error: 'expected at least one question' }),
  source: text('the passage of the literature it follows'),
});

export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseTask = Exercise['task'];
export type PlayTask = z.infer<typeof playTask>;
export type PredictTask = z.infer<typeof predictTask>;
export type TippingTask = z.infer<typeof tippingTask>;
export type StrategyTask = z.infer<typeof strategyTask>;
export type Choice = z.infer<typeof choice>;
export type TaskKind = ExerciseTask['kind'];

export const TASK_KINDS: readonly TaskKind[] = ['play', 'predict', 'tipping', 'strategy'];

/** Parses and checks an exercise document (already read from JSON); errors name the field, the value and what was expected. */
export function parseExercise(document: unknown, origin: string): Exercise {
  const result = exerciseSchema.safeParse(document);
  if (!result.success) throw new InputError(`${origin}: ${describeIssue(result.error.issues[0]!, document, '', DOCS)}`);
  const exercise = result.data;
  const problem = consistencyProblem(exercise.task);
  if (problem !== undefined) throw new InputError(`${origin}: ${problem}`);
  return exercise;
}

/** What the schema cannot say: exclusive fields, choices that cover every outcome once, a grid that runs forwards. */
function consistencyProblem(task: ExerciseTask): string | undefined {
  switch (task.kind) {
    case 'play':
      if (task.rounds !== undefined && task.probEnd !== undefined)
        return 'task: rounds and probEnd both given: expected one of them (a fixed number of rounds, or a chance of ending after each round)';
      if (task.activity !== undefined && task.payoffs !== undefined)
        return `task: activity and payoffs both given: expected one of them (the activity '${task.activity}' has its own payoffs)`;
      return undefined;
    case 'predict': {
      // Ranges from 0 to 1 without gaps or overlaps, so every outcome of the run has exactly one right choice.
      let expected = 0;
      for (const [index, entry] of task.choices.entries()) {
        if (entry.from !== expected)
          return `task.choices.${index}.from: got ${entry.from}, expected ${expected}: the choices must cover 0 to 1 in order, each starting where the previous one ends`;
        if (!(entry.to > entry.from)) return `task.choices.${index}.to: got ${entry.to}, expected a number greater than its from (${entry.from})`;
        expected = entry.to;
      }
      if (expected !== 1)
        return `task.choices.${task.choices.length - 1}.to: got ${expected}, expected 1: the last choice must end at 1 so that every outcome has a choice`;
      return undefined;
    }
    case 'tipping':
      if (task.grid.to < task.grid.from) return `task.grid.to: got ${task.grid.to}, expected a number >= from (${task.grid.from})`;
      if ((task.grid.to - task.grid.from) / task.grid.step > 200)
        return `task.grid.step: got ${task.grid.step}, expected a step that gives at most 200 values from ${task.grid.from} to ${task.grid.to}`;
      return undefined;
    case 'strategy':
      if (task.goal.rank > task.field.length + 1)
        return `task.goal.rank: got ${task.goal.rank}, expected at most ${task.field.length + 1} (the field and the student's strategy)`;
      if (new Set(task.field).size !== task.field.length) return 'task.field: a strategy is listed twice: expected each id once';
      return undefined;
  }
}

/** The letter of a choice: a, b, c … */
export function choiceLetter(index: number): string {
  return String.fromCharCode(97 + index);
}

/** The choice whose range holds `value`; the last range includes its upper end. */
export function choiceFor(choices: readonly Choice[], value: number): number {
  const index = choices.findIndex((entry) => value >= entry.from && value < entry.to);
  return index >= 0 ? index : choices.length - 1;
}

/** A choice given by its letter (or number from 1); `where` names the option or key in the error. */
export function parseChoice(answer: string, choices: readonly Choice[], where: string): number {
  const trimmed = answer.trim().toLowerCase();
  const byLetter = trimmed.length === 1 ? trimmed.charCodeAt(0) - 97 : -1;
  const byNumber = /^\d+$/.test(trimmed) ? Number(trimmed) - 1 : -1;
  const index = byLetter >= 0 && byLetter < choices.length ? byLetter : byNumber;
  if (index >= 0 && index < choices.length) return index;
  const letters = choices.map((_, position) => choiceLetter(position));
  throw new InputError(`invalid ${where} '${answer}': expected one of ${letters.slice(0, -1).join(', ')} or ${letters[letters.length - 1]}`);
}

/** A share as a person reads it: 34.5%, 0.2%. */
export function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** What the metric is, in words, for the outcome line. */
export function describeMetric(metricName: string): string {
  if (metricName === 'cooperation') return 'co-operation (share of moves that were C)';
  if (metricName === 'mutual_cooperation') return 'mutual co-operation (share of rounds where both co-operated)';
  if (metricName === 'mean_trust') return 'mean trust';
  if (metricName.startsWith('share:')) return `share of firms playing ${metricName.slice('share:'.length)}`;
  return `share of rounds played as ${metricName.slice('activity:'.length)}`;
}

/** Orders a pack as the argument runs: by step, then id. */
export function inPackOrder<T extends Pick<Exercise, 'step' | 'id'>>(exercises: readonly T[]): T[] {
  return [...exercises].sort((a, b) => a.step - b.step || a.id.localeCompare(b.id));
}

/** How a student starts on a strategy exercise: the commands, in order. */
export function strategySteps(id: string): string[] {
  return [
    '1. cooplab new-strategy my-firm             writes my-firm.ts, a commented template, and a test',
    '2. edit my-firm.ts, then check it:           cooplab validate my-firm.ts',
    `3. enter it against the field:               cooplab exercise ${id} --strategy my-firm.ts`,
    'docs/strategy-api.md explains what a strategy sees and the helpers it can use.',
  ];
}
