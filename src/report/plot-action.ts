import { InputError } from '../core/errors.js';
import { emit } from '../formats/output.js';
import { colourEnabled } from '../theme/theme.js';
import { phaseDiagram, phaseSvg, phaseText } from './phase.js';
import { readSweep } from '../formats/sweep-files.js';
import { resolveAxis, resolveMetric } from './sweep-data.js';

export interface PlotRequest {
  readonly x: string;
  readonly y: string;
  readonly metric: string;
  readonly svg?: string;
}

export function runPlotCommand(directory: string, request: PlotRequest): void {
  const sweep = readSweep(directory);
  const x = resolveAxis(sweep, request.x, '--x');
  const y = resolveAxis(sweep, request.y, '--y');
  if (x.path === y.path) throw new InputError(`--x and --y are both '${x.path}': expected two different grid paths`);
  const metric = resolveMetric(sweep, request.metric);
  const diagram = phaseDiagram(sweep, metric, x, y);
  if (request.svg !== undefined) {
    emit(`<?xml version="1.0" encoding="UTF-8"?>\n${phaseSvg(diagram)}\n`, request.svg);
    process.stderr.write(`cooplab: wrote ${request.svg}\n`);
    return;
  }
  process.stdout.write(phaseText(diagram, colourEnabled() && process.stdout.isTTY === true));
}
