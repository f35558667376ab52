import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choiceFor, parseChoice, parseExercise, TASK_KINDS, type PredictTask, type TippingTask } from '../../src/classroom/exercise.js';
import { planClusterTask, playMoves, runPredict, runStrategyTask, TippingSearch } from '../../src/classroom/exercise-tasks.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { InteractiveMatch } from '../../src/core/interactive-match.js';
import { runTournament } from '../../src/core/tournament.js';
import { prepareTask } from '../../src/cli/exercise-action.js';
import { loadExercise, loadPack, type LoadedExercise } from '../../src/formats/exercise-file.js';
import { packIds } from '../../src/formats/pack.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { defineStrategy } from '../../src/authoring/define.js';
import { requireStrategies } from '../../strategies/registry.js';
import type { Move, Strategy } from '../../src/core/strategy.js';
import { asyncInputError, inputError } from '../support/errors.js';
import { builtin } from '../support/play.js';

/** A shipped exercise as a plain document, to mutate. */
function documentOf(id: string): Record<string, unknown> {
  return structuredClone(loadExercise(id).exercise) as unknown as Record<string, unknown>;
}

const withTask = (id: string, changes: Record<string, unknown>) => {
  const document = documentOf(id);
  return { ...document, task: { ...(document.task as Record<string, unknown>), ...changes } };
};

const parseError = (document: unknown) => inputError(() => parseExercise(document, 'mine.json'));

/** Parsed and checked against the project, as cooplab exercises --check does. */
const checkError = (document: unknown) => {
  const loaded: LoadedExercise = { exercise: parseExercise(document, 'mine.json'), origin: 'mine.json', folder: tmpdir() };
  return asyncInputError(() => prepareTask(loaded));
};

describe('the shipped pack', () => {
  const pack = loadPack();

  it('has at least six exercises, one per file named by its id, in steps 1, 2, 3 … along the argument', () => {
    expect(pack.length).toBeGreaterThanOrEqual(6);
    expect(pack.map((loaded) => loaded.exercise.id).sort()).toEqual(packIds());
    expect(pack.map((loaded) => loaded.exercise.step)).toEqual(pack.map((_, index) => index + 1));
    expect(pack.map((loaded) => loaded.exercise.id).slice(0, 2)).toEqual(['rivals-dilemma', 'lone-pioneer']);
  });

  it('uses every kind of task, and every exercise cites its source and asks questions', () => {
    expect(new Set(pack.map((loaded) => loaded.exercise.task.kind))).toEqual(new Set(TASK_KINDS));
    for (const { exercise } of pack) {
      expect(exercise.questions.length).toBeGreaterThanOrEqual(3);
      expect(exercise.source).toMatch(/Meyer-Stamer|Axelrod|Sonobe & Otsuka/);
    }
  });

  it('every exercise is valid against the project: scenarios, parameters, metrics, strategies, payoffs', async () => {
    for (const loaded of pack) await expect(prepareTask(loaded, { seed: 1 })).resolves.toMatchObject({ kind: loaded.exercise.task.kind });
  });
});

