import { writeFileSync, renameSync } from 'node:fs';
import { InputError } from '../core/errors.js';

/**
 * Writes a command's result to --out (through a temporary file, so an interrupted write never
 * leaves half a file) or to stdout.
 */
export function emit(text: string, out: string | undefined): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  const temporary = `${out}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, out);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'write failed';
    throw new InputError(`cannot write --out '${out}' (${reason}): expected a writable file path`);
  }
}

export function warn(message: string): void {
  process.stderr.write(`cooplab: warning: ${message}\n`);
}
