import type { Command } from 'commander';
import { prettyJson } from '../formats/json.js';
import { emit } from '../formats/output.js';
import { formatChoice, type OutputFormat } from './options.js';

export function addValidateCommand(program: Command): void {
  program
    .command('validate <file>')
    .description('build a strategy module, check its shape, play it against a battery of opponents and check it behaves as it declares')
    .option('--trusted', 'run it in-process instead of in the sandbox')
    .option('-f, --format <format>', 'text or json', formatChoice(['table', 'json']), 'table')
    .action(async (file: string, options: { trusted?: boolean; format: OutputFormat }) => {
      const { loadStrategyModules } = await import('../modules/modules.js');
      const { validateStrategy } = await import('../modules/validate.js');
      const loaded = await loadStrategyModules([file], { trusted: options.trusted === true, takenIds: new Set() });
      const strategy = loaded.strategies[0];
      const checks =
        strategy === undefined
          ? [{ name: 'builds and has a valid default export', passed: false, detail: loaded.problems[0]?.reason ?? 'could not be loaded' }]
          : [{ name: 'builds and has a valid default export', passed: true, detail: `${strategy.id}: ${strategy.name}` }, ...validateStrategy(strategy)];
      const valid = checks.every((check) => check.passed);
      if (options.format === 'json') {
        emit(prettyJson({ file, id: strategy?.id ?? null, valid, checks }), undefined);
      } else {
        const lines = checks.map((check) => `${check.passed ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
        emit(`${file}${strategy === undefined ? '' : ` (${strategy.id})`}\n${lines.join('\n')}\n${valid ? 'valid' : 'not valid'}\n`, undefined);
      }
      process.exitCode = valid ? 0 : 1;
    });
}
