import { InvalidArgumentError, type Command } from 'commander';
import { CLASSIC_GAME, type Game } from '../core/game.js';
import { InputError } from '../core/errors.js';
import { choice, count, endProbability, formatChoice, payoffs, positiveInteger, probability, seedValue, type OutputFormat, outputPath } from './options.js';

export interface EvolveOptions {
  dynamics: 'ecological' | 'moran' | 'generational';
  population: { id: string; count: number }[];
  generations: number;
  turns: number;
  probEnd?: number;
  noise: number;
  payoffs: Game;
  allowAnyGame: boolean;
  seed: number;
  format: OutputFormat;
  out?: string;
  runs: number;
  order: 'birth-death' | 'death-birth';
  mutation: number;
  graph: 'complete' | 'cycle';
  cull: number;
  strategy?: string[];
  submissions?: string;
  trusted?: boolean;
  /** The live view (a terminal, no --format or --out). */
  view?: boolean;
}

export function populationSpec(value: string): { id: string; count: number }[] {
  const entries = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const parsed = entries.map((entry) => {
    const match = /^([a-z0-9][a-z0-9-]*)=(\d+)$/.exec(entry);
    if (match === null) throw new InvalidArgumentError(`expected id=count pairs such as tit-for-tat=10,defector=5 (bad part '${entry}')`);
    return { id: match[1]!, count: Number(match[2]) };
  });
  if (parsed.length === 0 || parsed.every((entry) => entry.count === 0))
    throw new InvalidArgumentError('expected id=count pairs with at least one count above 0');
  return parsed;
}

export function addEvolveCommand(program: Command): void {
  program
    .command('evolve')
    .description('population dynamics in a well-mixed population: ecological, Moran or generational')
    .option(
      '--dynamics <kind>',
      'ecological (Axelrod 1984), moran, or generational ("The Evolution of Trust")',
      choice(['ecological', 'moran', 'generational'] as const),
      'ecological',
    )
    .requiredOption('--population <id=count,…>', 'the starting population, such as cooperator=23,defector=1,tit-for-tat=1', populationSpec)
    .option('-g, --generations <n>', 'generations (Moran: N steps each; it stops at fixation)', count, 100)
    .option('-t, --turns <n>', 'rounds per match', positiveInteger, 200)
    .option('--prob-end <p>', 'end each match after a round with probability p', endProbability)
    .option('--noise <p>', 'probability that each chosen move is flipped', probability, 0)
    .option('--payoffs <R,S,T,P>', 'payoff matrix', payoffs, CLASSIC_GAME)
    .option('--allow-any-game', "accept payoffs that are not a prisoner's dilemma", false)
    .option('--seed <n>', 'root seed', seedValue, 1)
    .option('--runs <k>', 'Moran: independent runs; reports how often each strategy fixed, with a 95% interval', positiveInteger, 1)
    .option('--order <order>', 'Moran: birth-death or death-birth', choice(['birth-death', 'death-birth'] as const), 'birth-death')
    .option('--mutation <p>', 'Moran: probability that an offspring takes a random strategy', probability, 0)
    .option('--graph <graph>', 'Moran: complete (well mixed) or cycle', choice(['complete', 'cycle'] as const), 'complete')
    .option('--cull <k>', 'generational: how many of the lowest scorers are replaced by clones of the highest', positiveInteger, 5)
    .option('--strategy <file>', 'a strategy module file whose id the population may name; repeatable', (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option('--submissions <dir>', 'every strategy module in a folder')
    .option('--trusted', 'run module files in-process instead of in the sandbox')
    .option('-f, --format <format>', 'table, csv (one row per generation) or json', formatChoice(['table', 'csv', 'json']), 'table')
    .option('-o, --out <file>', 'write the result to a file instead of stdout', outputPath('--out', 'a file path'))
    .action(async (options: EvolveOptions, command: Command) => {
      const { runEvolveCommand } = await import('./evolve-action.js');
      const { interactive } = await import('../ui/shared/terminal.js');
      const plain = command.getOptionValueSource('format') !== 'default' || options.out !== undefined || (options.dynamics === 'moran' && options.runs > 1);
      await runEvolveCommand({ ...options, view: !plain && interactive() });
    });
}

export { InputError };
