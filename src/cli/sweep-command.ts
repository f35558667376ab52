import { InvalidArgumentError, type Command } from 'commander';
import { collect, generationCount, outputPath, seedValue } from './options.js';

export interface SweepOptions {
  scenario: string;
  grid: string[];
  seeds: number;
  generations?: number;
  seed?: number;
  size?: { width: number; height: number };
  set: string[];
  out: string;
  workers?: number;
  shard?: { index: number; count: number };
  strategy?: string[];
  submissions?: string;
  trusted?: boolean;
}

function count(value: string): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return Number(value);
}

export function shard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : 0;
  const total = match ? Number(match[2]) : 0;
  if (!match || total < 1 || index < 1 || index > total) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, such as 2/8');
  return { index, count: total };
}

function size(value: string): { width: number; height: number } {
  const match = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new InvalidArgumentError('expected WIDTHxHEIGHT, such as 100x100');
  return { width: Number(match[1]), height: Number(match[2]) };
}

export function addSweepCommands(program: Command): void {
  program
    .command('sweep')
    .description('run a scenario over a grid of parameters and seeds: resumable, parallel, shardable')
    .option('--scenario <name|file>', 'a preset or a scenario file', 'training-first')
    .option('--grid <path=values>', 'a parameter and its values: a list (0.05,0.1,0.2) or a range (0:4:0.5); repeatable', collect, [])
    .option('--seeds <k>', 'runs per combination', count, 1)
    .option('-g, --generations <n>', "generations per run; default: the scenario's", generationCount(1))
    .option('--seed <n>', "root seed from which every task's seed is derived", seedValue)
    .option('--size <WxH>', 'lattice size', size)
    .option('--set <path=value>', 'set a parameter for every run; repeatable', collect, [])
    .requiredOption('-o, --out <dir>', 'the folder for the results (rerun the same command to resume)', outputPath('--out', 'a folder path'))
    .option('--workers <n>', 'worker threads (default: the number of cores; at most 4 per core and one per task)', count)
    .option('--shard <i/n>', 'run only the i-th of n deterministic slices of the tasks (for array jobs)', shard)
    .option('--strategy <file>', 'a strategy module file; repeatable', collect, [])
    .option('--submissions <dir>', 'every strategy module in a folder')
    .option('--trusted', 'run module files in-process instead of in the sandbox')
    .action(async (options: SweepOptions) => {
      const { runSweepCommand } = await import('./sweep-action.js');
      await runSweepCommand(options);
    });
  program
    .command('merge <dirs...>')
    .description('combine the folders of a sharded sweep into one, as if it had run on one machine')
    .requiredOption('-o, --out <dir>', 'the folder for the merged results', outputPath('--out', 'a folder path'))
    .action(async (directories: string[], options: { out: string }) => {
      const { runMergeCommand } = await import('./sweep-action.js');
      runMergeCommand(directories, options.out);
    });
}
