import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { parseScenario, type Scenario } from '../cluster/scenario.js';
import { packageRoot } from '../version.js';
import { jsonNames } from './json.js';

function presetFolder(): string {
  return join(packageRoot(), 'scenarios');
}

/** The names of the preset scenarios shipped in scenarios/. */
export function presetNames(): string[] {
  return jsonNames(presetFolder());
}

/** A preset by name, or a scenario file by path. */
export function loadScenario(nameOrFile: string): Scenario {
  const preset = join(presetFolder(), `${nameOrFile}.json`);
  const isPreset = /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(preset);
  const path = isPreset ? preset : nameOrFile;
  if (!isPreset && !existsSync(path)) {
    throw new InputError(`unknown scenario '${nameOrFile}': expected a preset (${presetNames().join(', ')}) or a JSON file`);
  }
  return parseScenario(readJsonDocument(path, 'scenario', nameOrFile), isPreset ? `scenario '${nameOrFile}'` : nameOrFile);
}

/** The JSON document in a file (a scenario, an exercise); an InputError says what went wrong, naming the file as given. */
export function readJsonDocument(path: string, kind: string, given: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot read ${kind} file '${given}' (${error instanceof Error && 'code' in error ? String(error.code) : 'read failed'}): expected a readable JSON file`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${kind} file '${given}' is not valid JSON (${error instanceof Error ? error.message : String(error)}): expected a JSON object`);
  }
}
