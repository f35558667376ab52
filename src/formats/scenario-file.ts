import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { parseScenario, scenarioDocument, scenarioNameOf, type Scenario } from '../cluster/scenario.js';
import { didYouMean } from '../../strategies/registry.js';
import { packageRoot } from '../version.js';
import { readJsonFile } from './document.js';
import { jsonNames, prettyJson } from './json.js';

/**
 * Scenario files (docs/scenarios.md, docs/formats.md): the presets in scenarios/ and any file a
 * user writes. The schema (`scenarioFileSchema`), the parser and `scenarioDocument` stay in
 * src/cluster/scenario.ts: a scenario is the cluster model's own input, checked against the
 * model's parameter schema and timeline rules, and the cluster layer needs it without any I/O
 * (workers, sweeps, the library API). This module does the I/O: finding a preset, reading a
 * file, and writing a scenario out as a file.
 */

function presetFolder(): string {
  return join(packageRoot(), 'scenarios');
}

/** The names of the preset scenarios shipped in scenarios/. */
export function presetNames(): string[] {
  return jsonNames(presetFolder());
}

/** Whether the user meant a file (a path or a .json name) rather than a preset's name. */
export function looksLikeFile(nameOrFile: string): boolean {
  return /[/\\]/.test(nameOrFile) || nameOrFile.toLowerCase().endsWith('.json');
}

/** A preset by name, or a scenario file by path. */
export function loadScenario(nameOrFile: string): Scenario {
  const preset = join(presetFolder(), `${nameOrFile}.json`);
  const isPreset = /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(preset);
  const path = isPreset ? preset : nameOrFile;
  if (!isPreset && !existsSync(path)) {
    const presets = presetNames();
    if (looksLikeFile(nameOrFile)) {
      throw new InputError(`no such scenario file '${printable(nameOrFile)}': expected an existing JSON file or a preset (${presets.join(', ')})`);
    }
    throw new InputError(
      `unknown scenario '${printable(nameOrFile)}': expected a preset (${presets.join(', ')}) or a JSON file${didYouMean(nameOrFile, presets)}`,
    );
  }
  return parseScenario(readJsonFile(path, 'scenario', nameOrFile), isPreset ? `scenario '${nameOrFile}'` : printable(nameOrFile), scenarioNameOf(path));
}

/** The scenario as a file: only what differs from the defaults, ready to copy and edit (`cooplab scenarios show`). */
export function scenarioJson(scenario: Scenario): string {
  return prettyJson(scenarioDocument(scenario));
}
