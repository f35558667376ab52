import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercise, loadPack } from '../../src/formats/exercise-file.js';
import { prettyJson } from '../../src/formats/json.js';
import { withField, HOSTILE, HOSTILE_SHOWN, refusal, scratch, writeJson } from './refused.js';

const folder = scratch('exercise');

describe('exercise files', () => {
  it('read back what `cooplab exercises --format json` writes, for every exercise of the pack', () => {
    for (const { exercise } of loadPack()) {
      const file = join(folder, `${exercise.id}.json`);
      writeFileSync(file, prettyJson(exercise));
      expect(loadExercise(file).exercise).toEqual(exercise);
    }
  });

  it('refuse a malformed file in one escaped line naming the file, the field, the value and what was expected', async () => {
    const { exercise } = loadExercise('lone-pioneer');
    const badMinutes = writeJson(folder, 'minutes.json', withField(exercise, 'minutes', HOSTILE));
    expect(await refusal(() => loadExercise(badMinutes))).toMatch(
      new RegExp(`^${badMinutes}: minutes: got ${HOSTILE_SHOWN.replace(/[\\[\]]/g, '\\$&')}, expected `),
    );
    const badKey = writeJson(folder, 'key.json', withField(exercise, HOSTILE, true));
    expect(await refusal(() => loadExercise(badKey))).toBe(
      `${badKey}: the file: unknown field '\\u001b[2J\\u202eevil': expected only documented fields (see docs/teaching.md)`,
    );
  });
});
