import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIN_SLICE_TURNS, SLICES_PER_THREAD, tournamentSlices } from '../../src/cli/tournament-parallel.js';
import { workerThreads } from '../../src/cli/worker-threads.js';

afterEach(() => vi.restoreAllMocks());

function written(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('workerThreads', () => {
  it('starts no more threads than tasks, and says nothing about a sane request', () => {
    const lines = written();
    expect(workerThreads(8, 3, 2)).toBe(3);
    expect(workerThreads(2, 10, 2)).toBe(2);
    expect(workerThreads(4, 0, 2)).toBe(1);
    expect(workerThreads(0, 5, 2)).toBe(0);
    expect(lines).toEqual([]);
  });

  it('starts at most four threads per core, and says so on one line when asked for more', () => {
    const lines = written();
    expect(workerThreads(1000, 12, 2)).toBe(8);
    expect(workerThreads(9, 3, 2)).toBe(3);
    expect(workerThreads(8, 100, 2)).toBe(8);
    expect(lines).toEqual([
      'cooplab: warning: --workers 1000 is more than 4 threads per core (this machine has 2): expected at most 8; using 8\n',
      'cooplab: warning: --workers 9 is more than 4 threads per core (this machine has 2): expected at most 8; using 3 (no more than the tasks)\n',
    ]);
  });
});

describe('tournamentSlices', () => {
  it('cuts a tiny tournament into one slice and a big one into up to SLICES_PER_THREAD per worker', () => {
    expect(tournamentSlices(12, 20, 64)).toBe(1);
    expect(tournamentSlices(1000, MIN_SLICE_TURNS, 64)).toBe(1000);
    expect(tournamentSlices(1000, MIN_SLICE_TURNS, 2)).toBe(2 * SLICES_PER_THREAD);
    expect(tournamentSlices(10_000, MIN_SLICE_TURNS / 1000, 2)).toBe(10);
    expect(tournamentSlices(10, MIN_SLICE_TURNS * 100, 8)).toBe(10);
  });
});
