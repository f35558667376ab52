import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { formatShare } from '../../src/classroom/exercise.js';
import { clusterCommand, type PreparedTask } from '../../src/classroom/exercise-tasks.js';
import { prepareTask } from '../../src/cli/exercise-action.js';
import { loadExercise } from '../../src/formats/exercise-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { ExerciseApp } from '../../src/ui/exercise/app.js';
import type { StudentModule } from '../../src/ui/exercise/parts.js';
import { builtin } from '../support/play.js';
import { frameWith, keysReady } from '../support/ink.js';

const plain = makeTheme(false);

/** The exercise from the pack, on a small lattice where it runs a cluster, so the tests stay fast. */
async function setUp(id: string, options: { seed?: number; set?: string[] } = {}) {
  const loaded = loadExercise(id);
  const prepared = await prepareTask(loaded, options);
  return { exercise: loaded.exercise, prepared };
}

function show(exercise: ReturnType<typeof loadExercise>['exercise'], prepared: PreparedTask, student?: StudentModule) {
  const onSummary = vi.fn();
  const view = render(<ExerciseApp exercise={exercise} prepared={prepared} student={student} theme={plain} columns={120} rows={40} onSummary={onSummary} />);
  return { ...view, onSummary };
}

const small = ['width=12', 'height=12'];

