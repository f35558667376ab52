import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { formatShare } from '../../src/classroom/exercise.js';
import type { PreparedTask } from '../../src/classroom/exercise-tasks.js';
import { prepareTask } from '../../src/cli/exercise-action.js';
import { loadExercise } from '../../src/formats/exercise-file.js';
import { makeTheme } from '../../src/theme/theme.js';
import { ExerciseApp } from '../../src/ui/exercise/app.js';
import type { StudentModule } from '../../src/ui/exercise/parts.js';
import { builtin } from '../support/play.js';

const plain = makeTheme(false);
const tick = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the frame shows `text` (a run is deferred to the next tick and takes a moment). */
async function until(lastFrame: () => string | undefined, text: string | RegExp, ms = 10_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = lastFrame() ?? '';
    if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) return frame;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${String(text)} in:\n${frame}`);
    await tick(20);
  }
}

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
    const { lastFrame, stdin } = show(exercise, prepared);
    const first = lastFrame()!;
    expect(first).toContain('cooplab exercise · step 2 · The lone pioneer');
    expect(first).toContain('[briefing]  ›   task   ›   questions');
    expect(first).toContain('The cluster of rivals on a 40 × 40 lattice');
    expect(first).toContain('Enter on to the task   q quit');
    await tick();
    stdin.write('\r');
    const task = await until(lastFrame, '[task]');
    expect(task).toContain('a  under 2%: the pioneers are wiped out');
    expect(task).toContain('a–d your prediction');
  });

  it('predict: a letter is the prediction; the run shows the figure, the chart and the verdict; then the questions', async () => {
    const { exercise, prepared } = await setUp('lone-pioneer', { set: small });
    const { lastFrame, stdin, onSummary } = show(exercise, prepared);
    await tick();
    stdin.write('\r');
    await until(lastFrame, '[task]');
    stdin.write('z'); // not a choice
    await tick();
    expect(lastFrame()).not.toContain('▶');
    stdin.write('d');
    const frame = await until(lastFrame, 'You predicted d');
    const value = frame.match(/share of firms playing cooperator at generation 30: (\d+\.\d%)/)![1]!;
    expect(frame).toContain('▶ d  more than 20%');
    expect(frame).toContain('← the run');
    expect(frame).toContain(' 100% │');
    expect(frame).toContain('Explore it: cooplab cluster --scenario rivalry');
    stdin.write('\r');
    const questions = await until(lastFrame, '[questions]');
    expect(questions).toMatch(/Outcome: predicted d, the run gave \d+\.\d% \([a-d]\)/);
    expect(questions).toContain('1.  Which firms earned most from the pioneers');
    expect(questions).toContain('Source: Meyer-Stamer (2001)');
    expect(onSummary).toHaveBeenCalledWith(expect.stringContaining(`the run gave ${value}`));
  });

  it('tipping: typed values are run, tipped or not; a value off the grid is named; the smallest is found by bracketing', async () => {
    const { exercise, prepared } = await setUp('sanctions', { set: small });
    if (prepared.kind !== 'tipping') throw new Error('expected a tipping task');
    const { search } = prepared;
    const answer = search.answer()!;
    const below = search.below(answer)!;
    const { lastFrame, stdin, onSummary } = show(exercise, prepared);
    await tick();
    stdin.write('\r');
    await until(lastFrame, 'Propose a value of sanctions.fine.');
    const propose = async (text: string) => {
      for (const key of text) {
        stdin.write(key);
        await tick(20);
      }
      stdin.write('\r');
    };
    await propose('7');
    expect(await until(lastFrame, 'not on the exercise')).toContain(
      "sanctions.fine 7 is not on the exercise's grid: expected a value from 0 to 6 in steps of 0.5",
    );
    await propose(String(answer));
    await until(lastFrame, `sanctions.fine = ${String(answer).padEnd(6)}`);
    stdin.write(`${below}\r`); // typed fast: one chunk
    const frame = await until(lastFrame, 'Found:');
    expect(frame).toMatch(
      new RegExp(
        `sanctions\\.fine = ${String(below).replace('.', '\\.')}\\s+cooperation at generation 100:\\s+${formatShare(search.attempt(below).reading).replace('.', '\\.')}\\s+not tipped`,
      ),
    );
    expect(frame).toContain(`Found: ${answer} is the smallest sanctions.fine on the grid that tips the cluster.`);
    stdin.write('\r');
    await until(lastFrame, '[questions]');
    expect(onSummary).toHaveBeenCalledWith(`found ${answer} in 2 tries`);
  });

  it('play: C and D play the rounds against the hidden opponent; the reveal, then Enter for the questions', async () => {
    const { exercise, prepared } = await setUp('rivals-dilemma', { seed: 3 });
    const { lastFrame, stdin, onSummary } = show(exercise, prepared);
    await tick();
    stdin.write('\r');
    const start = await until(lastFrame, 'round 1 of 10');
    expect(start).toContain('Play 10 rounds of technology exchange');
    expect(start).toContain('against a hidden strategy');
    for (let round = 0; round < 10; round++) {
      stdin.write('c');
      await tick(30);
    }
    const reveal = await until(lastFrame, 'game over after 10 rounds');
    expect(reveal).toContain('Your opponent was Opportunist (opportunist)');
    expect(reveal).toContain('Enter on to the questions');
    stdin.write('\r');
    await until(lastFrame, '[questions]');
    expect(onSummary).toHaveBeenCalledWith(
      expect.stringMatching(/^you -30, Opportunist \(opportunist\) 50 over 10 rounds; \d+(st|nd|rd|th) of 41 against it; seed 3$/),
    );
  });

  it('strategy without a module: how to start', async () => {
    const { exercise, prepared } = await setUp('beat-the-field');
    const { lastFrame, stdin } = show(exercise, prepared);
    await tick();
    stdin.write('\r');
    const frame = await until(lastFrame, 'How to start');
    expect(frame).toContain('1. cooplab new-strategy my-firm');
    expect(frame).toContain('cooplab exercise beat-the-field --strategy my-firm.ts');
    stdin.write('\r');
    expect(await until(lastFrame, '[questions]')).toContain('Outcome: no strategy entered yet');
  });

  it('strategy with a module: Enter plays it against the field; the standings mark it and say whether it passed', async () => {
    const { exercise, prepared } = await setUp('beat-the-field');
    const { lastFrame, stdin } = show(exercise, prepared, { file: 'gradual.ts', strategy: builtin('gradual') });
    await tick();
    stdin.write('\r');
    expect(await until(lastFrame, 'Your strategy: Gradual (gradual) from gradual.ts')).toContain('Enter play it against the field');
    stdin.write('\r');
    const frame = await until(lastFrame, 'passed.');
    expect(frame).toMatch(/1 {2}gradual\s+\d\.\d{3}\s+\d+\.\d%\s+← yours/);
    expect(frame).toContain('gradual ranks 1st of 13; the goal is rank 1: passed.');
  });
});
