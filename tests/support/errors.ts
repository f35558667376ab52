import { expect } from 'vitest';
import { InputError } from '../../src/core/errors.js';

/** The message of the InputError `run` throws (the one line the CLI would print). */
export function inputError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

/** The message of the InputError the promise of `run` rejects with. */
export async function asyncInputError(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}
