import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import type { Strategy } from '../core/strategy.js';
import { builtinStrategies, didYouMean, findStrategy } from '../../strategies/registry.js';
import { toFileFields } from '../formats/field-names.js';
import { prettyJson } from '../formats/json.js';
import { emit } from '../formats/output.js';
import { formatChoice, type OutputFormat } from './options.js';

function memoryDepth(strategy: Strategy): string {
  return Number.isFinite(strategy.classifier.memoryDepth) ? String(strategy.classifier.memoryDepth) : 'inf';
}

/**
 * JSON cannot hold Infinity: an unbounded memory is written "inf", as the table says and as
 * Axelrod-Python prints it. Field names in snake_case like every data file; a parameter's name is
 * the module's own.
 */
function describe(strategy: Strategy): unknown {
  return toFileFields(
    {
      id: strategy.id,
      name: strategy.name,
      description: strategy.description,
      provenance: strategy.provenance,
      memoryDepth: Number.isFinite(strategy.classifier.memoryDepth) ? strategy.classifier.memoryDepth : memoryDepth(strategy),
      stochastic: strategy.classifier.stochastic,
      finiteState: strategy.finiteState !== undefined,
      parameters: strategy.parameters ?? {},
    },
    { parameters: 'data' },
  );
}

export function strategiesTable(strategies: readonly Strategy[]): string {
  const rows = strategies.map((strategy) => [
    strategy.id,
    strategy.name,
    memoryDepth(strategy),
    strategy.classifier.stochastic ? 'yes' : 'no',
    strategy.provenance,
  ]);
  const titles = ['id', 'name', 'memory', 'stochastic', 'provenance'];
  const widths = titles.map((title, column) => (column === titles.length - 1 ? 0 : Math.max(title.length, ...rows.map((row) => row[column]!.length))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(titles), ...rows.map(line), '', `${strategies.length} strategies; 'cooplab strategies show ID' prints one in full.`, ''].join('\n');
}

export function strategyDetail(strategy: Strategy): string {
  const parameters = Object.entries(strategy.parameters ?? {});
  return [
    `${strategy.name} (${strategy.id})`,
    '',
    strategy.description,
    '',
    `provenance:   ${strategy.provenance}`,
    `memory depth: ${memoryDepth(strategy)}`,
    `stochastic:   ${strategy.classifier.stochastic ? 'yes' : 'no'}`,
    `fast path:    ${strategy.finiteState ? 'finite-state machine' : 'general (move() per round)'}`,
    ...(parameters.length > 0 ? ['parameters:', ...parameters.map(([key, spec]) => `  ${key} = ${spec.default}  ${spec.description}`)] : []),
    '',
  ].join('\n');
}

export function addStrategiesCommand(program: Command): void {
  const command = program
    .command('strategies')
    .description('list the built-in strategies')
    .option('-f, --format <format>', 'table or json', formatChoice(['table', 'json']), 'table')
    .action((options: { format: OutputFormat }) => {
      emit(options.format === 'json' ? prettyJson(builtinStrategies.map(describe)) : strategiesTable(builtinStrategies), undefined);
    });
  command
    .command('show <id>')
    .description('print one strategy in full (--format json for JSON)')
    .action((id: string, _options: unknown, show: Command) => {
      const { format } = show.optsWithGlobals<{ format: OutputFormat }>();
      const strategy = findStrategy(id);
      if (strategy === undefined) {
        const ids = builtinStrategies.map((candidate) => candidate.id);
        throw new InputError(`unknown strategy '${id}': expected one of the ids listed by 'cooplab strategies'${didYouMean(id, ids)}`);
      }
      emit(format === 'json' ? prettyJson(describe(strategy)) : strategyDetail(strategy), undefined);
    });
}