describe("a teacher's file with a mistake gets one line naming the field, the value and what was expected", () => {
  it('schema problems', () => {
    const { briefing: _briefing, ...noBriefing } = documentOf('lone-pioneer');
    expect(parseError(noBriefing)).toBe('mine.json: briefing: missing: expected a few sentences that set the scene');
    expect(parseError({ ...documentOf('lone-pioneer'), hint: 'x' })).toBe(
      "mine.json: the file: unknown field 'hint': expected only documented fields (see docs/teaching.md)",
    );
    expect(parseError({ ...documentOf('lone-pioneer'), id: 'Lone Pioneer' })).toBe(
      'mine.json: id: got "Lone Pioneer", expected a kebab-case id such as lone-pioneer',
    );
    expect(parseError({ ...documentOf('lone-pioneer'), minutes: 0 })).toBe('mine.json: minutes: got 0, expected a whole number from 1 to 600');
    expect(parseError(withTask('lone-pioneer', { kind: 'quiz' }))).toBe(
      'mine.json: task.kind: got "quiz", expected a task whose kind is play, predict, tipping or strategy',
    );
    expect(parseError(withTask('lone-pioneer', { metric: 'payoff' }))).toBe(
      'mine.json: task.metric: got "payoff", expected cooperation, mutual_cooperation, mean_trust, share:<strategy-id> or activity:<name>',
    );
    expect(parseError(withTask('sanctions', { threshold: 30 }))).toBe('mine.json: task.threshold: got 30, expected a number from 0 to 1');
    expect(parseError(withTask('beat-the-field', { goal: { rank: 1, place: 1 } }))).toBe(
      "mine.json: task.goal: unknown field 'place': expected only documented fields (see docs/teaching.md)",
    );
  });

  it('choices must cover 0 to 1 in order, without gaps', () => {
    const choices = [
      { label: 'low', from: 0, to: 0.2 },
      { label: 'high', from: 0.3, to: 1 },
    ];
    expect(parseError(withTask('lone-pioneer', { choices }))).toBe(
      'mine.json: task.choices.1.from: got 0.3, expected 0.2: the choices must cover 0 to 1 in order, each starting where the previous one ends',
    );
    expect(
      parseError(
        withTask('lone-pioneer', {
          choices: [
            { label: 'low', from: 0, to: 0.5 },
            { label: 'mid', from: 0.5, to: 0.9 },
          ],
        }),
      ),
    ).toMatch(/task\.choices\.1\.to: got 0\.9, expected 1: the last choice must end at 1/);
  });

  it('exclusive or inconsistent fields', () => {
    expect(parseError(withTask('rivals-dilemma', { probEnd: 0.1 }))).toMatch(/^mine\.json: task: rounds and probEnd both given: expected one of them/);
    expect(parseError(withTask('rivals-dilemma', { payoffs: { R: 3, S: 0, T: 5, P: 1 } }))).toMatch(/task: activity and payoffs both given/);
    expect(parseError(withTask('sanctions', { grid: { from: 4, to: 1, step: 0.5 } }))).toBe('mine.json: task.grid.to: got 1, expected a number >= from (4)');
    expect(parseError(withTask('beat-the-field', { goal: { rank: 20 } }))).toBe(
      "mine.json: task.goal.rank: got 20, expected at most 13 (the field and the student's strategy)",
    );
  });

  it('references the project does not have', async () => {
    expect(await checkError(withTask('lone-pioneer', { scenario: 'rivalri' }))).toMatch(
      /^mine\.json: unknown scenario '.*rivalri': expected a preset \(.*rivalry.*\) or a JSON file; did you mean 'rivalry'\?$/,
    );
    expect(await checkError(withTask('lone-pioneer', { set: { 'sanctions.fin': 2 } }))).toMatch(/^mine\.json: task\.set: unknown parameter 'sanctions\.fin'/);
    expect(await checkError(withTask('lone-pioneer', { set: { 'sanctions.fine': -2 } }))).toBe(
      'mine.json: task.set: sanctions.fine: got -2, expected a number from 0 to 1000000',
    );
    expect(await checkError(withTask('trust', { metric: 'share:cooperator' }))).toBe(
      'mine.json: task.metric: got "share:cooperator", expected share:<strategy id> of the scenario (defector, tit-for-tat, raise-the-stakes, trust-threshold)',
    );
    expect(await checkError(withTask('trust', { at: 60 }))).toBe('mine.json: task.at: got 60, expected at most the generations run (50)');
    expect(await checkError(withTask('sanctions', { parameter: 'sanctions.detection', grid: { from: 0, to: 2, step: 0.5 } }))).toBe(
      'mine.json: task.parameter: sanctions.detection: got 1.5, expected a number from 0 to 1',
    );
    expect(await checkError(withTask('rivals-dilemma', { opponents: ['tit-for-tatt'] }))).toMatch(
      /^mine\.json: task\.opponents: unknown strategy 'tit-for-tatt' in the opponents: .*did you mean 'tit-for-tat'/,
    );
    expect(await checkError(withTask('rivals-dilemma', { activity: 'joint-fishing' }))).toMatch(
      /^mine\.json: task: unknown activity 'joint-fishing': expected one of 'training', 'technology-exchange'/,
    );
    expect(await checkError(withTask('beat-the-field', { payoffs: { R: 3, S: 0, T: 2, P: 1 } }))).toMatch(
      /^mine\.json: task\.payoffs: payoffs R=3,S=0,T=2,P=1 are not a prisoner's dilemma/,
    );
  });

  it('a scenario file is found beside the exercise file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cooplab-exercise-'));
    writeFileSync(
      join(folder, 'tiny.json'),
      JSON.stringify({ name: 'tiny', title: 'Tiny', description: 'A tiny cluster.', seed: 2, generations: 4, parameters: { width: 8, height: 8 } }),
    );
    const document = withTask('lone-pioneer', { scenario: 'tiny.json', set: {}, metric: 'cooperation', generations: undefined });
    writeFileSync(join(folder, 'mine.json'), JSON.stringify(document));
    const prepared = await prepareTask(loadExercise(join(folder, 'mine.json')));
    expect(prepared.kind === 'predict' && prepared.plan.scenario.name).toBe('tiny');
    expect(prepared.kind === 'predict' && [prepared.plan.seed, prepared.plan.generations]).toEqual([2, 4]);
  });
});

