import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { clusterCsv, clusterJson, clusterRunDocument, parseClusterRun } from '../../src/formats/cluster-run.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';

// The organisers' metrics (issue 16): columns after all others in the CSV, a field of each generation in the JSON.
const scenario = withOverrides(loadScenario('criciuma-association'), ['width=10', 'height=10']);
const run = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), { seed: 1, generations: 14 });

describe("organisers' metrics", () => {
  it('the CSV ends with each organiser’s members, budget, credibility, income and spending by instrument; empty before it is founded', () => {
    const rows = parse(clusterCsv(run), { columns: true }) as Record<string, string>[];
    const header = Object.keys(rows[0]!);
    expect(header.slice(-8)).toEqual([
      'organiser:technology-centre:members',
      'organiser:technology-centre:budget',
      'organiser:technology-centre:credibility',
      'organiser:technology-centre:income',
      'organiser:technology-centre:spent:activities',
      'organiser:technology-centre:spent:monitoring',
      'organiser:technology-centre:spent:mediation',
      'organiser:technology-centre:spent:cost_sharing',
    ]);
    expect(rows[9]!['organiser:technology-centre:members']).toBe('');
    const founded = run.records[10]!.organisers![0]!;
    expect(Number(rows[10]!['organiser:technology-centre:members'])).toBe(founded.members);
    expect(Number(rows[10]!['organiser:technology-centre:budget'])).toBe(founded.budget);
    expect(Number(rows[10]!['organiser:technology-centre:income'])).toBe(founded.accounts.fees);
    expect(Number(rows[10]!['organiser:technology-centre:spent:activities'])).toBe(1);
    expect(Number(rows[12]!['organiser:technology-centre:spent:cost_sharing'])).toBeGreaterThan(0);
  });

  it('the JSON holds them per generation and reads back; a run without organisers has no such field', () => {
    const document = parseClusterRun(JSON.parse(clusterJson(run, '0.1.0')), 'run.json');
    expect(document).toEqual(clusterRunDocument(run, '0.1.0'));
    expect(document.series[9]!.organisers).toBeUndefined();
    expect(document.series[10]!.organisers!['technology-centre']).toMatchObject({ running: 1, accounts: { activities: 1, monitoring: 0 } });
    const plain = withOverrides(loadScenario('training-first'), ['width=8', 'height=8']);
    const plainRun = runScenario(plain, requireStrategies(Object.keys(plain.parameters.strategies)), { seed: 1, generations: 2 });
    expect(clusterJson(plainRun, '0.1.0')).not.toContain('organisers');
  });
});
