import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDocument, withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario, presetNames, scenarioJson } from '../../src/formats/scenario-file.js';
import { withField, HOSTILE, HOSTILE_SHOWN, refusal, scratch, writeJson } from './refused.js';

const folder = scratch('scenario');

describe('scenario files', () => {
  it('read back what `cooplab scenarios show` writes, for every preset and with overrides', () => {
    for (const name of presetNames()) {
      const preset = loadScenario(name);
      const file = join(folder, `${name}.json`);
      writeFileSync(file, scenarioJson(preset));
      expect(loadScenario(file)).toEqual(preset);
    }
    const changed = withOverrides(loadScenario('sanctions'), ['sanctions.fine=2', 'width=12']);
    const file = join(folder, 'changed.json');
    writeFileSync(file, scenarioJson(changed));
    expect(loadScenario(file)).toEqual(changed);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(scenarioDocument(changed));
  });

  it('refuse a malformed file in one escaped line naming the file, the field, the value and what was expected', async () => {
    const preset = scenarioDocument(loadScenario('rivalry'));
    const badSeed = writeJson(folder, 'seed.json', withField(preset, 'seed', HOSTILE));
    expect(await refusal(() => loadScenario(badSeed))).toBe(`${badSeed}: seed: got ${HOSTILE_SHOWN}, expected a whole number >= 0`);
    const badKey = writeJson(folder, 'key.json', withField(preset, `parameters.${HOSTILE}`, 1));
    expect(await refusal(() => loadScenario(badKey))).toBe(
      `${badKey}: parameters: unknown field '\\u001b[2J\\u202eevil': expected only documented fields (see docs/model.md)`,
    );
    const unknown = join(folder, `missing${HOSTILE}.json`);
    expect(await refusal(() => loadScenario(unknown))).toMatch(
      /^no such scenario file '.*missing\\u001b\[2J\\u202eevil\.json': expected an existing JSON file or a preset \(/,
    );
  });
});
