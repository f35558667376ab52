import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packFolder, packIds } from '../../src/formats/pack.js';
import { cooplab, type CliRun } from '../support/cli.js';

/** Output with its line wrapping undone, to find a sentence wherever the page broke it. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'cooplab-exercises-'));
}

/** Bad input: exit 2 and exactly one line on stderr, no stack trace. */
function refused(run: CliRun): string {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('cooplab exercises', () => {
  it('lists the pack in the order of the argument, as a table or as JSON', () => {
    const table = cooplab(['exercises']);
    expect(table.status).toBe(0);
    const ids = table.stdout
      .split('\n')
      .slice(1)
      .filter((line) => /^\s+\d+\s/.test(line))
      .map((line) => line.trim().split(/\s+/)[1]);
    expect([...ids].sort()).toEqual(packIds());
    expect(ids.slice(0, 2)).toEqual(['rivals-dilemma', 'lone-pioneer']);
    const json = cooplab(['exercises', '--format', 'json']);
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { id: string }[]).map((exercise) => exercise.id)).toEqual(ids);
  });

  it("--check validates a teacher's folder: ok lines for good files, one cooplab: line per bad file, exit 2", () => {
    const directory = folder();
    copyFileSync(join(packFolder(), 'trust.json'), join(directory, 'good.json'));
    const bad = JSON.parse(readFileSync(join(packFolder(), 'trust.json'), 'utf8')) as { task: { choices: { from: number }[] } };
    bad.task.choices[1]!.from = 0.25;
    writeFileSync(join(directory, 'bad.json'), JSON.stringify(bad));
    const run = cooplab(['exercises', '--check', directory]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(`ok  ${join(directory, 'good.json')} (trust, predict)\n`);
    expect(run.stderr).toBe(
      `cooplab: ${join(directory, 'bad.json')}: task.choices.1.from: got 0.25, expected 0.2: the choices must cover 0 to 1 in order, each starting where the previous one ends\n`,
    );
  });
});

describe('cooplab exercise, plain (no terminal): briefing, task, run, questions, exit 0', () => {
  it('play: the moves from --moves against the hidden opponent the seed draws', () => {
    const run = cooplab(['exercise', 'rivals-dilemma', '--moves', 'CCCCCCCCCC', '--seed', '3']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^cooplab exercise rivals-dilemma · step 1 · play/);
    expect(run.stdout).toContain('Briefing\n');
    expect(run.stdout).toMatch(/you C\s+3, 3\s+-3, 5/);
    expect(flat(run.stdout)).toContain('You scored -30, your opponent 50. It out-scored you. Both co-operated in 0 of 10 rounds.');
    expect(run.stdout).toContain('Your opponent was Opportunist (opportunist).');
    expect(run.stdout).toContain('Questions for discussion\n  1. ');
  });

  it('predict: the scenario runs and the prediction is judged by the run', () => {
    const run = cooplab(['exercise', 'lone-pioneer', '--answer', 'a']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'cooplab cluster --scenario rivalry --set \'strategies={"defector":0.5,"tit-for-tat":0.3,"cooperator":0.2}\' --seed 1 --generations 30',
    );
    expect(run.stdout).toMatch(/share of firms playing cooperator at generation 30: \d\.\d%/);
    expect(flat(run.stdout)).toContain('You predicted a (under 2%: the pioneers are wiped out): right.');
  });

  it('tipping: every value tried is run; the smallest tipping fine is found by bracketing it', () => {
    const run = cooplab(['exercise', 'sanctions', '--answer', '5', '--answer', '4', '--answer', '3']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/sanctions\.fine = 5 +cooperation at generation 100: +\d+\.\d% {3}tipped/);
    expect(run.stdout).toMatch(/sanctions\.fine = 3 +cooperation at generation 100: +\d+\.\d% {3}not tipped/);
    expect(flat(run.stdout)).toContain('Found: 4 is the smallest sanctions.fine on the grid that tips the cluster.');
  });

  it("strategy: the student's module (sandboxed) joins the field and is ranked against the goal", () => {
    const directory = folder();
    writeFileSync(
      join(directory, 'forgiving-grudge.ts'),
      `import { defineStrategy } from 'cooplab';
const BURST = ['D', 'D', 'D', 'D', 'C', 'C'] as const;
export default defineStrategy(
  { id: 'forgiving-grudge', name: 'Forgiving Grudge', description: 'punishes a defection with four defections, then makes peace', provenance: 'test', classifier: { memoryDepth: 6, stochastic: false } },
  () => {
    let step = -1;
    return {
      move(view) {
        if (step >= 0 && step < BURST.length) return BURST[step++]!;
        step = -1;
        if (view.opponent.last === 'D') { step = 1; return BURST[0]; }
        return 'C';
      },
    };
  },
);
`,
    );
    const run = cooplab(['exercise', 'beat-the-field', '--strategy', 'forgiving-grudge.ts'], { cwd: directory });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\n\s+1\s+forgiving-grudge\s+2\.495/);
    expect(flat(run.stdout)).toContain('Your strategy forgiving-grudge (forgiving-grudge.ts) ranks 1st of 13; the goal is rank 1 or better: passed.');
  });

  it('strategy without a module: how to start', () => {
    const run = cooplab(['exercise', 'beat-the-field']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('How to start\n  1. cooplab new-strategy my-firm');
    expect(run.stdout).toContain('cooplab exercise beat-the-field --strategy my-firm.ts');
  });
});

describe('cooplab exercise: bad input is one line naming the value and what was expected, exit 2', () => {
  it('an unknown id or a file that is not JSON', () => {
    expect(refused(cooplab(['exercise', 'lone-pioner']))).toBe(
      "cooplab: unknown exercise 'lone-pioner': expected an id listed by 'cooplab exercises' or an exercise JSON file; did you mean 'lone-pioneer'?",
    );
    const file = join(folder(), 'mine.json');
    writeFileSync(file, '{ "id": ');
    expect(refused(cooplab(['exercise', file]))).toMatch(/^cooplab: exercise file '.*mine\.json' is not valid JSON \(.*\): expected a JSON object$/);
  });

  it('answers that do not fit the task', () => {
    expect(refused(cooplab(['exercise', 'lone-pioneer', '--answer', 'z']))).toBe("cooplab: invalid --answer 'z': expected one of a, b, c or d");
    expect(refused(cooplab(['exercise', 'sanctions', '--answer', '3.5']))).toBe(
      "cooplab: sanctions.fine 3.5 is not on the exercise's grid: expected a value from 0 to 10 in steps of 1",
    );
    expect(refused(cooplab(['exercise', 'rivals-dilemma', '--moves', 'CCXD']))).toBe(
      "cooplab: invalid --moves 'CCXD': expected a string of C and D, one per round, such as CCDC",
    );
    expect(refused(cooplab(['exercise', 'rivals-dilemma', '--answer', 'a']))).toBe(
      "cooplab: --answer is for predict and tipping exercises: 'rivals-dilemma' is a play exercise (give your moves with --moves, such as --moves CCDC…)",
    );
  });
});
