import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './support/cli.js';
import { Terminal } from './support/tmux.js';

// Every example command in README.md (each line of a ```sh block) is run here and its output
// checked, in README order in one folder, so that an example may use a file an earlier one wrote
// (run.json, loop.json, fines, patient-tft.ts). An example that opens a screen runs in tmux and
// is quit with its key; a class host runs headless with bots alone. A new example without an
// entry below fails the first test: every example has to say how it is checked.

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The example commands of README.md: the lines of its ```sh blocks, `\` continuations joined, comments dropped. */
function readmeExamples(): string[] {
  const commands: string[] = [];
  for (const block of README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const lines = block[1]!.replace(/\s*\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      // A line that is only a comment says something about the examples, it is not one.
      const command = line.replace(/(^|\s+)#.*$/, '').trim();
      if (command !== '') commands.push(command);
    }
  }
  return commands;
}

interface Output {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Example =
  /** Run as written (`npx cooplab` is the built CLI), without a terminal; `before` prepares what a person would have. */
  | {
      readonly check: (output: Output, folder: string) => void;
      readonly before?: (folder: string) => void;
      readonly flags?: readonly string[];
      readonly input?: string;
    }
  /** Opens a screen: run in tmux until `screen` shows, then quit with `keys`. */
  | { readonly screen: RegExp; readonly keys: readonly string[] }
  /** Not runnable here (it installs, or needs another machine): the test file that exercises it, which must exist and name `mentions`. */
  | { readonly elsewhere: string; readonly mentions: string };

/** Exit 0 without a bad-input line (`cooplab: … expected …`) or a stack trace; what the command reports on stderr (`wrote`, `merged`) is fine. */
const ok = (output: Output) => {
  expect(output.stderr).not.toMatch(/^cooplab: .*expected|^\s+at |Error:/m);
  expect(output.status).toBe(0);
};
const file = (folder: string, name: string) => readFileSync(join(folder, name), 'utf8');
const csvHeader = (text: string) => text.split('\n')[0]!.split(',');

const EXAMPLES: Readonly<Record<string, Example>> = {
  'npm ci && npm start': { elsewhere: 'tests/cli/start-in-a-pipe.e2e.test.ts', mentions: 'npm start' },
  'npm ci && npm test': { elsewhere: 'package.json', mentions: '"test": "vitest run"' },
  'npx cooplab tournament': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Round-robin tournament: 12 strategies, 200 turns, 10 repetitions, noise 0/);
    },
  },
  'npx cooplab tournament --strategies all --noise 0.05 --repetitions 20': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Round-robin tournament: 4\d strategies, 200 turns, 20 repetitions, noise 0.05/);
    },
  },
  'npx cooplab tournament -s tit-for-tat,grudger,defector --prob-end 0.01 --format json --out run.json': {
    check: (output, folder) => {
      ok(output);
      const run = JSON.parse(file(folder, 'run.json'));
      expect(run.strategies).toEqual(['tit-for-tat', 'grudger', 'defector']);
      expect(run.settings).toMatchObject({ turns: null, prob_end: 0.01 });
    },
  },
  'npx cooplab tournament --format csv --out matches.csv': {
    check: (output, folder) => {
      ok(output);
      expect(csvHeader(file(folder, 'matches.csv'))).toEqual([
        'repetition',
        'player',
        'opponent',
        'turns',
        'player_score',
        'opponent_score',
        'player_cooperations',
        'opponent_cooperations',
        'forfeited',
      ]);
    },
  },
  'npx cooplab play': { screen: /C co-operate\s+D defect\s+q quit/, keys: ['q'] },
  'npx cooplab play --opponent tit-for-tat --rounds 5': { screen: /round 1 of 5[\s\S]*against Tit For Tat/, keys: ['q'] },
  'npx cooplab play --prob-end 0.1': { screen: /C co-operate\s+D defect/, keys: ['q'] },
  'npx cooplab play --activity training': { screen: /activity training/, keys: ['q'] },
  'npx cooplab play --activity technology-exchange': { screen: /activity technology-exchange/, keys: ['q'] },
  'npx cooplab scenarios': {
    check: (output) => {
      ok(output);
      for (const name of ['nowak-may', 'rivalry', 'training-first', 'lock-in', 'take-off']) expect(output.stdout).toContain(name);
    },
  },
  'npx cooplab cluster': { screen: /training-first · gen \d+/, keys: ['q'] },
  'npx cooplab cluster --scenario rivalry --headless': {
    check: (output) => {
      ok(output);
      expect(csvHeader(output.stdout).slice(0, 4)).toEqual(['generation', 'cooperation', 'mutual_cooperation', 'mean_trust']);
      expect(output.stdout.trimEnd().split('\n').length).toBeGreaterThan(50);
    },
  },
  'npx cooplab cluster --scenario nowak-may --generations 100 --format json --out run.json': {
    check: (output, folder) => {
      ok(output);
      const run = JSON.parse(file(folder, 'run.json'));
      expect(run.series).toHaveLength(101);
      expect(run.scenario.name).toBe('nowak-may');
    },
  },
  'npx cooplab cluster --scenario training-first --set activities.training.enabled=false --seed 3 --size 60x40': {
    check: (output) => {
      ok(output);
      const rows = output.stdout.trimEnd().split('\n');
      expect(csvHeader(rows[0]!)).toContain('activity:training');
      // The programme is off: no round is played as training.
      const column = csvHeader(rows[0]!).indexOf('activity:training');
      expect(rows.slice(1).every((row) => Number(row.split(',')[column]) === 0)).toBe(true);
    },
  },
  'npx cooplab scenarios show sanctions > mine.json': {
    check: (output, folder) => {
      ok(output);
      expect(JSON.parse(file(folder, 'mine.json')).name).toBe('sanctions');
    },
  },
  'npx cooplab hysteresis --scenario lock-in --parameter subsidy --from 0 --to 1 --seeds 2 --steps 4 --size 30x30': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Co-operation after \d+ generations at each subsidy, up and back down \(lock-in\)/);
      expect(output.stdout).toMatch(/widest gap at subsidy = /);
    },
  },
  'npx cooplab hysteresis --parameter subsidy --from 0 --to 1 --seeds 2 --steps 4 --size 30x30 -f json -o loop.json --svg loop.svg': {
    check: (output, folder) => {
      ok(output);
      expect(JSON.parse(file(folder, 'loop.json'))).toMatchObject({ parameter: 'subsidy', from: 0, to: 1, steps: 4, seeds: [1, 2] });
      expect(file(folder, 'loop.svg')).toContain('<svg');
    },
  },
  'npx cooplab hysteresis --input loop.json --metric mean_trust': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Mean trust after \d+ generations at each subsidy/);
    },
  },
  'npx cooplab strategies': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^id\s+name\s+memory\s+stochastic\s+provenance/);
      expect(output.stdout).toContain('tit-for-tat');
    },
  },
  'npx cooplab strategies show prober': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Prober \(prober\)/);
    },
  },
  'npx cooplab sweep --scenario rivalry --grid sanctions.fine=0:4:2 --grid sanctions.detection=0.2,0.6 --seeds 2 --generations 30 --size 20x20 --out fines': {
    check: (output, folder) => {
      ok(output);
      const results = file(folder, 'fines/results.csv').trimEnd().split('\n');
      expect(csvHeader(results[0]!).slice(0, 5)).toEqual(['task', 'sanctions.fine', 'sanctions.detection', 'seed_index', 'seed']);
      expect(results).toHaveLength(1 + 3 * 2 * 2);
    },
  },
  'npx cooplab sweep --scenario rivalry --grid sanctions.fine=0:4:2 --grid sanctions.detection=0.2,0.6 --seeds 2 --generations 30 --size 20x20 --shard 1/2 --out fines-1':
    { check: ok },
  'npx cooplab sweep --scenario rivalry --grid sanctions.fine=0:4:2 --grid sanctions.detection=0.2,0.6 --seeds 2 --generations 30 --size 20x20 --shard 2/2 --out fines-2':
    { check: ok },
  'npx cooplab merge fines-1 fines-2 --out fines-merged': {
    check: (output, folder) => {
      ok(output);
      expect(file(folder, 'fines-merged/results.csv')).toBe(file(folder, 'fines/results.csv'));
      expect(file(folder, 'fines-merged/series.csv')).toBe(file(folder, 'fines/series.csv'));
    },
  },
  'npx cooplab tournament --strategies all --repetitions 20 --workers 2': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Round-robin tournament: 4\d strategies, 200 turns, 20 repetitions/);
    },
  },
  'npx cooplab cluster --scenario rivalry --seeds 3 --generations 40 --headless > rivalry-3-seeds.csv': {
    check: (output, folder) => {
      ok(output);
      const rows = file(folder, 'rivalry-3-seeds.csv').trimEnd().split('\n');
      expect(csvHeader(rows[0]!).slice(0, 2)).toEqual(['seed', 'generation']);
      expect(rows).toHaveLength(1 + 3 * 41);
    },
  },
  'npx cooplab cluster --scenario rivalry --seeds 3 --generations 40 -f json -o runs.json && npx cooplab report runs.json --out runs.html': {
    check: (output, folder) => {
      ok(output);
      expect(JSON.parse(file(folder, 'runs.json')).runs).toHaveLength(3);
      expect(file(folder, 'runs.html')).toContain('<html');
    },
  },
  'npx cooplab plot fines --x sanctions.fine --y sanctions.detection --metric cooperation --svg fines.svg': {
    check: (output, folder) => {
      ok(output);
      expect(output.stderr).toContain('wrote fines.svg');
      expect(file(folder, 'fines.svg')).toContain('<svg');
    },
  },
  'npx cooplab report fines --out fines.html': {
    check: (output, folder) => {
      ok(output);
      expect(file(folder, 'fines.html')).toContain('<html');
    },
  },
  'npx cooplab evolve --dynamics ecological --population cooperator=1,defector=1,tit-for-tat=1,grudger=1 -g 200': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^ecological dynamics, 200 generations/);
      expect(output.stdout.split('\n')[2]).toMatch(/^(tit-for-tat|grudger)\s/);
    },
  },
  'npx cooplab evolve --dynamics moran --population tit-for-tat=15,defector=5 --turns 20 --runs 200': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Moran fixation over 200 runs/);
    },
  },
  'npx cooplab evolve --dynamics generational --population cooperator=23,defector=1,tit-for-tat=1 --payoffs 2,-1,3,0 --turns 10': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toContain('tit-for-tat took over the population');
    },
  },
  'npx cooplab new-strategy patient-tft': {
    check: (output, folder) => {
      ok(output);
      expect(readdirSync(folder)).toEqual(expect.arrayContaining(['patient-tft.ts', 'patient-tft.test.ts']));
    },
  },
  'npx cooplab validate patient-tft.ts': {
    // The template asks for its provenance first: validate refuses the placeholder.
    before: (folder) => {
      const source = file(folder, 'patient-tft.ts');
      expect(spawnSync(process.execPath, [BIN, 'validate', 'patient-tft.ts'], { cwd: folder, encoding: 'utf8' }).stdout).toContain(
        "FAIL  provenance: still the template's placeholder",
      );
      writeFileSync(join(folder, 'patient-tft.ts'), source.replace(/provenance: '[^']*'/, "provenance: 'my own, 2026'"));
    },
    check: (output) => {
      ok(output);
      expect(output.stdout.trimEnd()).toMatch(/\nvalid$/);
    },
  },
  'npx cooplab tournament --strategy patient-tft.ts --strategies classic': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Round-robin tournament: 13 strategies/);
      expect(output.stdout).toContain('patient-tft');
    },
  },
  'npx cooplab tournament --submissions class-2026/': {
    // A teacher's folder of students' modules: two copies of the template under other names.
    before: (folder) => {
      mkdirSync(join(folder, 'class-2026'));
      for (const name of ['ana', 'ben']) {
        const source = file(folder, 'patient-tft.ts').replaceAll("'patient-tft'", `'${name}-tft'`);
        writeFileSync(join(folder, 'class-2026', `${name}.ts`), source);
      }
    },
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^Round-robin tournament: 2 strategies/);
      expect(output.stdout).toContain('ana-tft');
    },
  },
  'npx cooplab cluster --scenario rivalry --strategy patient-tft.ts --generations 20 --size 12x12 --headless': {
    check: (output) => {
      ok(output);
      expect(csvHeader(output.stdout)).toContain('share:patient-tft');
    },
  },
  'npx cooplab exercises': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^step\s+id\s+kind/);
      expect(output.stdout).toContain('rivals-dilemma');
    },
  },
  'npx cooplab exercise rivals-dilemma': { screen: /The dilemma between rivals/, keys: ['q'] },
  'npx cooplab exercise lone-pioneer --answer b': {
    check: (output) => {
      ok(output);
      expect(output.stdout).toMatch(/^cooplab exercise lone-pioneer/);
      expect(output.stdout).toMatch(/You predicted b \(2% to 10%: most of them give up\): not this time\. The run gave \d/);
    },
  },
  'npx cooplab exercises --check my-class/': {
    before: (folder) => {
      mkdirSync(join(folder, 'my-class'));
      cpSync(join(ROOT, 'exercises', 'lone-pioneer.json'), join(folder, 'my-class', 'lone-pioneer.json'));
    },
    check: (output) => {
      ok(output);
      expect(output.stdout).toContain('lone-pioneer');
    },
  },
  'npx cooplab class host': {
    // Headless on a free port with rounds of a tenth of a second; the teacher's `start` on stdin, no student joins, every round is played to its end.
    flags: ['--headless', '--port', '0', '--host', '127.0.0.1', '--time-limit', '0.1', '--pause', '0', '--out', 'class-results'],
    input: 'start\n',
    check: (output, folder) => {
      ok(output);
      expect(output.stdout).toMatch(/room code \w{5} · pairwise · 10 rounds/);
      expect(JSON.parse(file(folder, 'class-results/class.json'))).toMatchObject({ kind: 'class', mode: 'pairwise' });
    },
  },
  'npx cooplab class join 192.168.1.20:4321 --code K7QXM --name Ana': { elsewhere: 'tests/cli/class.e2e.test.ts', mentions: "'class', 'join'" },
  'npx cooplab class host --mode lattice --fill tit-for-tat --seats 16 --rounds 15': {
    flags: ['--headless', '--port', '0', '--host', '127.0.0.1', '--time-limit', '0.1', '--pause', '0', '--out', 'lattice-results'],
    input: 'start\n',
    check: (output, folder) => {
      ok(output);
      expect(output.stdout).toMatch(/room code \w{5} · lattice · 15 rounds/);
      const session = JSON.parse(file(folder, 'lattice-results/class.json'));
      expect(session.students).toHaveLength(16);
      expect(session.rounds_played).toBe(15);
    },
  },
};

const folder = mkdtempSync(join(tmpdir(), 'cooplab-readme-'));
/** The built CLI where README says `npx cooplab`. */
const shell = (command: string) => command.replaceAll('npx cooplab', `'${process.execPath}' '${BIN}'`);

function runInPipe(command: string, example: Extract<Example, { check: unknown }>): Output {
  example.before?.(folder);
  const line = `${shell(command)}${(example.flags ?? []).map((flag) => ` '${flag}'`).join('')}`;
  const result = spawnSync('sh', ['-c', line], {
    cwd: folder,
    encoding: 'utf8',
    input: example.input ?? '',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 100_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tmux is missing: the README examples that open a screen are not run (they need a terminal)');
const terminal = new Terminal('readme');
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', `cooplab-readme-${process.pid}`, 'kill-server']);
});

const examples = readmeExamples();

describe('the examples of README.md', () => {
  it('every example has an entry here, and every entry is an example', () => {
    expect(examples.filter((command) => !(command in EXAMPLES))).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((command) => !examples.includes(command))).toEqual([]);
  });

  it.each(examples.filter((command) => command in EXAMPLES && 'elsewhere' in EXAMPLES[command]!))('%s: exercised by the file it names', (command) => {
    const example = EXAMPLES[command] as Extract<Example, { elsewhere: string }>;
    expect(existsSync(join(ROOT, example.elsewhere))).toBe(true);
    expect(readFileSync(join(ROOT, example.elsewhere), 'utf8')).toContain(example.mentions);
  });

  // In README order, one at a time: later examples read what earlier ones wrote.
  for (const [index, command] of examples.entries()) {
    const example = EXAMPLES[command];
    if (example === undefined || 'elsewhere' in example) continue;
    if ('check' in example) {
      it(`${command}`, () => example.check(runInPipe(command, example), folder));
    } else {
      it.skipIf(!hasTmux)(`${command} (in a terminal, quit with ${example.keys.join(' ')})`, async () => {
        const session = `example-${index}`;
        terminal.start(session, `cd '${folder}' && NO_COLOR=1 ${shell(command)}`);
        await terminal.waitFor(session, (text) => example.screen.test(text), String(example.screen));
        terminal.keys(session, ...example.keys);
        expect(await terminal.exited(session)).toMatch(/EXIT=0/);
      });
    }
  }
});
