import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { inPackOrder, parseExercise, type Exercise } from '../classroom/exercise.js';
import { didYouMean } from '../../strategies/registry.js';
import { packFolder, packIds } from './pack.js';
import { jsonNames } from './json.js';
import { loadScenario, looksLikeFile, presetNames } from './scenario-file.js';
import { readJsonFile } from './document.js';
import type { Scenario } from '../cluster/scenario.js';

/**
 * Exercise files (docs/teaching.md lists every field; docs/formats.md): the shipped pack in
 * exercises/ and any file a teacher writes. The schema and `parseExercise` stay in
 * src/classroom/exercise.ts: an exercise is the classroom's own model (its task kinds, choices
 * and checks are what the exercise runner, the UI and the text mode work with), and the
 * classroom needs it without I/O. This module does the I/O: finding a pack exercise or a
 * file, reading it, and the scenario files it names relative to itself. `cooplab exercises
 * --format json` writes the pack back out as the same documents.
 */

/** An exercise as read: where it came from, for messages and for the scenario files it names. */
export interface LoadedExercise {
  readonly exercise: Exercise;
  /** How messages name it: `exercise 'lone-pioneer'` or the path given. */
  readonly origin: string;
  /** The folder a teacher's scenario files are found in, relative to the exercise file. */
  readonly folder: string;
}

function readExercise(path: string, given: string, origin: string): LoadedExercise {
  return { exercise: parseExercise(readJsonFile(path, 'exercise', given), origin), origin, folder: dirname(resolve(path)) };
}

/** An exercise of the pack by id, or an exercise file by path. */
export function loadExercise(idOrFile: string): LoadedExercise {
  const preset = join(packFolder(), `${idOrFile}.json`);
  if (/^[a-z0-9-]+$/.test(idOrFile) && existsSync(preset)) return readExercise(preset, idOrFile, `exercise '${idOrFile}'`);
  if (!existsSync(idOrFile)) {
    const ids = packIds();
    if (looksLikeFile(idOrFile)) {
      throw new InputError(`no such exercise file '${printable(idOrFile)}': expected an existing JSON file or an id listed by 'cooplab exercises'`);
    }
    throw new InputError(
      `unknown exercise '${printable(idOrFile)}': expected an id listed by 'cooplab exercises' or an exercise JSON file${didYouMean(idOrFile, ids)}`,
    );
  }
  return readExercise(idOrFile, idOrFile, printable(idOrFile));
}

/** The whole pack, in the order of the argument. */
export function loadPack(): LoadedExercise[] {
  const loaded = packIds().map((id) => loadExercise(id));
  const order = inPackOrder(loaded.map((entry) => entry.exercise));
  return order.map((exercise) => loaded.find((entry) => entry.exercise === exercise)!);
}

/** The exercise files named by --check: a file, or every JSON file of a folder. */
export function exerciseFilesIn(target: string): string[] {
  let folder: boolean;
  try {
    folder = statSync(target).isDirectory();
  } catch {
    throw new InputError(`cannot read --check '${printable(target)}': expected an exercise JSON file or a folder of them`);
  }
  if (!folder) return [target];
  const files = jsonNames(target).map((name) => join(target, `${name}.json`));
  if (files.length === 0) throw new InputError(`--check '${printable(target)}' holds no .json files: expected exercise JSON files`);
  return files;
}

/** A scenario an exercise names: a preset, or a file relative to the exercise's own folder. */
export function scenarioFor(loaded: LoadedExercise, name: string): Scenario {
  // A bare name that is no preset is a mistyped preset (told as such), not a file beside the exercise.
  return loadScenario(presetNames().includes(name) || isAbsolute(name) || !looksLikeFile(name) ? name : join(loaded.folder, name));
}
