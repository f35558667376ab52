import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';

describe('cooplab tournament', () => {
  it('prints a ranking table with the seed', () => {
    const run = cooplab(['tournament', '--strategies', 'tit-for-tat,defector,grudger', '--repetitions', '2']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('seed 1');
    expect(run.stdout).toMatch(/1\s+tit-for-tat\s+1\.998/);
    expect(run.stdout).toMatch(/3\s+defector\s+1\.020/);
  });

  it('writes the documented JSON shape, byte-identical for the same seed', () => {
    const args = ['tournament', '--strategies', 'classic', '--noise', '0.05', '--repetitions', '5', '--seed', '7', '--format', 'json'];
    const first = cooplab(args);
    const second = cooplab(args);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const document = JSON.parse(first.stdout);
    expect(document.seed).toBe(7);
    expect(document.strategies).toHaveLength(12);
    expect(document.strategies[0]).toBe('cooperator');
    expect(document.matrix).toHaveLength(12);
    expect(document.matrix[0]).toHaveLength(12);
    expect([...document.ranking].sort()).toEqual([...document.strategies].sort());
    expect(Object.keys(document.scores)).toEqual(document.strategies);
    const other = JSON.parse(cooplab([...args.slice(0, -4), '--seed', '8', '--format', 'json']).stdout);
    expect(other.matrix).not.toEqual(document.matrix);
  });

  it('writes tidy CSV, one row per match, to --out', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-'));
    const out = join(directory, 'matches.csv');
    const run = cooplab(['tournament', '-s', 'tit-for-tat,defector,cooperator', '-r', '4', '--no-self-play', '-f', 'csv', '-o', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('repetition,player,opponent,turns,player_score,opponent_score,player_cooperations,opponent_cooperations,forfeited');
    expect(lines).toHaveLength(1 + 4 * 3);
    expect(lines[1]).toBe('0,tit-for-tat,defector,200,199,204,1,0,0');
  });

  it('plays probabilistic match lengths and custom payoffs', () => {
    const run = cooplab(['tournament', '-s', 'tit-for-tat,defector', '--prob-end', '0.1', '--payoffs', '4,0,6,1', '-f', 'json']);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.settings).toMatchObject({ turns: null, prob_end: 0.1, payoffs: { R: 4, S: 0, T: 6, P: 1 } });
  });

  it('warns when 2R <= T + S but still plays', () => {
    const run = cooplab(['tournament', '-s', 'tit-for-tat,defector', '--payoffs', '3,0,7,1', '-r', '1']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^cooplab: warning: .*2R <= T \+ S/);
  });
});

describe('worker threads', () => {
  it('give byte-identical results for any number of workers', () => {
    // 5 million turns: three slices (of at least 2 million turns), one for each worker.
    const args = ['tournament', '--strategies', 'all', '--repetitions', '2', '--turns', '3000', '--noise', '0.05', '--seed', '5', '--format', 'json'];
    const single = cooplab([...args, '--workers', '1']);
    const parallel = cooplab([...args, '--workers', '3']);
    expect(single.status).toBe(0);
    expect(parallel.stdout).toBe(single.stdout);
  });
});

describe('bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown strategy, with suggestions', ['tournament', '-s', 'tit-for-tatt,defector'], /unknown strategy 'tit-for-tatt'.*did you mean 'tit-for-tat'/],
    ['malformed payoffs', ['tournament', '--payoffs', '3,0,5'], /'--payoffs <R,S,T,P>' argument '3,0,5' is invalid\. expected four numbers/],
    ['payoffs that are not a dilemma', ['tournament', '--payoffs', '5,0,3,1'], /not a prisoner's dilemma: expected T > R > P > S/],
    ['zero turns', ['tournament', '--turns', '0'], /--turns <n>' argument '0' is invalid\. expected a positive whole number/],
    ['negative turns', ['tournament', '--turns', '-5'], /argument '-5' is invalid\. expected a positive whole number/],
    ['noise above 1', ['tournament', '--noise', '1.5'], /'--noise <p>' argument '1\.5' is invalid\. expected a number from 0 to 1/],
    ['a prob-end of 0', ['tournament', '--prob-end', '0'], /'--prob-end <p>' argument '0' is invalid\. expected a number greater than 0 and at most 1/],
    ['an unknown option', ['tournament', '--turnz', '5'], /unknown option '--turnz'/],
    ['an unknown format', ['tournament', '--format', 'xml'], /argument 'xml' is invalid\. expected one of table, json, csv/],
    ['an unknown command', ['tournaments'], /unknown command 'tournaments'.*did you mean 'tournament'/],
    ['an unknown strategy to show', ['strategies', 'show', 'titfortat'], /unknown strategy 'titfortat'.*did you mean 'tit-for-tat'/],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what} with one line and exit code 2`, () => {
      const run = cooplab(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    });
  }

  it('plays a non-dilemma with --allow-any-game', () => {
    const run = cooplab(['tournament', '-s', 'tit-for-tat,defector', '--payoffs', '5,0,3,1', '--allow-any-game', '-r', '1']);
    expect(run.status).toBe(0);
  });
});

describe('cooplab strategies', () => {
  it('lists id, name, memory depth, stochastic and provenance', () => {
    const run = cooplab(['strategies']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^id\s+name\s+memory\s+stochastic\s+provenance/);
    expect(run.stdout).toMatch(/tit-for-tat\s+Tit For Tat\s+1\s+no\s+Anatol Rapoport/);
    expect(run.stdout).toMatch(/grudger\s+Grudger\s+inf\s+no/);
  });

  it('shows one strategy in full, and as JSON', () => {
    const run = cooplab(['strategies', 'show', 'prober']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Prober (prober)');
    expect(run.stdout).toContain('memory depth: inf');
    const json = JSON.parse(cooplab(['strategies', 'show', 'tit-for-tat', '--format', 'json']).stdout);
    expect(json).toMatchObject({ id: 'tit-for-tat', memory_depth: 1, stochastic: false, finite_state: true });
    // An unbounded memory is "inf" in JSON as in the table (JSON has no Infinity; null would read as missing).
    expect(JSON.parse(cooplab(['strategies', 'show', 'grudger', '--format', 'json']).stdout).memory_depth).toBe('inf');
  });
});
