import { choiceLetter, describeMetric, formatShare, strategySteps, type Exercise, type TaskKind } from '../classroom/exercise.js';
import {
  clusterCommand,
  passingBuiltins,
  runField,
  type PlayOutcome,
  type PredictOutcome,
  type PreparedTask,
  type StrategyOutcome,
  type TippingTry,
} from '../classroom/exercise-tasks.js';
import type { Game } from '../core/game.js';
import { fieldAgainst } from '../core/interactive-match.js';
import { chartRows } from '../ui/cluster/chart-rows.js';
import { ordinal } from '../ui/play/model.js';
import { formatScore } from '../ui/shared/format.js';
import { tournamentTable } from '../formats/tournament-result.js';

/** The plain-text exercise (pipes, tests, --plain): one function per section, each a block of lines. */

const WIDTH = 88;
const INDENT = '  ';

/** Words wrapped to the page, indented. */
export function wrap(paragraph: string, width = WIDTH, indent = INDENT): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

const section = (title: string, ...body: string[]) => [title, ...body].join('\n');

export function heading(exercise: Exercise): string {
  return [
    `cooplab exercise ${exercise.id} · step ${exercise.step} · ${exercise.task.kind} · about ${exercise.minutes} minutes`,
    exercise.title,
    exercise.theme,
  ].join('\n');
}

export function briefing(exercise: Exercise): string {
  return section('Briefing', wrap(exercise.briefing));
}

function payoffLines(game: Game): string[] {
  const cell = (mine: number, theirs: number) => `${formatScore(mine)}, ${formatScore(theirs)}`.padEnd(10);
  return [
    `${INDENT}Payoffs per round (yours, theirs):`,
    `${INDENT}            they C    they D`,
    `${INDENT}  you C     ${cell(game.R, game.R)}${cell(game.S, game.T)}`.trimEnd(),
    `${INDENT}  you D     ${cell(game.T, game.S)}${cell(game.P, game.P)}`.trimEnd(),
  ];
}

export function task(exercise: Exercise, prepared: PreparedTask): string {
  const lines = [wrap(exercise.task.prompt)];
  switch (prepared.kind) {
    case 'play': {
      const { settings } = prepared.game;
      const length =
        settings.probEnd === undefined ? `${settings.rounds} rounds` : `rounds until the game ends (after each round with probability ${settings.probEnd})`;
      const activity = prepared.activity === undefined ? '' : ` of ${prepared.activity.name} (${prepared.activity.lowRisk ? 'low-risk' : 'risky'})`;
      lines.push(`${INDENT}You play ${length}${activity} against a hidden opponent.`, ...payoffLines(settings.game));
      break;
    }
    case 'predict':
      for (const [index, choice] of prepared.task.choices.entries()) lines.push(`${INDENT}${choiceLetter(index)}  ${choice.label}`);
      break;
    case 'tipping':
      lines.push(wrap(prepared.search.describeRule()));
      break;
    case 'strategy': {
      const { settings, field } = prepared.plan;
      lines.push(
        wrap(`The field: ${field.map((strategy) => strategy.id).join(', ')}.`),
        wrap(
          `Each pair plays ${settings.turns} rounds, ${settings.repetitions} times, noise ${settings.noise}, seed ${settings.seed}; the goal is rank ${prepared.task.goal.rank} or better (a tie ranks your strategy below).`,
        ),
        ...payoffLines(settings.game),
      );
      break;
    }
  }
  return section('Task', ...lines);
}

export function answerHint(kind: TaskKind): string {
  switch (kind) {
    case 'play':
      return 'give your moves with --moves, such as --moves CCDC…';
    case 'predict':
      return 'give your prediction with --answer and its letter';
    case 'tipping':
      return 'give values to try with --answer, once for each value';
    case 'strategy':
      return 'give your strategy module with --strategy FILE';
  }
}

