import { InputError } from '../core/errors.js';
import { colourEnabled } from '../theme/theme.js';
import { phaseChart, phaseDiagram, phaseText } from './phase.js';
import { writeChartFiles } from './chart-files.js';
import { readSweep } from '../formats/sweep-files.js';
import { resolveAxis, resolveMetric } from './sweep-data.js';

export interface PlotRequest {
  readonly x: string;
  readonly y: string;
  readonly metric: string;
  readonly svg?: string;
}

export async function runPlotCommand(directory: string, request: PlotRequest): Promise<void> {
  const sweep = readSweep(directory);
  const x = resolveAxis(sweep, request.x, '--x');
  const y = resolveAxis(sweep, request.y, '--y');
  if (x.path === y.path) throw new InputError(`--x and --y are both '${x.path}': expected two different grid paths`);
  const metric = resolveMetric(sweep, request.metric);
  const diagram = phaseDiagram(sweep, metric, x, y);
  if (request.svg !== undefined) {
    const [svg, spec] = await writeChartFiles(phaseChart(diagram), request.svg);
    process.stderr.write(`cooplab: wrote ${svg} and its Vega-Lite spec ${spec}\n`);
    return;
  }
  process.stdout.write(phaseText(diagram, colourEnabled() && process.stdout.isTTY === true));
}
