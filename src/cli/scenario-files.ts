import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/game.js';
import { parseScenario, type Scenario } from '../cluster/scenario.js';
import { packageRoot } from '../version.js';

function presetFolder(): string {
  return join(packageRoot(), 'scenarios');
}

export function presetNames(): string[] {
  return readdirSync(presetFolder())
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** A preset by name, or a scenario file by path. */
export function loadScenario(nameOrFile: string): Scenario {
  const preset = join(presetFolder(), `${nameOrFile}.json`);
  const isPreset = /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(preset);
  const path = isPreset ? preset : nameOrFile;
  if (!isPreset && !existsSync(path)) {
    throw new InputError(`unknown scenario '${nameOrFile}': expected a preset (${presetNames().join(', ')}) or a JSON file`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read scenario file '${nameOrFile}' (${error instanceof Error && 'code' in error ? String(error.code) : 'read failed'}): expected a readable JSON file`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`scenario file '${nameOrFile}' is not valid JSON (${error instanceof Error ? error.message : String(error)}): expected a JSON object`);
  }
  return parseScenario(document, isPreset ? `scenario '${nameOrFile}'` : nameOrFile);
}
