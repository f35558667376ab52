import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ClassSession } from '../../src/classroom/session.js';
import { classDocument, classJson, MOVE_COLUMNS, movesCsv, readClassDocument } from '../../src/formats/class-results.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { withField, HOSTILE, HOSTILE_SHOWN, refusal, scratch, writeJson } from './refused.js';

/** Three students over three rounds, one of whom does not answer in the last. */
function playedSession(): ClassSession {
  const session = new ClassSession(
    {
      mode: 'pairwise',
      rounds: 3,
      timeLimit: 20,
      defaultMove: 'D',
      scenario: loadScenario('rivalry'),
      seed: 2,
      fill: [],
      seats: 0,
      sanctions: { fine: 3, detection: 1 },
    },
    () => 'token',
  );
  const seats = ['Ana', 'Ben', 'Caro'].map((name) => {
    const joined = session.join(name, undefined);
    if (!joined.ok) throw new Error(joined.reason);
    return joined.seat;
  });
  session.start();
  for (let round = 1; round <= 3; round++) {
    if (round === 2) session.apply({ type: 'toggle-activity', index: 0 });
    session.openRound(round * 1000);
    for (const seat of seats) if (!(round === 3 && seat === 2)) session.choose(seat, round, seat === 0 ? 'D' : 'C');
    if (round === 3) session.close();
  }
  return session;
}

const folder = scratch('class');
const document = classDocument(playedSession(), '0.1.0');
const file = join(folder, 'class.json');
writeFileSync(file, classJson(document));

describe('class.json', () => {
  it('reads back what it wrote', () => {
    const read = readClassDocument(file);
    expect(read).toEqual(document);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ rounds_played: 3, settings: { time_limit: document.settings.timeLimit, default_move: document.settings.defaultMove } });
    expect(written.series[0]).toMatchObject({ mutual_cooperation: document.series[0]!.mutualCooperation, mean_trust: document.series[0]!.meanTrust });
    expect(read.students.map((student) => student.name).sort()).toEqual(['Ana', 'Ben', 'Caro']);
    expect(read.roundsPlayed).toBe(3);
  });

  it('refuses a malformed file in one escaped line', async () => {
    const wrongMode = writeJson(folder, 'mode.json', withField(document, 'mode', HOSTILE));
    expect(await refusal(() => readClassDocument(wrongMode))).toBe(
      `class session '${wrongMode}': mode: got ${HOSTILE_SHOWN}, expected "pairwise" or "lattice"`,
    );
    const wrongMove = writeJson(folder, 'move.json', withField(document, 'moves.2.move', 'cooperate'));
    expect(await refusal(() => readClassDocument(wrongMove))).toBe(`class session '${wrongMove}': moves.2.move: got "cooperate", expected "C" or "D"`);
  });
});

describe('moves.csv', () => {
  it('holds every move of class.json, one row each, with answered as 1 or 0', () => {
    const rows = parse(movesCsv(document.moves), { columns: true, cast: true }) as Record<string, string | number>[];
    expect(Object.keys(rows[0]!)).toEqual([...MOVE_COLUMNS]);
    expect(rows).toEqual(document.moves.map((move) => ({ ...move, answered: move.answered ? 1 : 0 })));
    expect(rows.some((row) => row.answered === 0)).toBe(true);
  });
});
