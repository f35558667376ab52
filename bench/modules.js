// Strategy modules: moves per second sandboxed (whole matches against a built-in one at a time and in a tournament's table,
// against another module, and move by move) and trusted, and a 30-module submissions tournament (200 turns, 5 repetitions)
// end to end through the real CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStrategyModules } from '../dist/src/modules/modules.js';
import { playMatch, prepareContestant } from '../dist/src/core/match.js';
import { deriveStream } from '../dist/src/core/random.js';
import { CLASSIC_GAME } from '../dist/src/core/game.js';
import { classicStrategies, findStrategy } from '../dist/strategies/registry.js';
import { MatchTable, playMatches } from '../dist/src/core/tournament.js';

const directory = mkdtempSync(join(tmpdir(), 'cooplab-bench-modules-'));
const rules = [
  "view.opponent.last ?? 'C'",
  "view.opponent.defectionsInLast(2) >= 2 ? 'D' : 'C'",
  "view.opponent.defections > 0 ? 'D' : 'C'",
  "view.random() < 0.8 ? (view.opponent.last ?? 'C') : 'D'",
  "view.round % 3 === 0 ? 'D' : 'C'",
  "view.own.last === view.opponent.last ? 'C' : 'D'",
];
for (let i = 0; i < 30; i++) {
  const rule = rules[i % rules.length];
  writeFileSync(
    join(directory, `student-${String(i + 1).padStart(2, '0')}.ts`),
    `import { defineStrategy } from 'cooplab';
export default defineStrategy(
  { id: 'student-${i + 1}', name: 'Student ${i + 1}', description: 'a submission', provenance: 'bench', classifier: { memoryDepth: Infinity, stochastic: ${rule.includes('random')} } },
  () => ({ move: (view) => (${rule}) }),
);
`,
  );
}

/**
 * Moves per second of the module against Tit For Tat: the built-in (a sandboxed module plays that
 * match whole inside its isolate), or with `opponent` 'move-by-move' a copy of it the sandbox does
 * not know (every move crosses to the sandbox process, as on the cluster lattice), or with 'module'
 * another module (the match is played whole in the sandbox process, a call per move into each isolate).
 */
async function movesPerSecond(trusted, opponentKind = 'built-in', turns = 1000, matchesPerRound = undefined) {
  const files = [join(directory, 'student-01.ts'), join(directory, 'student-02.ts')];
  const { strategies, problems } = await loadStrategyModules(opponentKind === 'module' ? files : files.slice(0, 1), { trusted, takenIds: new Set() });
  if (strategies.length === 0) throw new Error(JSON.stringify(problems));
  const module = prepareContestant(strategies[0], CLASSIC_GAME);
  const titForTat = findStrategy('tit-for-tat');
  const opponent =
    opponentKind === 'module'
      ? prepareContestant(strategies[1], CLASSIC_GAME)
      : prepareContestant(opponentKind === 'move-by-move' ? { ...titForTat, finiteState: undefined } : titForTat, CLASSIC_GAME);
  const settings = { game: CLASSIC_GAME, turns, noise: 0 };
  const matches = matchesPerRound ?? (opponentKind === 'move-by-move' ? 3 : opponentKind === 'module' ? 10 : 30);
  let best = 0;
  for (let round = 0; round < (opponentKind === 'move-by-move' ? 3 : 6); round++) {
    const started = performance.now();
    for (let match = 0; match < matches; match++) playMatch(module, opponent, settings, (purpose) => deriveStream(match, purpose));
    best = Math.max(best, (matches * turns) / ((performance.now() - started) / 1000));
  }
  return best;
}

/**
 * Moves per second of the module's matches against the classic built-ins in a tournament's table
 * (playMatches, the module first, no self-play, 1000 turns): the module's matches of a repetition
 * come one after the other and are played as batches (several matches a crossing to the sandbox
 * process); each round plays three repetitions' worth (36 matches).
 */
async function tableMovesPerSecond(turns = 1000) {
  const { strategies, problems } = await loadStrategyModules([join(directory, 'student-01.ts')], { trusted: false, takenIds: new Set() });
  if (strategies.length === 0) throw new Error(JSON.stringify(problems));
  const all = [strategies[0], ...classicStrategies];
  const contestants = all.map((strategy) => prepareContestant(strategy, CLASSIC_GAME));
  const rounds = 6;
  const repetitionsPerRound = 3;
  const settings = { game: CLASSIC_GAME, turns, probEnd: undefined, noise: 0, repetitions: rounds * repetitionsPerRound, selfPlay: false, seed: 1 };
  const table = new MatchTable(all.length, settings.repetitions, false);
  const pairs = table.size / settings.repetitions;
  const moduleMatches = all.length - 1;
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let repetition = round * repetitionsPerRound; repetition < (round + 1) * repetitionsPerRound; repetition++) {
      playMatches(table, contestants, settings, repetition * pairs, repetition * pairs + moduleMatches);
    }
    best = Math.max(best, (repetitionsPerRound * moduleMatches * turns) / ((performance.now() - started) / 1000));
  }
  return best;
}

const sandboxed = await movesPerSecond(false);
const sandboxedInTable = await tableMovesPerSecond();
// What a whole match against a built-in costs apart from its moves (1-turn matches), and what a move costs (10,000-turn matches).
const sandboxedMatchMicroseconds = 1e6 / (await movesPerSecond(false, 'built-in', 1, 300));
const sandboxedMoveNanoseconds = 1e9 / (await movesPerSecond(false, 'built-in', 10_000, 3));
const sandboxedModuleVsModule = await movesPerSecond(false, 'module');
const sandboxedMoveByMove = await movesPerSecond(false, 'move-by-move');
const trusted = await movesPerSecond(true);
const bin = fileURLToPath(new URL('../bin/cooplab.js', import.meta.url));
const walls = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'tournament', '--submissions', directory, '--turns', '200', '--repetitions', '5', '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  walls.push(performance.now() - started);
  if (run.status !== 0) throw new Error(run.stderr);
}
walls.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ sandboxed, sandboxedInTable, sandboxedMatchMicroseconds, sandboxedMoveNanoseconds, sandboxedModuleVsModule, sandboxedMoveByMove, trusted, tournament: { best: walls[0], median: walls[1] } })}\n`,
);
process.exit(0);
