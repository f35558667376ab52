import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetNames } from '../src/formats/scenario-file.js';

describe('the presets in the docs', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const scenarios = readFileSync(new URL('../docs/scenarios.md', import.meta.url), 'utf8');

  it.each(presetNames())('names the preset %s in README.md and docs/scenarios.md', (name) => {
    expect(readme).toContain(`\`${name}\``);
    expect(scenarios).toContain(name);
  });
});
