import { InvalidArgumentError, type Command } from 'commander';
import { collect, formatChoice, generationCount, outputPath, seedValue, type OutputFormat } from './options.js';

export interface ClusterOptions {
  scenario: string;
  generations?: number;
  seed?: number;
  size?: { width: number; height: number };
  set: string[];
  format?: OutputFormat;
  headless?: boolean;
  strategy?: string[];
  submissions?: string;
  trusted?: boolean;
  seeds?: number;
  workers?: number;
  out?: string;
  projector?: boolean;
  /** The default job of `npm start`: in a pipe it explains instead of computing. */
  demo?: boolean;
}

export function latticeSize(value: string): { width: number; height: number } {
  const match = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(value);
  const width = match ? Number(match[1]) : 0;
  const height = match ? Number(match[2]) : 0;
  if (!match || width < 1 || height < 1 || width > 10_000 || height > 10_000) {
    throw new InvalidArgumentError('expected WIDTHxHEIGHT with each from 1 to 10000, such as 200x70');
  }
  return { width, height };
}

function positiveCount(value: string): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return Number(value);
}

export function addClusterCommand(program: Command): void {
  program
    .command('cluster')
    .description('run the spatial cluster lattice: firms play their neighbours, build or lose trust, and imitate what works')
    .option('--scenario <name|file>', "a preset (see 'cooplab scenarios') or a scenario JSON file", 'training-first')
    .option('-g, --generations <n>', "generations of strategy revision to run (rows 0..n); default: the scenario's", generationCount(0))
    .option('--seed <n>', "root seed; default: the scenario's", seedValue)
    .option('--size <WxH>', 'lattice width and height, such as 200x70', latticeSize)
    .option('--seeds <k>', 'plain output for seeds S … S+k−1 (a leading seed column in CSV, { runs } in JSON)', positiveCount)
    .option(
      '--workers <n>',
      'worker threads: one seed per thread with --seeds, else threads sharing each generation of one run (default: the number of cores, for one run from 200x200 up)',
      positiveCount,
    )
    .option(
      '--set <path=value>',
      'set a parameter, such as trust.gain=0.2 or activities.training.enabled=false (repeatable; the timeline leaves it alone)',
      collect,
      [],
    )
    .option('-f, --format <format>', 'plain output: csv (one row per generation) or json (the series and the final lattice)', formatChoice(['csv', 'json']))
    .option('--strategy <file>', 'a strategy module file, available to the mix (and added to it if absent); repeatable', collect, [])
    .option('--submissions <dir>', 'every strategy module in a folder')
    .option('--trusted', 'run module files in-process instead of in the sandbox (only for code you trust)')
    .option('--headless', 'plain output (csv) even in a terminal, instead of the live view')
    .option('--projector', 'the live view for a projector: bigger cells, bold headline figures, time axes (p toggles it)')
    .option(
      '-o, --out <file>',
      'write the result to a file instead of stdout (the live view writes the series so far on exit)',
      outputPath('--out', 'a file path'),
    )
    .action(async (options: ClusterOptions) => {
      // The model and zod load only when a cluster actually runs, to keep other commands' start fast.
      const { runClusterCommand } = await import('./cluster-action.js');
      await runClusterCommand(options);
    });
}
