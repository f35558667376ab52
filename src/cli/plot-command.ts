import type { Command } from 'commander';
import { outputPath } from './options.js';

export interface PlotOptions {
  x: string;
  y: string;
  metric: string;
  svg?: string;
}

/** `cooplab plot DIR --x PATH --y PATH --metric NAME [--svg FILE]`: a sweep's phase diagram. */
export function addPlotCommand(program: Command): void {
  program
    .command('plot <dir>')
    .description("a sweep's phase diagram: the mean of a metric for each pair of values of two grid parameters, as a heatmap")
    .requiredOption('--x <path>', 'the grid parameter across, such as sanctions.fine')
    .requiredOption('--y <path>', 'the grid parameter up the side, such as trust.gain')
    .option(
      '--metric <name>',
      'a column of results.csv (final_cooperation, avg_mean_trust, …); a short name such as mean_trust means final_mean_trust',
      'final_cooperation',
    )
    .option(
      '--svg <file>',
      'write the diagram as an SVG image instead of drawing it in the terminal, and its Vega-Lite spec beside it (FILE.vl.json)',
      outputPath('--svg', 'a file path'),
    )
    .addHelpText('after', '\nExample:\n  cooplab plot runs/fines --x sanctions.fine --y trust.gain --metric cooperation --svg fines.svg\n')
    .action(async (directory: string, options: PlotOptions) => {
      const { runPlotCommand } = await import('../report/plot-action.js');
      await runPlotCommand(directory, options);
    });
}
