import type { Command } from 'commander';
import { outputPath } from './options.js';

export interface ReportOptions {
  out: string;
}

/** `cooplab report RUN --out FILE.html`: one self-contained HTML page of a run, a tournament or a sweep. */
export function addReportCommand(program: Command): void {
  program
    .command('report <run>')
    .description(
      "one self-contained HTML page (settings, SVG charts, the command that reproduces it) of a cluster run's JSON, a tournament's JSON or a sweep folder",
    )
    .requiredOption('-o, --out <file>', 'the HTML file to write, such as report.html', outputPath('--out', 'a file path'))
    .addHelpText(
      'after',
      '\nExamples:\n  cooplab cluster -f json -o run.json && cooplab report run.json --out run.html\n  cooplab tournament -f json -o t.json && cooplab report t.json --out t.html\n  cooplab report runs/fines --out fines.html\n',
    )
    .action(async (run: string, options: ReportOptions) => {
      const { runReportCommand } = await import('../report/report-action.js');
      await runReportCommand(run, options.out);
    });
}