describe('choices', () => {
  const choices = (loadExercise('lone-pioneer').exercise.task as PredictTask).choices;

  it('each value falls in exactly one range; 1 belongs to the last', () => {
    expect([0, 0.0199, 0.02, 0.1, 0.5, 1].map((value) => choiceFor(choices, value))).toEqual([0, 0, 1, 2, 3, 3]);
  });

  it('are given by letter or number; anything else is named with what was expected', () => {
    expect(parseChoice('C', choices, '--answer')).toBe(2);
    expect(parseChoice('4', choices, '--answer')).toBe(3);
    expect(inputError(() => parseChoice('e', choices, '--answer'))).toBe("invalid --answer 'e': expected one of a, b, c or d");
  });
});

describe('outcomes come from real runs', () => {
  it('predict: the value is the metric of the run at the generation asked, and the right choice holds it', () => {
    const task = { ...(loadExercise('trust').exercise.task as PredictTask), generations: 12, at: 10 };
    const plan = planClusterTask(task, loadScenario('rivalry'), { set: ['width=16', 'height=16'] });
    const outcome = runPredict(task, plan);
    const scenario = withOverrides(withOverrides(loadScenario('rivalry'), ['trust.initial=0.9', 'rivalry.history=0']), ['width=16', 'height=16']);
    const records = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 1, generations: 12 }).records;
    expect(outcome.series).toEqual(records.map((record) => record.cooperation));
    expect(outcome.value).toBe(records[10]!.cooperation);
    expect(outcome.correct).toBe(choiceFor(task.choices, outcome.value));
  });

  it('predict, the shipped lone pioneer: the pioneers are wiped out by generation 30', () => {
    const { task } = loadExercise('lone-pioneer').exercise;
    const plan = planClusterTask(task as PredictTask, loadScenario('rivalry'));
    const outcome = runPredict(task as PredictTask, plan);
    expect(outcome.value).toBeLessThan(0.02);
    expect(outcome.correct).toBe(0);
  });

  it('tipping, the shipped sanctions exercise: with fines paid to the association 4 tips the cluster of rivals and 3 does not; the search proves it only with both', () => {
    const task = loadExercise('sanctions').exercise.task as TippingTask;
    expect(task.set['sanctions.compensate']).toBe(false);
    const search = new TippingSearch(task, planClusterTask(task, loadScenario('sanctions')));
    expect(search.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const high = search.attempt(5);
    const answer = search.attempt(4);
    const below = search.attempt(3);
    expect([high.tipped, answer.tipped, below.tipped]).toEqual([true, true, false]);
    // A real tip, not a reading at the threshold: the rivals stay rivals at 3 and co-operate at 4.
    expect(below.reading).toBeLessThan(0.1);
    expect(answer.reading).toBeGreaterThan(0.7);
    expect(search.answer()).toBe(4);
    expect(search.found([high])).toBe(false);
    expect(search.status([high])).toMatch(/^5 tips the cluster\. Is it the smallest\?/);
    expect(search.found([high, answer])).toBe(false);
    expect(search.found([high, answer, below])).toBe(true);
    expect(search.status([below, answer])).toBe('Found: 4 is the smallest sanctions.fine on the grid that tips the cluster.');
    // the reading is the run's co-operation at generation 100, nothing stored
    const scenario = withOverrides(loadScenario('sanctions'), ['sanctions.detection=0.8', 'sanctions.compensate=false', 'sanctions.fine=4']);
    const run = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 1, generations: 100 });
    expect(answer.reading).toBe(run.records[100]!.cooperation);
    expect(inputError(() => search.attempt(3.5))).toBe("sanctions.fine 3.5 is not on the exercise's grid: expected a value from 0 to 10 in steps of 1");
  });

  it('tipping: when no value on the grid tips, the answer is undefined and the status says so', () => {
    const task = { ...(loadExercise('sanctions').exercise.task as TippingTask), grid: { from: 0, to: 1, step: 1 }, at: 5 };
    const search = new TippingSearch(task, planClusterTask(task, loadScenario('sanctions'), { set: ['width=10', 'height=10'] }));
    expect(search.answer()).toBeUndefined();
    expect(search.status([search.attempt(1)])).toBe('Not even 1, the largest sanctions.fine on the grid, tips this cluster.');
  });

  it('strategy: the field plus the student, ranked by the tournament core; a tie ranks the student below', async () => {
    const prepared = await prepareTask(loadExercise('beat-the-field'));
    if (prepared.kind !== 'strategy') throw new Error('expected a strategy task');
    const winner = runStrategyTask(prepared.task, prepared.plan, builtin('gradual'));
    expect(winner).toMatchObject({ id: 'gradual', rank: 1, of: 13, passed: true, disqualified: undefined });
    expect(winner.result).toEqual(runTournament([...prepared.plan.field, builtin('gradual')], prepared.plan.settings));
    const clone: Strategy = { ...builtin('grudger'), id: 'my-grudger', name: 'My Grudger' };
    const tied = runStrategyTask(prepared.task, prepared.plan, clone);
    expect(tied.result.summaries.find((summary) => summary.id === 'my-grudger')!.meanPerTurn).toBe(
      tied.result.summaries.find((summary) => summary.id === 'grudger')!.meanPerTurn,
    );
    expect(tied).toMatchObject({ rank: 2, passed: false });
    const crash = defineStrategy(
      { id: 'crash', name: 'Crash', description: 'answers nonsense in round 3', provenance: 'test', classifier: { memoryDepth: 0, stochastic: false } },
      () => ({ move: (view) => (view.round === 3 ? ('X' as Move) : 'C') }),
    );
    const out = runStrategyTask(prepared.task, prepared.plan, crash);
    expect(out.passed).toBe(false);
    expect(out.disqualified).toMatch(/returned 'X' on round 3/);
  });

  it('play: the moves are played against the hidden opponent drawn from the pool by the seed', async () => {
    const prepared = await prepareTask(loadExercise('rivals-dilemma'), { seed: 7 });
    if (prepared.kind !== 'play') throw new Error('expected a play task');
    const pool = (loadExercise('rivals-dilemma').exercise.task as { opponents: string[] }).opponents;
    expect(pool).toContain(prepared.game.opponent.id);
    const moves = [...'CCDCCCCCCD'] as ('C' | 'D')[];
    const outcome = playMoves(prepared.game, moves);
    const match = new InteractiveMatch(prepared.game.opponent, prepared.game.settings);
    for (const move of moves) match.play(move);
    expect(outcome.scores).toEqual(match.state.scores);
    expect(outcome.mutual).toBe(outcome.rounds.filter((round) => round.human === 'C' && round.opponent === 'C').length);
    expect(outcome.of).toBe(prepared.game.others.length + 1);
    expect(inputError(() => playMoves(prepared.game, ['C', 'C']))).toBe('--moves has 2 moves: expected exactly 10, one C or D per round');
  });
});
