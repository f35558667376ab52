import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../core/errors.js';
import { TEMPLATE_PROVENANCE } from '../modules/validate.js';

function kebab(value: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(value)) throw new InvalidArgumentError('expected a kebab-case name such as patient-tit-for-tat');
  return value;
}

/** 'patient-tft' → 'Patient TFT': a word without vowels is an abbreviation (tft, tf2t, wsls, zd). */
const title = (id: string) =>
  id
    .split('-')
    .map((word) => (/^[^aeiouy]+$/.test(word) ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1)))
    .join(' ');

export function strategyTemplate(id: string): string {
  return `/**
 * ${title(id)}.
 * Provenance: who proposed it and where (author, year, publication) — or "my own, <date>".
 *
 * A cooplab strategy module: the default export is the strategy. Import only your own files
 * and 'cooplab'. Use no randomness but view.random() and do no I/O: modules run in a sandbox.
 * Check it with:  npx cooplab validate ${id}.ts
 * Play it with:   npx cooplab tournament --strategy ${id}.ts --strategies classic
 */
import type { Move, MoveView } from 'cooplab';
import { defineStrategy } from 'cooplab';

export default defineStrategy(
  {
    id: '${id}',
    name: '${title(id)}',
    description: 'Co-operates first; then defects only if the partner defected in two of the last three rounds.',
    provenance: '${TEMPLATE_PROVENANCE}',
    // memoryDepth: how many past rounds the rule looks at (Infinity if unbounded);
    // stochastic: whether it calls view.random().
    classifier: { memoryDepth: 3, stochastic: false },
  },
  () => ({
    move(view: MoveView): Move {
      // view.own / view.opponent: the moves so far (length, last, at(i), defectionsInLast(n), …),
      // view.round, view.game ({ R, S, T, P }), view.turns (undefined with a probabilistic end),
      // view.random() (your seeded stream), view.cluster (activity, trust, sanctions on the lattice).
      return view.opponent.defectionsInLast(3) >= 2 ? 'D' : 'C';
    },
  }),
);
`;
}

export function strategyTestTemplate(id: string): string {
  return `// Run with:  npx vitest run ${id}.test.ts   (inside a cooplab checkout, or where cooplab is installed)
import { describe, expect, it } from 'vitest';
import { playAgainst } from 'cooplab';
import strategy from './${id}.js';

describe('${id}', () => {
  it('co-operates with a co-operator', () => {
    expect(playAgainst(strategy, 'cooperator', { turns: 5 }).moves).toBe('CCCCC');
  });

  it('answers repeated defection', () => {
    expect(playAgainst(strategy, 'defector', { turns: 5 }).moves).toBe('CCDDD');
  });
});
`;
}

export function addNewStrategyCommand(program: Command): void {
  program
    .command('new-strategy <name>')
    .description('write a commented strategy module template and a matching test file')
    .option('--dir <folder>', 'where to write them', '.')
    .action((name: string, options: { dir: string }) => {
      const id = kebab(name);
      const module = join(options.dir, `${id}.ts`);
      const test = join(options.dir, `${id}.test.ts`);
      for (const file of [module, test]) {
        if (existsSync(file)) throw new InputError(`'${file}' already exists: expected a new name (nothing was written)`);
      }
      writeFileSync(module, strategyTemplate(id));
      writeFileSync(test, strategyTestTemplate(id));
      process.stdout.write(`wrote ${module} and ${test}\n`);
    });
}
