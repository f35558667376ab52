import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cooplab } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

const sweep = [
  'sweep',
  '--scenario',
  'training-first',
  '--size',
  '12x12',
  '-g',
  '25',
  '--grid',
  'sanctions.fine=0,3',
  '--grid',
  'trust.gain=0.05:0.15:0.05',
  '--seeds',
  '2',
];
const outputs = (directory: string) => ['results.csv', 'series.csv', 'manifest.json'].map((file) => readFileSync(join(directory, file), 'utf8'));
const folder = () => mkdtempSync(join(tmpdir(), 'cooplab-sweep-'));

describe('cooplab sweep', () => {
  const reference = folder();
  const first = cooplab([...sweep, '--out', reference, '--workers', '1']);

  it('writes one row per task (2 × 3 combinations × 2 seeds), the series and a manifest', () => {
    expect(first.status).toBe(0);
    const [results, series, manifest] = outputs(reference);
    const rows = results!.trim().split('\n');
    expect(rows[0]).toMatch(/^task,sanctions\.fine,trust\.gain,seed_index,seed,final_cooperation,.*,avg_cooperation,/);
    expect(rows).toHaveLength(1 + 12);
    expect(rows.slice(1).map((row) => row.split(',').slice(1, 4).join(','))).toEqual([
      '0,0.05,1',
      '0,0.05,2',
      '0,0.1,1',
      '0,0.1,2',
      '0,0.15,1',
      '0,0.15,2',
      '3,0.05,1',
      '3,0.05,2',
      '3,0.1,1',
      '3,0.1,2',
      '3,0.15,1',
      '3,0.15,2',
    ]);
    expect(series!.trim().split('\n')).toHaveLength(1 + 12 * 26);
    expect(JSON.parse(manifest!)).toMatchObject({
      seeds: 2,
      generations: 25,
      tasks: 12,
      grid: [
        { path: 'sanctions.fine', values: [0, 3] },
        { path: 'trust.gain', values: [0.05, 0.1, 0.15] },
      ],
    });
  });

  it('gives byte-identical results on 2 workers', () => {
    const parallel = folder();
    expect(cooplab([...sweep, '--out', parallel, '--workers', '2']).status).toBe(0);
    expect(outputs(parallel)).toEqual(outputs(reference));
  });

  it('resumes: a rerun skips finished tasks, and an interrupted sweep ends byte-identical', () => {
    const resumed = folder();
    expect(cooplab([...sweep, '--out', resumed, '--workers', '1']).status).toBe(0);
    // As if interrupted: half the tasks and the assembled outputs are gone.
    const tasks = readdirSync(join(resumed, 'tasks')).sort();
    for (const name of tasks.slice(0, 6)) rmSync(join(resumed, 'tasks', name));
    rmSync(join(resumed, 'results.csv'));
    rmSync(join(resumed, 'series.csv'));
    const again = cooplab([...sweep, '--out', resumed, '--workers', '2']);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/12\/12 tasks/);
    expect(outputs(resumed)).toEqual(outputs(reference));
  });

  it.each(['1', '2'])('survives SIGTERM mid-run on %s thread(s), exiting by itself, and resumes to the same bytes', async (workers) => {
    const killed = folder();
    const child = spawn(process.execPath, [BIN, ...sweep, '--out', killed, '--workers', workers], { stdio: 'ignore' });
    const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
    // Kill it once the first task is saved: mid-run, with tasks done and tasks to go.
    const tasks = join(killed, 'tasks');
    await waitFor(() => existsSync(tasks) && readdirSync(tasks).some((name) => name.endsWith('.json')), 'the first saved task', { timeout: 90_000 });
    child.kill('SIGTERM');
    // The sweep hears the signal, ends the tasks in flight and exits 130 (0 if it had just finished);
    // never killed by the signal, nor by a crash while its worker threads are torn down.
    const [code, signal] = await exited;
    expect(signal).toBeNull();
    expect([0, 130]).toContain(code);
    // Every saved task is whole (a write in flight is at most a .tmp file, removed on resume).
    for (const name of readdirSync(tasks).filter((file) => file.endsWith('.json')))
      expect(() => JSON.parse(readFileSync(join(tasks, name), 'utf8'))).not.toThrow();
    expect(cooplab([...sweep, '--out', killed, '--workers', '1']).status).toBe(0);
    expect(outputs(killed)).toEqual(outputs(reference));
  });

  it('runs as 3 shards in separate processes whose merge equals the single run', async () => {
    const shards = [folder(), folder(), folder()];
    await Promise.all(
      shards.map(
        (directory, index) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, [BIN, ...sweep, '--out', directory, '--workers', '1', '--shard', `${index + 1}/3`], { stdio: 'ignore' });
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`shard ${index + 1} exited ${code}`))));
          }),
      ),
    );
    expect(shards.map((directory) => readdirSync(join(directory, 'tasks')).length)).toEqual([4, 4, 4]);
    const merged = folder();
    const merge = cooplab(['merge', ...shards, '--out', merged]);
    expect(merge.status).toBe(0);
    expect(merge.stderr).toMatch(/merged 12 of 12 tasks/);
    expect(outputs(merged)).toEqual(outputs(reference));
  });

  it('refuses a bad grid, a bad shard and a folder holding another sweep with one line and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['sweep', '--grid', 'trust.gain', '--out', folder()], /invalid --grid 'trust\.gain': expected path=values/],
      [['sweep', '--grid', 'trust.gane=0,1', '--out', folder()], /unknown parameter 'trust\.gane'/],
      [['sweep', '--grid', 'trust.gain=0,2', '--out', folder()], /trust\.gain: got 2, expected a number from 0 to 1/],
      [['sweep', '--shard', '4/3', '--out', folder()], /'--shard <i\/n>' argument '4\/3' is invalid/],
      [[...sweep.slice(0, -2), '--seeds', '3', '--out', reference], /holds a different sweep/],
    ];
    for (const [args, message] of cases) {
      const run = cooplab(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
