import { InvalidArgumentError } from 'commander';
import { InputError } from '../core/errors.js';
import { parsePayoffs, type Game } from '../core/game.js';
import { printable } from '../core/printable.js';
import { MAX_GENERATIONS } from '../cluster/run-limits.js';

/** Option parsers shared by every command; each rejects with a message naming what was expected. */

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new InvalidArgumentError('expected a positive whole number');
  }
  return parsed;
}

export function seedValue(value: string): number {
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError('expected a whole number from 0 to 9007199254740991');
  }
  return parsed;
}

/** A probability in [0, 1]. */
export function probability(value: string): number {
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return parsed;
}

/** A probability in (0, 1]: a per-round chance that a match ends. */
export function endProbability(value: string): number {
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  if (!(parsed > 0 && parsed <= 1)) throw new InvalidArgumentError('expected a number greater than 0 and at most 1');
  return parsed;
}

export function payoffs(value: string): Game {
  try {
    return parsePayoffs(value);
  } catch {
    throw new InvalidArgumentError('expected four numbers R,S,T,P such as 3,0,5,1');
  }
}

export type OutputFormat = 'table' | 'json' | 'csv';

/** One of a fixed list of words. */
export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

export function formatChoice(allowed: readonly OutputFormat[]): (value: string) => OutputFormat {
  return choice(allowed);
}

/** Gathers a repeatable option's values. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A whole number >= 0. */
export function count(value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0');
  return Number(value);
}

/** A positive number of seconds. */
export function seconds(value: string): number {
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  if (!(parsed > 0 && parsed <= 86_400)) throw new InvalidArgumentError('expected a number of seconds greater than 0');
  return parsed;
}

/**
 * An output path (--out, --svg), checked before any work starts: an empty one would mean the
 * current folder, or fail only after a long run. The same one line as a failed write names.
 */
export function outputPath(flag: string, expected: 'a file path' | 'a folder path'): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new InputError(`invalid ${flag} '${printable(value)}': expected ${expected}`);
    return value;
  };
}

/** --generations: the same bound a scenario file has, so no flag asks for a run that never ends. */
export function generationCount(least: 0 | 1): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !(parsed >= least && parsed <= MAX_GENERATIONS))
      throw new InvalidArgumentError(`expected a whole number from ${least} to ${MAX_GENERATIONS}`);
    return parsed;
  };
}