describe('the exercise flow', () => {
  it('opens on the briefing with the steps and keys shown; Enter goes on to the task', async () => {
    const { exercise, prepared } = await setUp('lone-pioneer', { set: small });
    const view = show(exercise, prepared);
    const first = view.lastFrame()!;
    expect(first).toContain('cooplab exercise · step 2 · The lone pioneer');
    expect(first).toContain('[briefing]  ›   task   ›   questions');
    expect(first).toContain('The cluster of rivals on a 40 × 40 lattice');
    expect(first).toContain('Enter on to the task   q quit');
    await keysReady(view);
    view.stdin.write('\r');
    const task = await frameWith(view, '[task]');
    expect(task).toContain('a  under 2%: the pioneers are wiped out');
    expect(task).toContain('a–d your prediction');
  });

  it('predict: a letter is the prediction; the run shows the figure, the chart and the verdict; then the questions', async () => {
    const { exercise, prepared } = await setUp('lone-pioneer', { set: small });
    const view = show(exercise, prepared);
    await keysReady(view);
    view.stdin.write('\r');
    await frameWith(view, '[task]');
    view.stdin.write('z'); // not a choice
    expect(view.lastFrame()).not.toContain('▶');
    view.stdin.write('d');
    const frame = await frameWith(view, 'You predicted d');
    const value = frame.match(/share of firms playing cooperator at generation 30: (\d+\.\d%)/)![1]!;
    expect(frame).toContain('▶ d  more than 20%');
    expect(frame).toContain('← the run');
    expect(frame).toContain(' 100% │');
    // The command to copy is whole: its rows, joined as the shell joins ` \` lines, are the command.
    const command = clusterCommand((prepared as Extract<PreparedTask, { kind: 'predict' }>).plan, 'rivalry');
    expect(command.length).toBeGreaterThan(120);
    const rows = frame.split('\n');
    const from = rows.findIndex((row) => row.startsWith('Explore it:'));
    expect(from).toBeGreaterThanOrEqual(0);
    const copied = rows
      .slice(from + 1)
      .map((row) => row.trim())
      .join('\n')
      .split(' \\\n')
      .join(' ');
    expect(copied.startsWith(command)).toBe(true);
    expect(rows.every((row) => row.length <= 120)).toBe(true);
    view.stdin.write('\r');
    const questions = await frameWith(view, '[questions]');
    expect(questions).toMatch(/Outcome: predicted d, the run gave \d+\.\d% \([a-d]\)/);
    expect(questions).toContain('1.  Which firms earned most from the pioneers');
    expect(questions).toContain('Source: Meyer-Stamer (2001)');
    expect(view.onSummary).toHaveBeenCalledWith(expect.stringContaining(`the run gave ${value}`));
  });

  it('tipping: typed values are run, tipped or not; a value off the grid is named; the smallest is found by bracketing', async () => {
    const { exercise, prepared } = await setUp('sanctions', { set: small });
    if (prepared.kind !== 'tipping') throw new Error('expected a tipping task');
    const { search } = prepared;
    const answer = search.answer()!;
    const below = search.below(answer)!;
    const view = show(exercise, prepared);
    await keysReady(view);
    view.stdin.write('\r');
    await frameWith(view, 'Propose a value of sanctions.fine.');
    const propose = (text: string) => {
      // Key by key, as a person types: Ink hands each key to the view as it is written.
      for (const key of text) view.stdin.write(key);
      view.stdin.write('\r');
    };
    propose('11');
    expect(await frameWith(view, 'not on the exercise')).toContain(
      "sanctions.fine 11 is not on the exercise's grid: expected a value from 0 to 10 in steps of 1",
    );
    propose(String(answer));
    await frameWith(view, `sanctions.fine = ${String(answer).padEnd(6)}`);
    view.stdin.write(`${below}\r`); // typed fast: one chunk
    const frame = await frameWith(view, 'Found:');
    expect(frame).toMatch(
      new RegExp(
        `sanctions\\.fine = ${String(below).replace('.', '\\.')}\\s+cooperation at generation 100:\\s+${formatShare(search.attempt(below).reading).replace('.', '\\.')}\\s+not tipped`,
      ),
    );
    expect(frame).toContain(`Found: ${answer} is the smallest sanctions.fine on the grid that tips the cluster.`);
    view.stdin.write('\r');
    await frameWith(view, '[questions]');
    expect(view.onSummary).toHaveBeenCalledWith(`found ${answer} in 2 tries`);
  });

  it('play: C and D play the rounds against the hidden opponent; the reveal, then Enter for the questions', async () => {
    const { exercise, prepared } = await setUp('rivals-dilemma', { seed: 3 });
    const view = show(exercise, prepared);
    await keysReady(view);
    view.stdin.write('\r');
    const start = await frameWith(view, 'round 1 of 10');
    expect(start).toContain('Play 10 rounds of technology exchange');
    expect(start).toContain('against a hidden strategy');
    for (let round = 0; round < 10; round++) view.stdin.write('c');
    const reveal = await frameWith(view, 'game over after 10 rounds');
    expect(reveal).toContain('Your opponent was Opportunist (opportunist)');
    expect(reveal).toContain('Enter on to the questions');
    view.stdin.write('\r');
    await frameWith(view, '[questions]');
    expect(view.onSummary).toHaveBeenCalledWith(
      expect.stringMatching(/^you -30, Opportunist \(opportunist\) 50 over 10 rounds; \d+(st|nd|rd|th) of 46 against it; seed 3$/),
    );
  });

  it('strategy without a module: how to start', async () => {
    const { exercise, prepared } = await setUp('beat-the-field');
    const view = show(exercise, prepared);
    await keysReady(view);
    view.stdin.write('\r');
    const frame = await frameWith(view, 'How to start');
    expect(frame).toContain('1. cooplab new-strategy my-firm');
    expect(frame).toContain('cooplab exercise beat-the-field --strategy my-firm.ts');
    view.stdin.write('\r');
    expect(await frameWith(view, '[questions]')).toContain('Outcome: no strategy entered yet');
  });

  it('strategy with a module: Enter plays it against the field; the standings mark it and say whether it passed', async () => {
    const { exercise, prepared } = await setUp('beat-the-field');
    const view = show(exercise, prepared, { file: 'gradual.ts', strategy: builtin('gradual') });
    await keysReady(view);
    view.stdin.write('\r');
    expect(await frameWith(view, 'Your strategy: Gradual (gradual) from gradual.ts')).toContain('Enter play it against the field');
    view.stdin.write('\r');
    const frame = await frameWith(view, 'passed.');
    expect(frame).toMatch(/1 {2}gradual\s+\d\.\d{3}\s+\d+\.\d%\s+← yours/);
    expect(frame).toContain('gradual ranks 1st of 13; the goal is rank 1: passed.');
  });
});
