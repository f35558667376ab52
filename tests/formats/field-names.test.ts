import { describe, expect, it } from 'vitest';
import { camelCase, pathInFile, snakeCase, toFileFields, toMemoryFields } from '../../src/formats/field-names.js';

describe('field names in files', () => {
  it('snake_case in files, camelCase in memory, and names without a camel hump unchanged', () => {
    expect(['meanTrust', 'cooperationLowRisk', 'ci95', 'R', 'seed', 'mean_trust'].map(snakeCase)).toEqual([
      'mean_trust',
      'cooperation_low_risk',
      'ci95',
      'R',
      'seed',
      'mean_trust',
    ]);
    expect(['mean_trust', 'cooperation_low_risk', 'meanTrust', 'ci95', 'R'].map(camelCase)).toEqual([
      'meanTrust',
      'cooperationLowRisk',
      'meanTrust',
      'ci95',
      'R',
    ]);
  });

  const rules = { scenario: 'verbatim', 'series.*.strategies': 'data' } as const;
  const document = {
    rootSeed: 1,
    scenario: { startYear: 1990, parameters: { trust: { gainRate: 1 } } },
    series: [{ meanTrust: 0.5, strategies: { titForTat_x: 0.5, 'grim-trigger': 0.5 }, organisers: { costSharing: 1 } }],
  };

  it('renames field names both ways, and leaves input files and names that are data as they are', () => {
    const file = toFileFields(document, rules);
    expect(file).toEqual({
      root_seed: 1,
      scenario: { startYear: 1990, parameters: { trust: { gainRate: 1 } } },
      series: [{ mean_trust: 0.5, strategies: { titForTat_x: 0.5, 'grim-trigger': 0.5 }, organisers: { cost_sharing: 1 } }],
    });
    expect(toMemoryFields(file, rules)).toEqual(document);
    // A file from before the convention is already in memory's spelling.
    expect(toMemoryFields(document, rules)).toEqual(document);
  });

  it('spells a path of the renamed document as the file does', () => {
    expect(pathInFile(toFileFields(document, rules), ['series', 0, 'meanTrust'])).toEqual(['series', 0, 'mean_trust']);
    expect(pathInFile(document, ['series', 0, 'meanTrust'])).toEqual(['series', 0, 'meanTrust']);
    expect(pathInFile(toFileFields(document, rules), ['rootSeed'])).toEqual(['root_seed']);
  });
});
