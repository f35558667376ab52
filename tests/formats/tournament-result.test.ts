import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CLASSIC_GAME } from '../../src/core/game.js';
import { DEFAULT_TOURNAMENT, runTournament } from '../../src/core/tournament.js';
import { readTournament, TOURNAMENT_CSV_COLUMNS, tournamentCsv, tournamentDocument, tournamentJson } from '../../src/formats/tournament-result.js';
import { resolveStrategyList } from '../../strategies/registry.js';
import { withField, HOSTILE, HOSTILE_SHOWN, refusal, scratch, writeJson } from './refused.js';

const folder = scratch('tournament');
const result = runTournament(resolveStrategyList('tit-for-tat,defector,grudger'), { ...DEFAULT_TOURNAMENT, game: CLASSIC_GAME, turns: 20, repetitions: 3 });
const disqualified = [{ file: 'broken.js', id: null, reason: 'has no default export: expected `export default` a strategy' }];
const file = join(folder, 'tournament.json');
writeFileSync(file, tournamentJson(result, '0.1.0', disqualified));

describe('a tournament as JSON', () => {
  it('reads back what it wrote', async () => {
    const read = await readTournament(file);
    expect(read).toEqual(tournamentDocument(result, '0.1.0', disqualified));
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.settings).toMatchObject({ prob_end: null, self_play: read.settings.selfPlay });
    expect(written.summary[0]).toMatchObject({ mean_per_turn: read.summary[0]!.meanPerTurn, cooperation_rate: read.summary[0]!.cooperationRate });
    expect(read.ranking).toHaveLength(3);
    expect(read.summary[0]!.ci95).toHaveLength(2);
  });

  it('writes a mean over nothing (NaN) as null and reads it back as null', async () => {
    const lone = runTournament(resolveStrategyList('tit-for-tat', undefined, 1), {
      ...DEFAULT_TOURNAMENT,
      game: CLASSIC_GAME,
      turns: 5,
      repetitions: 1,
      selfPlay: false,
    });
    const loneFile = join(folder, 'lone.json');
    writeFileSync(loneFile, tournamentJson(lone, '0.1.0'));
    const read = await readTournament(loneFile);
    expect(read.summary[0]!.cooperationRate).toBeNull();
    expect(read.matrix).toEqual([[null]]);
  });

  it('refuses a malformed file in one escaped line', async () => {
    const original = JSON.parse(readFileSync(file, 'utf8'));
    const short = writeJson(folder, 'short.json', withField(original, 'summary.1.ci95', [1]));
    expect(await refusal(() => readTournament(short))).toBe(`tournament '${short}': summary.1.ci95: got [1], expected at least 2 entries`);
    const hostile = writeJson(folder, 'hostile.json', withField(original, 'settings.selfPlay', HOSTILE));
    expect(await refusal(() => readTournament(hostile))).toBe(`tournament '${hostile}': settings.selfPlay: got ${HOSTILE_SHOWN}, expected true or false`);
    const missing = join(folder, 'nothing.json');
    expect(await refusal(() => readTournament(missing))).toBe(`cannot read tournament file '${missing}' (ENOENT): expected a readable JSON file`);
  });
});

describe('a tournament as CSV', () => {
  it('holds one row per match with the documented columns', () => {
    const rows = parse(tournamentCsv(result), { columns: true, cast: true }) as Record<string, number | string>[];
    expect(Object.keys(rows[0]!)).toEqual([...TOURNAMENT_CSV_COLUMNS]);
    expect(rows).toHaveLength(result.matches.length);
    const ids = result.strategies;
    rows.forEach((row, index) => {
      const match = result.matches[index]!;
      expect([row.player, row.opponent, row.turns, row.player_score, row.opponent_score]).toEqual([
        ids[match.first],
        ids[match.second],
        match.turns,
        match.scores[0],
        match.scores[1],
      ]);
    });
  });
});