/** What to do next when the options give no answer yet. */
export function waiting(exercise: Exercise, prepared: PreparedTask): string {
  switch (prepared.kind) {
    case 'play': {
      const { probEnd, rounds } = prepared.game.settings;
      return section(
        'Your turn',
        wrap(
          `Play it in a terminal (without --plain), or ${answerHint('play')} (${probEnd === undefined ? `${rounds} moves` : 'enough moves to last the game'}).`,
        ),
      );
    }
    case 'predict':
      return section(
        'Your turn',
        wrap(
          `Decide on your prediction, then ${answerHint('predict')} (${prepared.task.choices.map((_, index) => choiceLetter(index)).join(', ')}): the scenario runs and you see whether you were right.`,
        ),
      );
    case 'tipping':
      return section('Your turn', wrap(`${answerHint('tipping')}: each is run and you are told whether it tips the cluster.`));
    case 'strategy':
      return section('How to start', ...strategySteps(exercise.id).map((line) => INDENT + line));
  }
}

export function playResult(prepared: Extract<PreparedTask, { kind: 'play' }>, outcome: PlayOutcome): string {
  const rounds = outcome.rounds;
  const row = (label: string, cells: readonly string[]) => `${INDENT}${label.padEnd(8)}${cells.map((cell) => cell.padStart(4)).join('')}`;
  const [mine, theirs] = outcome.scores;
  const verdict = mine > theirs ? 'You out-scored it.' : mine < theirs ? 'It out-scored you.' : 'You drew.';
  const { opponent } = outcome;
  return section(
    'The game',
    row(
      'round',
      rounds.map((round) => String(round.round)),
    ),
    row(
      'you',
      rounds.map((round) => round.human),
    ),
    row(
      'them',
      rounds.map((round) => round.opponent),
    ),
    row(
      'points',
      rounds.map((round) => formatScore(round.payoffs[0])),
    ),
    '',
    `${INDENT}You scored ${formatScore(mine)}, your opponent ${formatScore(theirs)}. ${verdict} Both co-operated in ${outcome.mutual} of ${rounds.length} rounds.`,
    `${INDENT}Your opponent was ${opponent.name} (${opponent.id}).`,
    wrap(opponent.description, WIDTH, `${INDENT}  `),
    wrap(
      `Every other built-in strategy played the same rounds against it: you would have placed ${ordinal(outcome.rank)} of ${outcome.of}. Play the same game again with --seed ${prepared.game.settings.seed}.`,
    ),
  );
}

export function playSolution(prepared: Extract<PreparedTask, { kind: 'play' }>): string {
  const { opponent, others, settings } = prepared.game;
  const best = fieldAgainst(opponent, others, settings).slice(0, 3);
  return section(
    "Teacher's view",
    wrap(`With seed ${settings.seed} the hidden opponent is ${opponent.name} (${opponent.id}).`),
    wrap(`Best against it over the same rounds: ${best.map((entry) => `${entry.strategy.id} ${formatScore(entry.score)}`).join(', ')}.`),
  );
}

/** The series as a small chart from 0 to 100%, generation 0 on the left. */
function chart(series: readonly number[], at: number): string[] {
  const width = Math.min(60, series.length);
  const rows = chartRows(series, width, 5);
  return [
    ...rows.map((line, index) => `${INDENT}${(index === 0 ? '100%' : index === rows.length - 1 ? '0%' : '').padStart(4)} │${line}`.trimEnd()),
    `${INDENT}     └${'─'.repeat(width)}`,
    `${INDENT}      generation 0${`generation ${series.length - 1}`.padStart(Math.max(0, width - 'generation 0'.length))}${at === series.length - 1 ? '' : ` (the answer is read at ${at})`}`,
  ];
}

