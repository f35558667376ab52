import { describe, expect, it } from 'vitest';
import { EARLY_DEFAULTS, earlySweepWorkers, earlyTournamentWorkers } from '../../src/cli/early-start.js';
import { DEFAULT_TOURNAMENT } from '../../src/core/tournament.js';
import { classicStrategies } from '../../strategies/registry.js';

// 200 M turns: the classic dozen (78 pairs), 200 turns, 12,821 repetitions.
const BIG = ['tournament', '--strategies', 'classic', '--turns', '200', '--repetitions', '12821'];

describe('the early start of a tournament’s worker threads', () => {
  it('reads the defaults the tournament command plays with', () => {
    expect(EARLY_DEFAULTS.turns).toBe(DEFAULT_TOURNAMENT.turns);
    expect(EARLY_DEFAULTS.repetitions).toBe(DEFAULT_TOURNAMENT.repetitions);
    expect(EARLY_DEFAULTS.classic).toBe(classicStrategies.length);
  });

  it('starts the workers of an explicit --workers N and of the automatic choice on a big tournament, in every spelling of the options', () => {
    expect(earlyTournamentWorkers([...BIG, '--workers', '2'], 2, false)).toBe(1);
    expect(earlyTournamentWorkers([...BIG, '--workers=3'], 2, false)).toBe(2);
    expect(earlyTournamentWorkers(BIG, 2, false)).toBe(1);
    expect(earlyTournamentWorkers(BIG, 4, false)).toBe(3);
    expect(earlyTournamentWorkers(['tournament', '-r12821', '-t', '200'], 2, false)).toBe(1);
    expect(earlyTournamentWorkers(['tournament', '-s', 'tit-for-tat,defector', '--prob-end', '0.00001', '-r', '1000', '--workers', '2'], 2, false)).toBe(1);
    // At most four threads a core.
    expect(earlyTournamentWorkers([...BIG, '--workers', '64'], 2, false)).toBe(7);
  });

  it('starts none for another command, a small tournament, one worker, the live view, help, modules or a list it cannot count', () => {
    expect(earlyTournamentWorkers(['sweep', '--workers', '2'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers(['tournament', '-r', '10', '--workers', '2'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers(['tournament', '-r', '1000'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers([...BIG, '--workers', '1'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers([...BIG, '--no-self-play', '--workers', '2'], 2, false)).toBe(1);
    expect(earlyTournamentWorkers(BIG, 1, false)).toBe(0);
    expect(earlyTournamentWorkers(BIG, 2, true)).toBe(0);
    expect(earlyTournamentWorkers([...BIG, '-f', 'json'], 2, true)).toBe(1);
    expect(earlyTournamentWorkers([...BIG, '--help'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers([...BIG, '--strategy', 'mine.ts'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers([...BIG.slice(0, 1), '-s', 'all', ...BIG.slice(3)], 2, false)).toBe(0);
    expect(earlyTournamentWorkers([...BIG, '--workers', 'two'], 2, false)).toBe(0);
    expect(earlyTournamentWorkers([...BIG, '--workers'], 2, false)).toBe(0);
  });
});

describe('the early start of a sweep’s worker threads', () => {
  const SWEEP = ['sweep', '--scenario', 'training-first', '--grid', 'sanctions.fine=0:4:1', '--grid=trust.gain=0.05,0.1', '--out', 'x'];

  it('starts the workers of a sweep of several tasks: the cores by default, --workers N, never more than the tasks', () => {
    expect(earlySweepWorkers(SWEEP, 2)).toBe(1);
    expect(earlySweepWorkers([...SWEEP, '--workers', '4'], 2)).toBe(3);
    expect(earlySweepWorkers([...SWEEP, '--seeds', '2', '--workers', '64'], 2)).toBe(7);
    expect(earlySweepWorkers(['sweep', '--grid', 'sanctions.fine=0,1', '--workers', '8', '-o', 'x'], 2)).toBe(1);
    expect(earlySweepWorkers(['sweep', '--seeds', '3', '--workers=3', '-o', 'x'], 2)).toBe(2);
    // Shard 2 of 5 of ten tasks: two.
    expect(earlySweepWorkers([...SWEEP, '--shard', '2/5', '--workers', '4'], 2)).toBe(1);
  });

  it('starts none for one task, one worker, one core, help, modules or a grid it cannot read', () => {
    expect(earlySweepWorkers(['sweep', '-o', 'x'], 2)).toBe(0);
    expect(earlySweepWorkers([...SWEEP, '--workers', '1'], 2)).toBe(0);
    expect(earlySweepWorkers(SWEEP, 1)).toBe(0);
    expect(earlySweepWorkers([...SWEEP, '-h'], 2)).toBe(0);
    expect(earlySweepWorkers([...SWEEP, '--strategy', 'mine.ts'], 2)).toBe(0);
    expect(earlySweepWorkers(['sweep', '--grid', 'sanctions.fine=4:0:1', '-o', 'x'], 2)).toBe(0);
    expect(earlySweepWorkers([...SWEEP, '--shard', 'half'], 2)).toBe(0);
    expect(earlySweepWorkers(['tournament', ...SWEEP.slice(1)], 2)).toBe(0);
  });
});
