import { emit } from '../formats/output.js';
import { cooplabVersion } from '../version.js';
import { buildReport, loadReportInput } from './report.js';

export async function runReportCommand(run: string, out: string): Promise<void> {
  const input = await loadReportInput(run);
  emit(await buildReport(input, cooplabVersion()), out);
  process.stderr.write(`cooplab: wrote the ${input.kind} report ${out}\n`);
}