export function predictResult(prepared: Extract<PreparedTask, { kind: 'predict' }>, outcome: PredictOutcome, chosen: number | undefined): string {
  const { choices, scenario } = prepared.task;
  const label = (index: number) => `${choiceLetter(index)} (${choices[index]!.label})`;
  const verdict =
    chosen === undefined
      ? `The right choice is ${label(outcome.correct)}.`
      : chosen === outcome.correct
        ? `You predicted ${label(chosen)}: right.`
        : `You predicted ${label(chosen)}: not this time. The run gave ${formatShare(outcome.value)}, which is ${label(outcome.correct)}.`;
  return section(
    'The run',
    `${INDENT}${clusterCommand(prepared.plan, scenario)}`,
    wrap(`${describeMetric(prepared.plan.metric)} at generation ${outcome.at}: ${formatShare(outcome.value)}`),
    ...chart(outcome.series, outcome.at),
    wrap(verdict),
  );
}

export function tippingResult(prepared: Extract<PreparedTask, { kind: 'tipping' }>, tries: readonly TippingTry[]): string {
  const { search } = prepared;
  const width = Math.max(...tries.map((entry) => String(entry.value).length));
  return section(
    'Your tries',
    ...tries.map(
      (entry) =>
        `${INDENT}${search.task.parameter} = ${String(entry.value).padEnd(width)}   ${search.plan.metric} at generation ${search.plan.at}: ${formatShare(entry.reading).padStart(6)}   ${entry.tipped ? 'tipped' : 'not tipped'}`,
    ),
    wrap(search.status(tries)),
  );
}

export function tippingSolution(prepared: Extract<PreparedTask, { kind: 'tipping' }>): string {
  const { search } = prepared;
  const answer = search.answer();
  const width = Math.max(search.task.parameter.length, ...search.values.map((value) => String(value).length));
  const table = search.values.map((value) => {
    const entry = search.attempt(value);
    return `${INDENT}${String(value).padStart(width)}  ${formatShare(entry.reading).padStart(11)}  ${entry.tipped ? 'tipped' : ''}`.trimEnd();
  });
  return section(
    "Teacher's view: the whole grid",
    `${INDENT}${search.task.parameter.padStart(width)}  ${search.plan.metric.padStart(11)}`,
    ...table,
    wrap(answer === undefined ? 'No value on the grid tips the cluster.' : `The smallest tipping value is ${answer}.`),
    `${INDENT}${clusterCommand(search.plan, search.task.scenario, answer === undefined ? [] : [`${search.task.parameter}=${answer}`])}`,
  );
}

export function strategyResult(outcome: StrategyOutcome, file: string): string {
  const verdict =
    outcome.disqualified !== undefined
      ? `Your strategy ${outcome.id} was disqualified: ${outcome.disqualified}. Not yet.`
      : `Your strategy ${outcome.id} (${file}) ranks ${ordinal(outcome.rank)} of ${outcome.of}; the goal is rank ${outcome.goal} or better: ${outcome.passed ? 'passed.' : 'not yet.'}`;
  return section(
    'The tournament',
    tournamentTable(outcome.result)
      .trimEnd()
      .split('\n')
      .map((line) => (line === '' ? '' : INDENT + line))
      .join('\n'),
    '',
    wrap(verdict),
  );
}

export function strategySolution(prepared: Extract<PreparedTask, { kind: 'strategy' }>): string {
  const alone = runField(prepared.plan);
  const passing = passingBuiltins(prepared.task, prepared.plan);
  return section(
    "Teacher's view: the field alone",
    tournamentTable(alone)
      .trimEnd()
      .split('\n')
      .map((line) => (line === '' ? '' : INDENT + line))
      .join('\n'),
    '',
    wrap(
      passing.length === 0
        ? 'No built-in strategy outside the field reaches the goal.'
        : `Built-in strategies outside the field that reach the goal in the student's seat: ${passing.join(', ')}.`,
    ),
  );
}

export function questions(exercise: Exercise): string {
  const numbered = (question: string, index: number) => wrap(question, WIDTH, `${INDENT}   `).replace(/^ {5}/, `${INDENT}${`${index + 1}.`.padEnd(3)}`);
  return [section('Questions for discussion', ...exercise.questions.map(numbered)), '', section('Source', wrap(exercise.source))].join('\n');
}
