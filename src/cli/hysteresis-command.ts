import { InvalidArgumentError, type Command } from 'commander';
import { latticeSize } from './cluster-command.js';
import { choice, collect, positiveInteger, seedValue, outputPath } from './options.js';

export interface HysteresisOptions {
  scenario: string;
  parameter?: string;
  from?: number;
  to?: number;
  steps: number;
  generations: number;
  seeds: number;
  seed?: number;
  size?: { width: number; height: number };
  set: string[];
  workers?: number;
  format: 'plot' | 'csv' | 'json';
  metric: string;
  svg?: string;
  out?: string;
  input?: string;
}

function numberValue(value: string): number {
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError('expected a number');
  return parsed;
}

export const LOOP_METRIC_NAMES = ['cooperation', 'mutual_cooperation', 'mean_trust', 'mean_payoff'] as const;

/** `cooplab hysteresis`: a parameter swept up and back down with the cluster's state carried along, and the loop drawn. */
export function addHysteresisCommand(program: Command): void {
  program
    .command('hysteresis')
    .description("sweep one parameter up and back down, carrying the cluster's state from step to step, and draw where it settles on each branch")
    .option('--scenario <name|file>', 'a preset or a scenario file', 'lock-in')
    .option('--parameter <path>', 'a numeric parameter that can change during a run, such as subsidy or activities.training.cost')
    .option('--from <x>', 'the lowest value', numberValue)
    .option('--to <x>', 'the highest value', numberValue)
    .option('--steps <n>', 'intervals between --from and --to (steps + 1 values each way)', positiveInteger, 10)
    .option('-g, --generations <n>', 'generations played at each value before the state is recorded', positiveInteger, 60)
    .option('--seeds <k>', 'loops over seeds S … S+k−1', positiveInteger, 10)
    .option('--seed <n>', "the first seed; default: the scenario's", seedValue)
    .option('--size <WxH>', 'lattice width and height, such as 30x30', latticeSize)
    .option('--set <path=value>', 'set a parameter for every loop; repeatable', collect, [])
    .option('--workers <n>', 'worker threads for the seeds (default: the number of cores)', positiveInteger)
    .option(
      '-f, --format <format>',
      'plot (the loop in the terminal), csv (one row per seed and step) or json',
      choice(['plot', 'csv', 'json'] as const),
      'plot',
    )
    .option('--metric <name>', `what the plot shows: ${LOOP_METRIC_NAMES.join(', ')}`, choice(LOOP_METRIC_NAMES), 'cooperation')
    .option('--svg <file>', 'also draw the loop as an SVG image', outputPath('--svg', 'a file path'))
    .option('-o, --out <file>', 'write the output to a file instead of stdout', outputPath('--out', 'a file path'))
    .option('--input <file>', 'draw a loop saved with --format json instead of running one')
    .addHelpText(
      'after',
      '\nExamples:\n  cooplab hysteresis --scenario lock-in --parameter subsidy --from 0 --to 1\n  cooplab hysteresis --parameter subsidy --from 0 --to 1 -f json -o loop.json --svg loop.svg\n  cooplab hysteresis --input loop.json --metric mean_trust\n',
    )
    .action(async (options: HysteresisOptions) => {
      const { runHysteresisCommand } = await import('./hysteresis-action.js');
      await runHysteresisCommand(options);
    });
}
