import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';

/**
 * Writing files: every file cooplab writes goes through writeFileAtomically, so an interrupted or
 * failed write never leaves half a file or a stray temporary file, and a failure is one line that
 * says what could not be written and why.
 */

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

/** A file that could not be written or read for a reason of the machine's (permissions, a full disk): exit 1, not a bad input. */
export class FileSystemError extends Error {
  override readonly name = 'FileSystemError';
}

/** Why a file operation failed, in words (`permission denied (EACCES)`). */
export function fileErrorReason(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  if (code === undefined) return error instanceof Error ? printable(error.message, 120) : 'failed';
  return `${REASONS[code] ?? 'failed'} (${code})`;
}

/** Writes `text` to `file` whole or not at all, through a temporary file beside it that is removed whatever happens. */
export function writeFileAtomically(file: string, text: string | Uint8Array): void {
  if (file.trim() === '') throw new InputError("invalid output file '': expected a file path");
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new FileSystemError(`cannot write '${printable(file)}': ${fileErrorReason(error)}`);
  }
}

/** Writes a command's result to --out (atomically) or to stdout. */
export function emit(text: string, out: string | undefined): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  if (out.trim() === '') throw new InputError("invalid --out '': expected a file path");
  writeFileAtomically(out, text);
}

export function warn(message: string): void {
  process.stderr.write(`cooplab: warning: ${message}\n`);
}
